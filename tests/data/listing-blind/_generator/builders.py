from common import *
from wp import long_us, MONTHS
SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]
DOW = ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]

# ---------------------------------------------------------------- Drupal 9/10 Olivero, views taxonomy term, RDF dates
def drupal_olivero():
    host = "https://www.myositis-network.example"
    base = host + "/taxonomy/term/14"
    as_of = "2025-11-20T12:00:00Z"
    posts = pick(20, 7)
    pub = [datetime(2025, 11, 3, 14, 32, 17, tzinfo=tz(-6)), datetime(2025, 10, 10, 9, 5, 0, tzinfo=tz(-5)), datetime(2025, 9, 12, 16, 0, 41, tzinfo=tz(-5)),
           datetime(2025, 7, 4, 8, 20, 3, tzinfo=tz(-5)), datetime(2025, 5, 2, 11, 11, 11, tzinfo=tz(-5)), datetime(2025, 2, 11, 13, 0, 0, tzinfo=tz(-6)), datetime(2024, 12, 6, 10, 30, 9, tzinfo=tz(-6))]
    authors = ["amara.okoye", "Dr. Owen Ashby", "amara.okoye", "Dr. Owen Ashby", "webmaster", "amara.okoye", "Dr. Owen Ashby"]
    com = [("3 comments", 3), ("1 comment", 1), (None, None), ("Add new comment", 0), ("7 comments", 7), ("Add new comment", 0), ("2 comments", 2)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        path = f"/news/{slugify(t)}"
        vis = f"{DOW[p.weekday()]}, {p.month:02d}/{p.day:02d}/{p.year} - {p.hour:02d}:{p.minute:02d}"
        ct, cn = com[i]
        links = ""
        if ct:
            if cn:
                links = f'<ul class="links inline"><li class="comment-comments"><a href="{path}#comments" title="Jump to the first comment.">{ct}</a></li></ul>'
            else:
                links = f'<ul class="links inline"><li class="comment-add"><a href="/comment/reply/node/{40+i}/comment#comment-form" title="Share your thoughts and opinions.">{ct}</a></li></ul>'
        cards.append(f"""
    <div class="views-row"><article data-history-node-id="{40+i}" role="article" about="{path}" typeof="schema:Article" class="node node--type-article node--promoted node--view-mode-teaser">
  <header class="node__header">
    <h2 class="node__title teaser__title"><a href="{path}" rel="bookmark"><span property="schema:name" class="field field--name-title field--type-string field--label-hidden">{esc(t)}</span>
</a></h2>
      <span property="schema:name" content="{esc(t)}" class="rdf-meta hidden"></span>
  {f'<span property="schema:interactionCount" content="UserComments:{cn}" class="rdf-meta hidden"></span>' if cn is not None else ''}
    <div class="node__meta">
      <span class="node__author">
        By <span rel="schema:author" class="field field--name-uid field--type-entity-reference field--label-hidden"><span lang="" about="/user/{i+2}" typeof="schema:Person" property="schema:name" datatype="">{esc(authors[i])}</span></span>
      </span>
      <span class="node__pubdate">
        <span property="schema:dateCreated" content="{iso(p)}" class="field field--name-created field--type-created field--label-hidden">{vis}</span>
      </span>
    </div>
  </header>
  <div class="node__content">
    <div property="schema:text" class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>{esc(s)}</p></div>
    {links}
  </div>
</article>
</div>""")
        # the rdf interactionCount is present for every node; an editor takes the visible link (null where none is shown)
        items.append(item(t, host + path, authors[i], iso(p), cn, s))
    page = f"""<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/  foaf: http://xmlns.com/foaf/0.1/  og: http://ogp.me/ns#  rdfs: http://www.w3.org/2000/01/rdf-schema#  schema: http://schema.org/  sioc: http://rdfs.org/sioc/ns#  sioct: http://rdfs.org/sioc/types#  skos: http://www.w3.org/2004/02/skos/core#  xsd: http://www.w3.org/2001/XMLSchema# " class="no-js">
  <head>
    <meta charset="utf-8" />
    <meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
    <meta name="MobileOptimized" content="width" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="alternate" type="application/rss+xml" title="Research news" href="{host}/taxonomy/term/14/feed" />
    <link rel="canonical" href="{host}/taxonomy/term/14" />
    <title>Research news | Myositis Network</title>
  </head>
  <body class="path-taxonomy">
    <a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
    <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
  <div id="page-wrapper" class="page-wrapper">
  <div id="page">
    <header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
      <div class="site-header__fixable" data-drupal-selector="site-header-fixable"><div class="site-header__initial"></div>
        <div class="site-header__inner"><div class="container site-header__inner__container">
<div id="block-olivero-site-branding" class="site-branding block block-system block-system-branding-block"><div class="site-branding__inner"><div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Home" rel="home">Myositis Network</a></div></div></div></div>
<div class="header-nav-overlay" data-drupal-selector="header-nav-overlay"></div>
<div class="mobile-buttons" data-drupal-selector="mobile-buttons"><button class="mobile-nav-button" data-drupal-selector="mobile-nav-button" aria-label="Main Menu" aria-controls="header-nav" aria-expanded="false"><span class="mobile-nav-button__label">Menu</span></button></div>
<div id="header-nav" class="header-nav" data-drupal-selector="header-nav"><nav role="navigation" aria-labelledby="block-olivero-main-menu-menu" id="block-olivero-main-menu" class="primary-nav block block-menu navigation menu--main"><h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">Main navigation</h2>
<ul class="menu primary-nav__menu primary-nav__menu--level-1"><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1" data-drupal-link-system-path="&lt;front&gt;"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Home</span></a></li><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/events" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">Events</span></a></li></ul></nav></div>
        </div></div>
      </div>
    </header>
    <div id="main-wrapper" class="layout-main-wrapper layout-container">
      <div id="main" class="layout-main">
        <div class="main-content">
          <a id="main-content" tabindex="-1"></a>
          <div class="main-content__container container">
<div class="region region--breadcrumb grid-full layout--pass--content-medium"><div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><ol class="breadcrumb__list"><li class="breadcrumb__item"><a href="/" class="breadcrumb__link">Home</a></li></ol></nav></div></div>
<div class="region region--content-above grid-full layout--pass--content-medium"><div id="block-olivero-page-title" class="block block-core block-page-title-block"><h1 class="title page-title">Research news</h1></div></div>
<div class="region region--content grid-full layout--pass--content-medium" id="content">
<div id="block-olivero-content" class="block block-system block-system-main-block">
<div class="views-element-container"><div class="view view-taxonomy-term view-id-taxonomy_term view-display-id-page_1 js-view-dom-id-5c1d0e">
    <div class="view-header"><div about="/taxonomy/term/14" id="taxonomy-term-14" class="taxonomy-term vocabulary-tags"><div class="content"><div class="text-content clearfix field field--name-description field--type-text-long field--label-hidden field__item"><p>News from myositis research groups and trials, curated by network volunteers.</p></div></div></div></div>
    <div class="view-content">
{"".join(cards)}
    </div>
  <nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items"><li class="pager__item pager__item--active"><a href="?page=0" title="Current page" aria-current="page" class="pager__link is-active">1</a></li><li class="pager__item"><a href="?page=1" title="Go to page 2" class="pager__link">2</a></li><li class="pager__item pager__item--control pager__item--next"><a href="?page=1" title="Go to next page" rel="next" class="pager__link"><span class="visually-hidden">Next page</span></a></li></ul></nav>
  <div class="feed-icons"><a href="{host}/taxonomy/term/14/feed" class="feed-icon">Subscribe to Research news</a></div>
</div></div>
</div></div>
          </div>
        </div>
        <div class="social-bar"><div class="social-bar__inner fixable"><div class="rotate"><div id="block-olivero-syndicate" role="complementary" class="block block-node block-node-syndicate-block"><a href="/rss.xml" class="feed-icon">RSS feed</a></div></div></div></div>
      </div>
    </div>
    <footer class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-bottom grid-full layout--pass--content-medium"><div id="block-olivero-powered" class="block block-system block-system-powered-by-block"><span>Powered by <a href="https://www.drupal.org">Drupal</a></span></div></div></div></footer>
  </div></div></div>
  </body>
</html>"""
    write("drupal-olivero", base, as_of, page, items)

# ---------------------------------------------------------------- Squarespace 7.1 blog basic grid, M/D/YY dates
def squarespace():
    host = "https://www.movewithmyositis.example"
    base = host + "/journal/category/Exercise"
    as_of = "2025-11-25T17:00:00Z"
    posts = pick(8, 6)
    dates = [datetime(2025, 11, 4), datetime(2025, 10, 28), datetime(2025, 9, 2), datetime(2025, 7, 12), datetime(2025, 5, 6), datetime(2025, 3, 9)]
    authors = ["Harriet Calloway", "Harriet Calloway", "Sigrun Holm", "Harriet Calloway", "Sigrun Holm", "Harriet Calloway"]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        d = dates[i]
        path = f"/journal/{slugify(t)}"
        ex, cut = trunc(s, 28)
        cards.append(f"""
<article class="blog-basic-grid--container entry blog-item is-loaded" data-item-id="64f{i}a9c2e">
  <div class="image-wrapper"><a href="{path}" class="image-wrapper" data-animation-role="image"><img data-src="https://images.squarespace-cdn.example/content/v1/{i}/image.jpg" alt="" loading="lazy" src="https://images.squarespace-cdn.example/content/v1/{i}/image.jpg?format=750w"></a></div>
  <div class="blog-basic-grid--text">
    <div class="blog-meta-section"><span class="blog-categories-list"><a href="/journal/category/Exercise" class="blog-categories">Exercise</a></span></div>
    <h1 class="blog-title"><a href="{path}" data-no-animation>{esc(t)}</a></h1>
    <div class="blog-excerpt"><div class="blog-excerpt-wrapper"><p class="" style="white-space:pre-wrap;">{esc(ex)}{"…" if cut else ""}</p></div></div>
    <div class="blog-meta-section">
      <span class="blog-meta-primary"><span class="blog-author">{esc(authors[i])}</span><time class="blog-date" pubdate data-animation-role="date">{d.month}/{d.day}/{d.year % 100:02d}</time></span>
      <span class="blog-meta-delimiter"></span>
    </div>
    <a class="blog-more-link" href="{path}" data-animation-role="button">Read More</a>
  </div>
</article>""")
        items.append(item(t, host + path, authors[i], d.date().isoformat(), None, ex))
    page = f"""<!doctype html>
<html xmlns:og="http://opengraphprotocol.org/schema/" xmlns:fb="http://www.facebook.com/2008/fbml" lang="en-US">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="">
<meta charset="utf-8" />
<title>Journal &mdash; Move With Myositis</title>
<link rel="canonical" href="{host}/journal"/>
<meta property="og:site_name" content="Move With Myositis"/>
<meta property="og:type" content="website"/>
<link rel="alternate" type="application/rss+xml" title="Journal - Move With Myositis" href="{host}/journal?format=rss" />
<script type="application/ld+json">{{"url":"{host}","name":"Move With Myositis","description":"","@context":"http://schema.org","@type":"WebSite"}}</script>
<script type="application/ld+json">{{"legalName":"Move With Myositis","address":"","email":"hello@movewithmyositis.example","telephone":"","sameAs":[],"@context":"http://schema.org","@type":"Organization"}}</script>
<script>Static = window.Static || {{}}; Static.SQUARESPACE_CONTEXT = {{"website":{{"id":"5f1","identifier":"movewithmyositis","websiteType":1}},"collection":{{"title":"Journal","id":"5f2","fullUrl":"/journal","type":1}}}};</script>
</head>
<body id="collection-5f2" class="tweak-blog-basic-grid-width-inset tweak-blog-basic-grid-image-placement-above tweak-blog-basic-grid-columns-2 header-overlay-alignment-center collection-type-blog-basic-grid collection-layout-default view-list mobile-style-available sqs-seven-one">
<div class="header-announcement-bar-wrapper"><a href="/#subscribe" class="sqs-announcement-bar-url" target="_blank" aria-label="Join our newsletter">Join our newsletter for a weekly gentle workout</a></div>
<header data-test="header" id="header" class="header theme-col--primary" data-section-theme="" data-controller="Header" data-current-styles=""><div class="header-inner container--fluid"><div class="header-display-desktop" data-content-field="site-title"><div class="header-title-nav-wrapper"><div class="header-title" data-animation-role="header-element"><div class="header-title-text"><a href="/" data-animation-role="header-element">Move With Myositis</a></div></div>
<div class="header-nav"><div class="header-nav-wrapper"><nav class="header-nav-list"><div class="header-nav-item header-nav-item--collection"><a href="/about" data-animation-role="header-element">About</a></div><div class="header-nav-item header-nav-item--collection header-nav-item--active"><a href="/journal" data-animation-role="header-element" aria-current="page">Journal</a></div><div class="header-nav-item header-nav-item--collection"><a href="/classes" data-animation-role="header-element">Online classes</a></div></nav></div></div></div></div></div></header>
<main id="page" class="container" role="main">
<article class="sections" id="sections" data-page-sections="5f2">
<section data-test="page-section" data-section-theme="" class="page-section layout-engine-section background-width--full-bleed section-height--medium content-width--wide horizontal-alignment--center vertical-alignment--middle">
<div class="content-wrapper"><div class="content"><h1 class="blog-list-category-title">Exercise</h1></div></div></section>
<section id="collection-section" class="page-section"><div class="content-wrapper"><div class="content collection-content-wrapper">
<div class="blog-basic-grid collection-content-wrapper" data-controller="BlogImageLoader">
{"".join(cards)}
</div>
<nav class="blog-list-pagination"><div class="older"><a href="/journal/category/Exercise?offset=1741518000000" rel="next"><span class="next-label">Older Posts</span><div class="arrow-icon"></div></a></div></nav>
</div></div></section>
</article>
</main>
<footer class="sections" id="footer-sections" data-footer-sections><section class="page-section"><div class="content-wrapper"><div class="content"><div class="sqs-layout sqs-grid-12 columns-12"><div class="row sqs-row"><div class="col sqs-col-12 span-12"><div class="sqs-block html-block sqs-block-html"><div class="sqs-block-content"><div class="sqs-html-content"><p class="" style="text-align:center;white-space:pre-wrap;">Move With Myositis &mdash; gentle movement for inflammatory myopathies. This site does not give medical advice.</p></div></div></div></div></div></div></div></div></section></footer>
</body>
</html>"""
    write("squarespace-mdyy", base, as_of, page, items)

# ---------------------------------------------------------------- Wix blog: hashed classes, relative dates, views + comments icons
def wix():
    host = "https://www.dmwarriors.example"
    base = host + "/blog/categories/stories"
    as_of = "2025-11-20T14:30:00Z"
    posts = pick(12, 7)
    now = datetime(2025, 11, 20, 14, 30, tzinfo=UTC)
    # (visible date text, truth)
    dates = [("2 days ago", "2025-11-18"), ("6 days ago", "2025-11-14"), ("Oct 2, 2025", "2025-10-02"), ("Sep 16, 2025", "2025-09-16"),
             ("Jul 30, 2025", "2025-07-30"), ("Apr 11, 2025", "2025-04-11"), ("Dec 19, 2024", "2024-12-19")]
    authors = ["Nkechi Eze", "Tomasz Nowicki", "Nkechi Eze", "Admin", "Nkechi Eze", "Tomasz Nowicki", "Nkechi Eze"]
    views = [34, 118, 207, 95, 1204, 61, 388]
    com = [0, 3, 12, 1, 0, 5, 2]
    readtime = [3, 5, 2, 4, 6, 3, 7]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        path = f"/post/{slugify(t)}"
        ex, cut = trunc(s, 18)
        cmt = (f'<div class="C3Fh2z" data-hook="comment-count-compact"><span class="QaIe8y"><svg xmlns="http://www.w3.org/2000/svg" width="19" height="19" viewBox="0 0 19 19" role="img"><path d="M9.5,13 L15,13 L15,3 L4,3 L4,13 L6,13 L6,15 Z"></path></svg></span><span class="Kv6M4q" aria-label="{com[i]} comments">{com[i]}</span></div>'
               if com[i] else
               '<div class="C3Fh2z" data-hook="comment-count-compact"><span class="QaIe8y"><svg xmlns="http://www.w3.org/2000/svg" width="19" height="19" viewBox="0 0 19 19" role="img"><path d="M9.5,13 L15,13 L15,3 L4,3 L4,13 L6,13 L6,15 Z"></path></svg></span><span class="Kv6M4q" aria-label="Write a comment">Write a comment</span></div>')
        cards.append(f"""
<div class="gCmS3u" data-hook="post-list-item"><article class="blog-post-category-item-container X7nqSh kGl2Dn" tabindex="-1" data-hook="post-list-item">
<div class="MbUvE5 x6nWaY"><a href="{host}{path}" class="_Pw4uo">
<div class="gr8UQi"><wow-image data-image-info='{{"containerId":"blog-{i}"}}'><img src="https://static.wixstatic.example/media/{i}~mv2.jpg/v1/fill/w_454,h_341/{i}.jpg" alt="" style="width:454px;height:341px;object-fit:cover"></wow-image></div></a></div>
<div class="EY9JLH XRp3Hs"><div class="iK6zCe"><div class="XlzzaN">
<div class="ZRb5z8" data-hook="post-header"><div class="Vpt5Nx"><div class="dWoL8e"><div class="nB3WqE"><a href="/profile/{slugify(authors[i])}/profile" class="_LZVV4" data-hook="avatar-link"><div class="E6BxkT"><img alt="Writer's picture" src="https://static.wixstatic.example/media/avatar{i}.png" style="width:32px;height:32px"></div></a></div>
<div class="QP2nMD"><div class="R2ZBHe"><span class="tQ0Q1A user-name dlINDG" data-hook="user-name">{esc(authors[i])}</span></div>
<ul class="pu51Xe" aria-label="Post info"><li class="XdGiXA"><span class="post-metadata__date time-ago" data-hook="time-ago">{dates[i][0]}</span></li><li class="XdGiXA"><span class="post-metadata__readTime" data-hook="time-to-read">{readtime[i]} min read</span></li></ul></div></div></div></div>
<div class="pu3Qfe"><a href="{host}{path}" class="O16KGI tgWcDE"><div class="B2GGbj" data-hook="post-title"><h2 class="bD0vt9 KNiaIk post-title">{esc(t)}</h2></div>
<div class="BOlnTh" data-hook="post-description"><div class="BOlnTh"><div class="HfOa0r post-description">{esc(ex)}{"..." if cut else ""}</div></div></div></a></div>
</div></div>
<div class="MoztWG"><div class="MoztWG pV3eZ5" data-hook="post-footer"><div class="Yql9dt"><div class="dXo3wv" data-hook="post-stats"><div class="uAJ5Pp view-count" data-hook="view-count"><span class="P7NDOA"><svg xmlns="http://www.w3.org/2000/svg" width="19" height="19" viewBox="0 0 19 19" role="img"><path d="M18.6 9.2c-.1-.2-3.4-5.3-9.1-5.3S.5 9 .4 9.2c-.1.2-.1.4 0 .5s3.4 5.3 9.1 5.3 9-5.1 9.1-5.3c.1-.1.1-.3 0-.5z"></path></svg></span><span class="jDh4rn" aria-label="{views[i]} views">{views[i]}</span></div>
{cmt}</div>
<div class="fVJqSp"><button class="like-button" type="button" aria-label="Post not marked as liked"><span class="like-count" data-hook="like-count">{views[i] % 9}</span></button></div></div></div></div>
</div></article></div>""")
        items.append(item(t, host + path, authors[i], dates[i][1], com[i], ex))
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset='utf-8'>
  <meta name="viewport" content="width=device-width, initial-scale=1" id="wixDesktopViewport" />
  <meta http-equiv="X-UA-Compatible" content="IE=edge">
  <meta name="generator" content="Wix.com Website Builder"/>
  <title>Stories | DM Warriors</title>
  <link rel="canonical" href="{base}"/>
  <meta property="og:title" content="Stories | DM Warriors"/>
  <meta property="og:url" content="{base}"/>
  <meta property="og:site_name" content="DM Warriors"/>
  <link rel="alternate" type="application/rss+xml" title="DM Warriors - RSS" href="{host}/blog-feed.xml"/>
  <script type="application/json" id="wix-viewer-model">{{"siteFeaturesConfigs":{{"platform":{{"bootstrapData":{{"appsSpecData":{{}}}}}}}},"site":{{"metaSiteId":"a1b2c3","isHttps":true}}}}</script>
</head>
<body>
<div id="SITE_CONTAINER"><div id="main_MF" class="main_MF"><div id="SCROLL_TO_TOP" class="Vd6aQZ ignore-focus" tabindex="-1" role="region" aria-label="top of page"><span class="mHZSwn">top of page</span></div>
<div id="site-root" class="site-root"><div id="masterPage" class="mesh-layout">
<header id="SITE_HEADER" class="xU8fqS SITE_HEADER wixui-header" tabindex="-1"><div class="_C0cVf"><div id="comp-kx1" class="comp-kx1 wixui-rich-text" data-testid="richTextElement"><p class="font_0 wixui-rich-text__text"><a href="{host}" target="_self" class="wixui-rich-text__text">DM WARRIORS</a></p></div>
<nav aria-label="Site" class="StylableHorizontalMenu3372578893__root"><ul class="StylableHorizontalMenu3372578893__menu"><li><a class="itemDepth02233374943__root" href="{host}">Home</a></li><li><a class="itemDepth02233374943__root" href="{host}/blog">Blog</a></li><li><a class="itemDepth02233374943__root" href="{host}/meetups">Meet-ups</a></li><li><a class="itemDepth02233374943__root" href="{host}/donate">Donate</a></li></ul></nav></div></header>
<main id="PAGES_CONTAINER" class="PAGES_CONTAINER" tabindex="-1" data-main-content="true"><div id="SITE_PAGES"><div id="tc4qs" class="dVkVf7"><section id="comp-blog" class="wixui-section"><div data-testid="columns" class="V5AUxf">
<div class="zEq3Nz" data-hook="blog-desktop-header-container"><nav class="R5jT0A" data-hook="blog-navigation-header"><ul class="CaJtsM"><li><a href="{host}/blog" class="ZQrvt7">All Posts</a></li><li><a href="{host}/blog/categories/stories" class="ZQrvt7 active">Stories</a></li><li><a href="{host}/blog/categories/medical" class="ZQrvt7">Medical</a></li></ul></nav></div>
<div class="q3fOw1" data-hook="category-header"><h1 class="PjTq6x" data-hook="category-header-title">Stories</h1><div class="BkQ3XG" data-hook="category-header-description">Real stories from members of the DM Warriors community.</div></div>
<div class="pYTxyU" data-hook="post-list"><div class="Sm3qgH" data-hook="post-list-items" role="list">
{"".join(cards)}
</div></div>
<div class="q5PwQP" data-hook="pagination"><nav class="Ub3pTc" aria-label="Pagination"><a class="pAjxRt" href="{host}/blog/categories/stories/page/2" rel="next" aria-label="Next page">&gt;</a></nav></div>
</div></section></div></div></main>
<footer id="SITE_FOOTER" class="xU8fqS SITE_FOOTER wixui-footer" tabindex="-1"><div class="_C0cVf"><div class="wixui-rich-text"><p class="font_9">&copy; 2025 by DM Warriors. Proudly created with Wix.com</p></div></div></footer>
</div></div></div></div>
</body>
</html>"""
    write("wix-relative", base, as_of, page, items)

if __name__ == "__main__":
    drupal_olivero(); squarespace(); wix()
