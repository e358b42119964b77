from common import *
from wp import long_us, MONTHS
SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]

# ---------------------------------------------------------------- Blogger Contempo (new layout)
def blogger_contempo():
    host = "https://musclememos.blogspot.example"
    base = host + "/search/label/IVIG"
    as_of = "2025-11-20T08:00:00Z"
    posts = pick(2, 7)
    pub = [datetime(2025, 11, 12, 21, 4, tzinfo=tz(-5)), datetime(2025, 10, 30, 7, 15, tzinfo=tz(-4)), datetime(2025, 9, 2, 18, 40, tzinfo=tz(-4)),
           datetime(2025, 5, 19, 10, 0, tzinfo=tz(-4)), datetime(2025, 2, 1, 12, 30, tzinfo=tz(-5)), datetime(2024, 12, 24, 23, 59, tzinfo=tz(-5)), datetime(2024, 8, 8, 8, 8, tzinfo=tz(-4))]
    authors = ["Rosalind Pike"] * 4 + ["Guest: Dr. Owen Ashby", "Rosalind Pike", "Rosalind Pike"]
    authors_truth = ["Rosalind Pike"] * 4 + ["Guest: Dr. Owen Ashby", "Rosalind Pike", "Rosalind Pike"]
    com = [("Post a Comment", 0), ("3 comments", 3), ("1 comment", 1), ("Post a Comment", 0), ("12 comments", 12), ("2 comments", 2), ("Post a Comment", 0)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        url = f"{host}/{p.year}/{p.month:02d}/{slugify(t)[:40].rstrip('-')}.html"
        ex, cut = trunc(s, 20)
        cards.append(f"""
<article class='post-outer-container'>
<div class='post-outer'>
<div class='post'>
<script type='application/ld+json'>{{"@context": "http://schema.org","@type": "BlogPosting","mainEntityOfPage": {{"@type": "WebPage","@id": "{url}"}},"headline": {json.dumps(t)},"description": {json.dumps(s[:60])},"datePublished": "{iso(p)}","dateModified": "{iso(p)}","image": {{"@type": "ImageObject","url": "{host}/img/b/R29vZ2xl/AVvXsEh{i}/w1200-h630-p-k-no-nu/x.jpg","height": 630,"width": 1200}},"publisher": {{"@type": "Organization","name": "Blogger","logo": {{"@type": "ImageObject","url": "https://blogger.googleusercontent.example/logo.png","width": 206,"height": 60}}}},"author": {{"@type": "Person","name": {json.dumps(authors[i])}}}}}</script>
<div class='post-header'>
<div class='post-header-line-1'>
<span class='byline post-timestamp'>
<meta content='{url}'>
<a class='timestamp-link' href='{url}' rel='bookmark' title='permanent link'><time class='published' datetime='{iso(p)}' title='{iso(p)}'>{MONTHS[p.month-1]} {p.day:02d}, {p.year}</time></a>
</span>
</div>
</div>
<a href='{url}'><div class='snippet-thumbnail-container'><div class='snippet-thumbnail'><img alt='Image' sizes='(max-width: 800px) 100vw, 800px' src='{host}/img/{i}.jpg'></div></div></a>
<h3 class='post-title entry-title'>
<a href='{url}'>{esc(t)}</a>
</h3>
<div class='post-header'>
<div class='post-header-line-1'>
<span class='byline post-author vcard'><span class='byline-label'>By</span><span class='fn'><meta content='https://www.blogger.example/profile/0{i}'><a class='g-profile' href='https://www.blogger.example/profile/0{i}' rel='author' title='author profile'><span>{esc(authors[i])}</span></a></span></span>
</div>
</div>
<div class='container post-body entry-content' id='post-snippet-{i}'>
<div class='post-snippet snippet-container r-snippetized'>
<div class='snippet-item r-snippetized'>{esc(ex)}{"&#8230;" if cut else ""}</div>
<a class='snippet-fade r-snippetized' href='{url}'></a>
</div>
</div>
<div class='post-bottom'>
<div class='post-footer float-container'>
<div class='post-footer-line post-footer-line-1'>
<span class='byline post-comment-link container'>
<a class='comment-link flat-button ripple' href='{url}#comments'>{com[i][0]}</a>
</span>
</div>
</div>
<div class='jump-link flat-button ripple'>
<a href='{url}' title='{esc(t)}'>Read more</a>
</div>
</div>
</div>
</div>
</article>""")
        items.append(item(t, url, authors_truth[i], iso(p), com[i][1], ex))
    popular = "".join(f"<div class='post'><div class='post-content'><a class='post-content-link' href='{host}/2023/0{k+1}/{slugify(t)}.html'><div class='post-text-container'><div class='post-header'><h3 class='post-title'>{esc(t)}</h3></div><div class='post-snippet'>{esc(s[:80])}&#8230;</div></div></a></div><div class='post-footer'><span class='byline post-timestamp'><time>January {k+3}, 2023</time></span></div></div>" for k, (t, s) in enumerate(pick(18, 3)))
    page = f"""<!DOCTYPE html>
<html dir='ltr' lang='en'>
<head>
<meta content='width=device-width, initial-scale=1' name='viewport'/>
<title>Muscle Memos: IVIG</title>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<link href='{host}/feeds/posts/default/-/IVIG' rel='alternate' title='Muscle Memos - Atom' type='application/atom+xml'/>
<link href='{base}' rel='canonical'/>
</head>
<body class='version-1-3-3 variant-indie_light'>
<div class='page'>
<div class='bg-photo-overlay'></div>
<div class='bg-photo-container'><div class='bg-photo'></div></div>
<div class='page_body'>
<div class='centered'>
<header class='centered-top-container' role='banner'><div class='centered-top'><div class='blog-name container'><div class='container section' id='header' name='Header'><div class='widget Header' data-version='2' id='Header1'><div class='header-widget'><div><h1><a href='{host}/'>Muscle Memos</a></h1></div><p>A long-haul IVIG patient writes it all down.</p></div></div></div></div></div>
<nav role='navigation'><div class='clearboth no-items section' id='page_list_top' name='Page list (top)'></div></nav></header>
<div class='main_content_container clearfix'><div class='main_content'>
<main class='centered-bottom' id='main' role='main' tabindex='-1'>
<div class='main section' id='page_body' name='Page body'>
<div class='widget Blog' data-version='2' id='Blog1'>
<div class='blog-posts hfeed container'>
<div class='post-filter-message'><div>Showing posts with the label <span class='search-label'>IVIG</span></div><div><a class='flat-button ripple' href='{host}/'>Show all</a></div></div>
{"".join(cards)}
</div>
<div class='blog-pager container' id='blog-pager'><a class='blog-pager-older-link flat-button ripple' href='{host}/search/label/IVIG?updated-max=2024-08-08T08:08:00-04:00&amp;max-results=20&amp;start=7&amp;by-date=false' id='Blog1_blog-pager-older-link' title='More posts'>More posts</a></div>
</div>
</div>
</main>
</div></div>
<aside class='sidebar-container container sidebar-invisible' role='complementary'><div class='navigation'><button class='svg-icon-24-button flat-icon-button ripple sidebar-back'>x</button></div>
<div class='sidebar_top_wrapper'><div class='sidebar_top section' id='sidebar_top' name='Sidebar (Top)'>
<div class='widget PopularPosts' data-version='2' id='PopularPosts1'><h3 class='title'>Popular Posts</h3><div class='widget-content'>{popular}</div></div>
<div class='widget Label' data-version='2' id='Label1'><h3 class='title'>Labels</h3><div class='widget-content list-label-widget-content'><ul><li><a class='label-name' href='{host}/search/label/IVIG'>IVIG<span class='label-count'>(14)</span></a></li><li><a class='label-name' href='{host}/search/label/diet'>diet<span class='label-count'>(6)</span></a></li></ul></div></div>
</div></div></aside>
<footer class='footer section' id='footer' name='Footer'><div class='widget Attribution' data-version='2' id='Attribution1'><div class='widget-content'><div class='blogger'><a href='https://www.blogger.example' rel='nofollow'>Powered by Blogger</a></div><div class='image-attribution'>Theme images by Michael Elkan</div></div></div></footer>
</div></div></div>
</body></html>"""
    write("blogger-contempo", base, as_of, page, items)

# ---------------------------------------------------------------- Ghost Source
def ghost_source():
    host = "https://myolab.example"
    base = host + "/tag/research/"
    as_of = "2025-11-20T18:00:00Z"
    posts = pick(10, 7)
    dates = ["2025-11-13", "2025-10-29", "2025-10-02", "2025-08-19", "2025-07-07", "2025-05-26", "2025-03-11"]
    authors = [["Tomasz Nowicki"], ["Dr. Priya Raman", "Tomasz Nowicki"], ["Tomasz Nowicki"], ["Nkechi Eze"], ["Dr. Priya Raman"], ["Tomasz Nowicki"], ["Nkechi Eze"]]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        url = f"{host}/{slugify(t)}/"
        d = datetime.fromisoformat(dates[i])
        au = authors[i]
        au_html = ", ".join(au)
        # editor's truth: a card naming two authors gives both, comma separated as displayed
        au_truth = ", ".join(au)
        cards.append(f"""
    <article class="gh-card post tag-research featured-{i % 2}">
        <a class="gh-card-link" href="/{slugify(t)}/">
            <figure class="gh-card-image"><img srcset="/content/images/size/w160/2025/{i}.webp 160w, /content/images/size/w320/2025/{i}.webp 320w" sizes="320px" src="/content/images/size/w600/2025/{i}.webp" alt="{esc(t)}" loading="lazy"></figure>
            <div class="gh-card-wrapper">
                <p class="gh-card-tag">Research</p>
                <h3 class="gh-card-title is-title">{esc(t)}</h3>
                <p class="gh-card-excerpt is-body">{esc(s)}</p>
                <footer class="gh-card-meta">
                    <span class="gh-card-author">By {esc(au_html)}</span>
                    <time class="gh-card-date" datetime="{dates[i]}">{d.day} {SH[d.month-1]} {d.year}</time>
                    <script data-ghost-comment-count="66{i}f0a" data-ghost-comment-count-empty="" data-ghost-comment-count-singular="comment" data-ghost-comment-count-plural="comments" data-ghost-comment-count-tag="span" data-ghost-comment-count-class-name="gh-card-comments" data-ghost-comment-count-autowrap="true"></script>
                </footer>
            </div>
        </a>
    </article>""")
        items.append(item(t, url, au_truth, dates[i], None, s))
    featured = "".join(f'<article class="gh-card post featured"><a class="gh-card-link" href="/{slugify(t)}/"><div class="gh-card-wrapper"><h3 class="gh-card-title is-title">{esc(t)}</h3><footer class="gh-card-meta"><time class="gh-card-date" datetime="2024-0{k+2}-1{k}">1{k} {SH[k+1]} 2024</time></footer></div></a></article>' for k, (t, _) in enumerate(pick(27, 3)))
    ld = {"@context": "https://schema.org", "@type": "Series", "publisher": {"@type": "Organization", "name": "MyoLab Notes", "url": host + "/", "logo": {"@type": "ImageObject", "url": host + "/content/images/logo.png"}}, "url": base, "name": "Research", "mainEntityOfPage": base}
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
    <title>Research - MyoLab Notes</title>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" type="text/css" href="/assets/built/screen.css?v=4c2e1a">
    <link rel="canonical" href="{base}">
    <meta name="referrer" content="no-referrer-when-downgrade">
    <meta property="og:site_name" content="MyoLab Notes">
    <meta property="og:type" content="website">
    <meta property="og:title" content="Research - MyoLab Notes">
    <meta property="og:description" content="Plain-language summaries of new myositis research.">
    <script type="application/ld+json">
{json.dumps(ld, indent=4)}
    </script>
    <meta name="generator" content="Ghost 5.101">
    <link rel="alternate" type="application/rss+xml" title="MyoLab Notes" href="{host}/rss/">
    <script defer src="https://cdn.jsdelivr.example/ghost/comments-ui@~1.0/umd/comments-ui.min.js" data-ghost-comments="{host}/" data-api="{host}/ghost/api/content/" crossorigin="anonymous"></script>
</head>
<body class="tag-template tag-research has-sans-title has-sans-body">
<div class="gh-viewport">
    <header id="gh-navigation" class="gh-navigation is-middle-logo gh-outer">
        <div class="gh-navigation-inner gh-inner">
            <div class="gh-navigation-brand"><a class="gh-navigation-logo is-title" href="{host}">MyoLab Notes</a></div>
            <nav class="gh-navigation-menu"><ul class="nav"><li class="nav-home"><a href="{host}/">Home</a></li><li class="nav-research nav-current"><a href="{host}/tag/research/">Research</a></li><li class="nav-stories"><a href="{host}/tag/stories/">Stories</a></li><li class="nav-about"><a href="{host}/about/">About</a></li></ul></nav>
            <div class="gh-navigation-actions"><div class="gh-navigation-members"><a href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div>
        </div>
    </header>
    <main class="gh-main gh-outer">
        <section class="gh-archive gh-inner">
            <div class="gh-archive-inner">
                <header class="gh-archive-wrapper">
                    <h1 class="gh-article-title is-title">Research</h1>
                    <p class="gh-article-excerpt is-body">Plain-language summaries of new myositis research, from trial results to lab discoveries. Written by people who read the papers so you do not have to.</p>
                </header>
            </div>
        </section>
        <section class="gh-container is-grid gh-outer">
            <div class="gh-container-inner gh-inner">
                <main class="gh-main">
                    <div class="gh-feed">
{"".join(cards)}
                    </div>
                </main>
                <aside class="gh-sidebar"><div class="gh-sidebar-inner"><section class="gh-about"><h3 class="gh-about-title is-title">MyoLab Notes</h3><p class="gh-about-description is-body">Research news for people living with myositis.</p><button class="gh-button" data-portal="signup">Subscribe</button></section>
                <section class="gh-featured"><h4 class="gh-featured-title">Featured</h4><div class="gh-featured-feed">{featured}</div></section></div></aside>
            </div>
        </section>
        <div class="gh-more is-title"><a href="{host}/tag/research/page/2/">See all <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M2 16h28"></path></svg></a></div>
    </main>
    <footer class="gh-footer gh-outer"><div class="gh-footer-inner gh-inner"><div class="gh-footer-bar"><span class="gh-footer-logo is-title">MyoLab Notes</span><nav class="gh-footer-menu"><ul class="nav"><li class="nav-sign-up"><a href="#/portal/">Sign up</a></li></ul></nav><div class="gh-footer-copyright">Powered by <a href="https://ghost.example/" target="_blank" rel="noopener">Ghost</a></div></div></div></footer>
</div>
</body>
</html>"""
    write("ghost-source", base, as_of, page, items)

# ---------------------------------------------------------------- Hugo Ananke (no author, relative links)
def hugo_ananke():
    host = "https://quietmuscle.example"
    base = host + "/tags/physiotherapy/"
    as_of = "2025-11-21T06:00:00Z"
    posts = pick(6, 6)
    dates = [datetime(2025, 10, 30), datetime(2025, 9, 14), datetime(2025, 6, 3), datetime(2025, 4, 21), datetime(2025, 1, 9), datetime(2024, 11, 28)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        path = f"/posts/{slugify(t)}/"
        url = host + path
        d = dates[i]
        ex, cut = trunc(s, 26)
        cards.append(f"""
  <div class="relative w-100 mb4 bg-white nested-copy-line-height">
    <div class="bg-white mb3 pa4 gw-bg-white-l relative flex flex-column ba b--moon-gray">
      <div class="flex flex-column flex-row-ns">
        <div class="blah w-100">
          <div class="f6 dib tracked-tight ttu mb1 silver">posts</div>
          <h1 class="f3 fw1 athelas mt0 lh-title">
            <a href="{path}" class="color-inherit dim link">
              {esc(t)}
            </a>
          </h1>
          <div class="f6 f5-l lh-copy nested-copy-line-height nested-links">
            {esc(ex)}{" …" if cut else ""}
          </div>
          <time class="f6 mv4 dib tracked" datetime="{d.date().isoformat()}T00:00:00Z">{MONTHS[d.month-1]} {d.day}, {d.year}</time>
          <a href="{path}" class="ba b--moon-gray bg-light-gray br2 color-inherit dib f7 hover-bg-moon-gray link mt2 ph2 pv1">read more</a>
        </div>
      </div>
    </div>
  </div>""")
        items.append(item(t, url, None, f"{d.date().isoformat()}T00:00:00+00:00", None, ex))
    page = f"""<!DOCTYPE html>
<html lang="en-us">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
    <title>Physiotherapy | Quiet Muscle</title>
    <meta name="viewport" content="width=device-width,minimum-scale=1">
    <meta name="description" content="Notes on moving well with myositis">
    <meta name="generator" content="Hugo 0.139.3">
    <link rel="stylesheet" href="/ananke/css/main.min.css" >
    <link href="/tags/physiotherapy/index.xml" rel="alternate" type="application/rss+xml" title="Quiet Muscle" />
    <link rel="canonical" href="{base}">
    <meta property="og:url" content="{base}">
    <meta property="og:site_name" content="Quiet Muscle">
    <meta property="og:title" content="Physiotherapy">
  </head>
  <body class="ma0 avenir bg-near-white">
  <header>
    <div class="pb3-m pb6-l bg-black">
      <nav class="pv3 ph3 ph4-ns" role="navigation">
        <div class="flex-l justify-between items-center center">
          <a href="/" class="f3 fw2 hover-white no-underline white-90 dib">Quiet Muscle</a>
          <div class="flex-l items-center">
            <ul class="pl0 mr3">
              <li class="list f5 f4-ns fw4 dib pr3"><a class="hover-white no-underline white-90" href="/about/" title="About page">About</a></li>
              <li class="list f5 f4-ns fw4 dib pr3"><a class="hover-white no-underline white-90" href="/posts/" title="Posts page">Posts</a></li>
            </ul>
          </div>
        </div>
      </nav>
      <div class="tc-l pv3 ph3 ph4-ns">
        <h1 class="f2 f-subheadline-l fw2 light-silver mb0 lh-title">Physiotherapy</h1>
      </div>
    </div>
  </header>
  <main class="pb7" role="main">
  <article class="cf pa3 pa4-m pa4-l">
    <div class="measure-wide-l center f4 lh-copy nested-copy-line-height nested-links mid-gray">
      <p>Below you will find pages that utilize the taxonomy term &ldquo;Physiotherapy&rdquo;</p>
    </div>
  </article>
  <div class="mw8 center">
    <section class="flex-ns flex-wrap justify-around mt5">
{"".join(cards)}
    </section>
  </div>
  </main>
  <footer class="bg-black bottom-0 w-100 pa3" role="contentinfo">
    <div class="flex justify-between">
      <a class="f4 fw4 hover-white no-underline white-70 dn dib-ns pv2 ph3" href="{host}/">&copy; Quiet Muscle 2025</a>
      <div><div class="ananke-socials"></div></div>
    </div>
  </footer>
  </body>
</html>"""
    write("hugo-ananke", base, as_of, page, items)

# ---------------------------------------------------------------- Jekyll Chirpy (card wrapper anchor, no author, relative links)
def jekyll_chirpy():
    host = "https://myodiary.example"
    base = host + "/categories/daily-life/"
    as_of = "2025-11-20T20:00:00Z"
    posts = pick(16, 6)
    pub = [datetime(2025, 11, 15, 20, 30, tzinfo=tz(8)), datetime(2025, 10, 4, 9, 0, tzinfo=tz(8)), datetime(2025, 8, 22, 13, 45, tzinfo=tz(8)),
           datetime(2025, 6, 1, 7, 10, tzinfo=tz(8)), datetime(2025, 3, 18, 22, 0, tzinfo=tz(8)), datetime(2024, 12, 2, 11, 11, tzinfo=tz(8))]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        path = f"/posts/{slugify(t)}/"
        cards.append(f"""
      <article class="card-wrapper card">
        <a href="{path}" class="post-preview row g-0 flex-md-row-reverse">
          <div class="col-md-12">
            <div class="card-body d-flex flex-column">
              <h1 class="card-title my-2 mt-md-0">{esc(t)}</h1>
              <div class="card-text content mt-0 mb-3">
                <p>{esc(s)}</p>
              </div>
              <div class="post-meta flex-grow-1 d-flex align-items-end">
                <div class="me-auto">
                  <i class="far fa-calendar fa-fw me-1"></i>
                  <time data-df="ll" data-bs-toggle="tooltip">{SH[p.month-1]} {p.day}, {p.year}</time>
                  <i class="far fa-folder-open fa-fw me-1"></i>
                  <span class="categories">Daily Life</span>
                </div>
              </div>
            </div>
          </div>
        </a>
      </article>""")
        items.append(item(t, host + path, None, p.date().isoformat(), None, s))
    page = f"""<!doctype html>
<html lang="en" data-mode="light">
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
    <meta name="theme-color" media="(prefers-color-scheme: light)" content="#f7f7f7">
    <meta name="viewport" content="width=device-width, user-scalable=no initial-scale=1, shrink-to-fit=no, viewport-fit=cover">
    <meta name="generator" content="Jekyll v4.3.4" />
    <meta property="og:title" content="Daily Life" />
    <meta property="og:locale" content="en" />
    <link rel="canonical" href="{base}" />
    <meta property="og:site_name" content="Myo Diary" />
    <script type="application/ld+json">
    {{"@context":"https://schema.org","@type":"WebPage","description":"A personal diary of life with dermatomyositis","headline":"Daily Life","url":"{base}"}}</script>
    <title>Daily Life | Myo Diary</title>
    <link rel="alternate" type="application/atom+xml" href="/feed.xml" title="Myo Diary" />
  </head>
  <body>
    <aside aria-label="Sidebar" id="sidebar" class="d-flex flex-column align-items-end">
      <header class="profile-wrapper">
        <a href="/" id="avatar" class="rounded-circle"><img src="/assets/img/avatar.png" width="112" height="112" alt="avatar"></a>
        <h1 class="site-title"><a href="/">Myo Diary</a></h1>
        <p class="site-subtitle fst-italic mb-0">A personal diary of life with dermatomyositis, by Marguerite Delacroix</p>
      </header>
      <nav class="flex-column flex-grow-1 w-100 ps-0">
        <ul class="nav">
          <li class="nav-item"><a href="/" class="nav-link"><i class="fa-fw fas fa-home"></i><span>HOME</span></a></li>
          <li class="nav-item active"><a href="/categories/" class="nav-link"><i class="fa-fw fas fa-stream"></i><span>CATEGORIES</span></a></li>
          <li class="nav-item"><a href="/tags/" class="nav-link"><i class="fa-fw fas fa-tags"></i><span>TAGS</span></a></li>
          <li class="nav-item"><a href="/archives/" class="nav-link"><i class="fa-fw fas fa-archive"></i><span>ARCHIVES</span></a></li>
        </ul>
      </nav>
    </aside>
    <div id="main-wrapper" class="d-flex justify-content-center">
      <div class="container d-flex flex-column px-xxl-5">
        <header id="topbar-wrapper" aria-label="Top Bar"><div id="topbar" class="d-flex align-items-center justify-content-between px-lg-3 h-100"><nav id="breadcrumb" aria-label="Breadcrumb"><span><a href="/">Home</a></span><span>Daily Life</span></nav></div></header>
        <div class="row flex-grow-1">
          <main aria-label="Main Content" class="col-12 col-lg-11 col-xl-9 px-md-4">
            <div id="post-list" class="flex-grow-1 px-xl-1">
{"".join(cards)}
            </div>
            <nav aria-label="Page Navigation"><ul class="pagination align-items-center mt-4 mb-0"><li class="page-item disabled"><a class="page-link" href="#" aria-label="previous-page"><i class="fas fa-angle-left"></i></a></li><li class="page-item active"><a class="page-link" href="#">1</a></li><li class="page-item"><a class="page-link" href="/categories/daily-life/page2/">2</a></li><li class="page-item"><a class="page-link" href="/categories/daily-life/page2/" aria-label="next-page"><i class="fas fa-angle-right"></i></a></li></ul></nav>
          </main>
          <aside aria-label="Panel" id="panel-wrapper" class="col-xl-3 ps-2 mb-5 text-muted">
            <div class="access">
              <section id="access-lastmod"><h2 class="panel-heading">Recently Updated</h2><ul class="content list-unstyled ps-0 pb-1 ms-1 mt-2">{"".join(f'<li class="text-truncate lh-lg"><a href="/posts/{slugify(t)}/">{esc(t)}</a></li>' for t, _ in pick(4, 4))}</ul></section>
              <section><h2 class="panel-heading">Trending Tags</h2><div class="d-flex flex-wrap mt-3 mb-1 me-3"><a class="post-tag btn btn-outline-primary" href="/tags/ivig/">IVIG</a><a class="post-tag btn btn-outline-primary" href="/tags/fatigue/">fatigue</a></div></section>
            </div>
          </aside>
        </div>
        <footer aria-label="Site Info" class="d-flex flex-column justify-content-center text-muted flex-lg-row justify-content-lg-between align-items-lg-center pb-lg-3"><p>&copy; <time>2025</time> <a href="/">Marguerite Delacroix</a>. Some rights reserved.</p><p>Using the <a href="https://github.example/cotes2020/jekyll-theme-chirpy">Chirpy</a> theme for <a href="https://jekyllrb.example">Jekyll</a>.</p></footer>
      </div>
    </div>
  </body>
</html>"""
    write("jekyll-chirpy", base, as_of, page, items)

if __name__ == "__main__":
    blogger_contempo(); ghost_source(); hugo_ananke(); jekyll_chirpy()
