from common import *
from wp import long_us, MONTHS
SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]

# ---------------------------------------------------------------- Webflow CMS collection list
def webflow():
    host = "https://www.fibrefit.example"
    base = host + "/blog-categories/nutrition"
    as_of = "2025-11-20T10:00:00Z"
    posts = pick(23, 6)
    dates = [datetime(2025, 11, 11), datetime(2025, 10, 1), datetime(2025, 8, 27), datetime(2025, 6, 14), datetime(2025, 3, 3), datetime(2024, 10, 20)]
    authors = ["Eleni Papadaki", "Dr. Priya Raman", "Eleni Papadaki", "Eleni Papadaki", "Dr. Priya Raman", "Eleni Papadaki"]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        d = dates[i]
        path = f"/post/{slugify(t)}"
        cards.append(f"""
<div role="listitem" class="blog-item w-dyn-item">
  <a href="{path}" class="blog-card w-inline-block">
    <div class="blog-card-image-wrap"><img src="https://cdn.prod.website-files.example/64a1/{i}_cover.webp" loading="lazy" alt="" sizes="(max-width: 479px) 100vw, 360px" class="blog-card-image"/></div>
    <div class="blog-card-content">
      <div class="blog-card-category">Nutrition</div>
      <h3 class="heading-blog">{esc(t)}</h3>
      <p class="paragraph-blog">{esc(s)}</p>
      <div class="blog-meta">
        <div class="blog-author-wrap"><img src="https://cdn.prod.website-files.example/64a1/author{i % 2}.webp" loading="lazy" alt="" class="blog-author-image"/><div class="blog-author-name">{esc(authors[i])}</div></div>
        <div class="blog-meta-divider"></div>
        <div class="blog-date">{MONTHS[d.month-1]} {d.day}, {d.year}</div>
        <div class="blog-meta-divider"></div>
        <div class="blog-read-time">{4 + i} min read</div>
      </div>
    </div>
  </a>
</div>""")
        items.append(item(t, host + path, authors[i], d.date().isoformat(), None, s))
    page = f"""<!DOCTYPE html><!-- This site was created in Webflow. https://webflow.com --><!-- Last Published: Thu Nov 20 2025 08:12:44 GMT+0000 (Coordinated Universal Time) --><html data-wf-domain="www.fibrefit.example" data-wf-page="64a1b2c3d4e5f6a7b8c9d0e1" data-wf-site="64a1b2c3d4e5f6a7b8c9d0e0" lang="en" data-wf-collection="64a1b2c3d4e5f6a7b8c9d0f2" data-wf-item-slug="nutrition"><head><meta charset="utf-8"/><title>Nutrition | FibreFit Blog</title><meta content="Eating well with myositis: practical nutrition advice." name="description"/><meta content="width=device-width, initial-scale=1" name="viewport"/><meta content="Webflow" name="generator"/><link href="https://cdn.prod.website-files.example/64a1/css/fibrefit.webflow.8c1d2e.css" rel="stylesheet" type="text/css"/><link href="{base}" rel="canonical"/></head><body><div data-animation="default" class="navbar w-nav" data-easing2="ease" data-easing="ease" data-collapse="medium" role="banner" data-duration="400"><div class="nav-container w-container"><a href="/" aria-current="page" class="brand w-nav-brand"><img src="https://cdn.prod.website-files.example/64a1/logo.svg" loading="lazy" alt="FibreFit"/></a><nav role="navigation" class="nav-menu w-nav-menu"><a href="/" class="nav-link w-nav-link">Home</a><a href="/programs" class="nav-link w-nav-link">Programs</a><a href="/blog" class="nav-link w-nav-link">Blog</a><a href="/contact" class="nav-link w-nav-link">Contact</a></nav><div class="menu-button w-nav-button"><div class="w-icon-nav-menu"></div></div></div></div>
<section class="section-blog-hero"><div class="container-large"><div class="blog-hero-content"><div class="subheading">Category</div><h1 class="heading-hero">Nutrition</h1><p class="paragraph-large">Eating well with myositis: protein, bone health, swallowing-friendly meals and the supplements worth discussing with your team.</p></div></div></section>
<section class="section-blog-list"><div class="container-large"><div class="w-dyn-list"><div role="list" class="blog-grid w-dyn-items">
{"".join(cards)}
</div><div role="navigation" aria-label="List" class="w-pagination-wrapper pagination"><a href="?7f3a_page=2" aria-label="Next Page" class="w-pagination-next next-button"><div class="w-inline-block">Next</div></a></div></div></div></section>
<section class="section-cta"><div class="container-large"><div class="cta-wrap"><h2 class="heading-cta">Join the FibreFit newsletter</h2><div class="w-form"><form id="email-form" name="email-form" data-name="Email Form" method="get"><input class="text-field w-input" maxlength="256" name="email" placeholder="Your email" type="email" required=""/><input type="submit" data-wait="Please wait..." class="button w-button" value="Subscribe"/></form></div></div></div></section>
<footer class="footer"><div class="container-large"><div class="footer-grid"><div class="footer-col"><a href="/privacy" class="footer-link">Privacy</a><a href="/terms" class="footer-link">Terms</a></div><div class="footer-copyright">&copy; 2025 FibreFit. All rights reserved.</div></div></div></footer>
<script src="https://d3e54v103j8qbb.cloudfront.example/js/jquery-3.5.1.min.js" type="text/javascript"></script><script src="https://cdn.prod.website-files.example/64a1/js/webflow.2b3c.js" type="text/javascript"></script></body></html>"""
    write("webflow", base, as_of, page, items)

# ---------------------------------------------------------------- Medium-like tag archive: hashed classes, year-less dates, claps vs responses
def medium():
    host = "https://medium.example"
    base = host + "/tag/myositis/archive"
    as_of = "2025-11-20T12:00:00Z"
    posts = pick(26, 7)
    # (visible, truth): current-year dates are shown without a year, as Medium does
    dates = [("2d ago", "2025-11-18"), ("Nov 9", "2025-11-09"), ("Oct 27", "2025-10-27"), ("Aug 3", "2025-08-03"), ("Feb 14", "2025-02-14"), ("Dec 30, 2024", "2024-12-30"), ("Sep 2, 2024", "2024-09-02")]
    authors = [("Amara Okoye", "@amaraokoye"), ("Callum Fraser", "@cfraser"), ("Sigrun Holm", "@sigrunholm"), ("Amara Okoye", "@amaraokoye"), ("Dr. Owen Ashby", "@owenashby"), ("Marguerite Delacroix", "@mdelacroix"), ("Callum Fraser", "@cfraser")]
    claps = ["1.2K", "86", "412", "23", "3.4K", "57", "190"]
    responses = [14, None, 3, 1, 27, None, 2]
    subs = [s.split(". ")[0] + "." for _, s in posts]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        name, handle = authors[i]
        slug = slugify(t) + f"-{'a1b2c3d4e5f6a7'[i:i+6]}{i}"
        url = f"{host}/{handle}/{slug}"
        resp = (f'<div class="bu bv"><button class="ao ay be bt" aria-label="responses"><svg width="24" height="24" viewBox="0 0 24 24" class="jd"><path d="M18 16.8a7.14 7.14 0 0 0 2.24-5.32c0-4.12-3.53-7.48-8.05-7.48C7.67 4 4 7.36 4 11.48c0 4.13 3.67 7.48 8.2 7.48"></path></svg><span class="pw-responses-count ae af ag ah ai aj">{responses[i]}</span></button></div>'
                if responses[i] is not None else "")
        cards.append(f"""
<article class="ra rb rc rd re rf rg" data-testid="post-preview"><div class="l ds"><div class="l"><div class="rh ri l ao"><div class="ab cb"><div class="iq l"><div class="ab"><div class="ab q"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/{handle}?source=tag_archive" rel="noopener follow"><div class="l eg"><img alt="{esc(name)}" class="l es by dd de cx" src="https://miro.medium.example/v2/resize:fill:40:40/{i}.jpeg" width="20" height="20" loading="lazy"/></div></a>
<div class="ji ab q"><div class="bn"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/{handle}?source=tag_archive" rel="noopener follow"><p class="bf b dt z ec pd ee ef eg eh ei ej bk">{esc(name)}</p></a></div></div></div></div></div></div>
<div class="ie ab bn"><div class="cz ab ee"><div class="ng l"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/{handle}/{slug}" rel="noopener follow"><div class="bf l" data-testid="post-preview-title"><h2 class="bf fr pg ph pi pj pk pl pm pn po pp pq pr ps pt pu pv pw px py pz qa eh ei ek bk">{esc(t)}</h2></div><div class="qb l" data-testid="post-preview-subtitle"><h3 class="bf b ik z ec qc ee ef qd eh ei dx">{esc(subs[i])}</h3></div></a></div>
<div class="qe qf ab q"><span class="bf b bg z dx"><div class="qg ab q"><div class="ab q"><span>{dates[i][0]}</span></div></div></span>
<div class="ab q qh"><div class="bu bv"><div class="ab q ee"><span class="qi"><svg width="16" height="16" viewBox="0 0 16 16" class="clap-icon"><path d="m3.672 10.167 2.138 2.14h-.002c1.726 1.722 4.337 2.436 5.96.81 1.472-1.45 1.806-3.68.76-5.388l-1.815-3.484c-.353-.524-.849-1.22-1.337-.958"></path></svg></span><span class="pw-multi-vote-count l ee"><p class="bf b bg z dx"><span class="bu">{claps[i]}</span></p></span></div></div>{resp}</div></div></div></div></div></div></div></div></article>""")
        items.append(item(t, url, name, dates[i][1], responses[i], subs[i]))
    page = f"""<!doctype html><html lang="en"><head><title>Myositis – Medium</title><meta data-rh="true" charset="utf-8"/><meta data-rh="true" name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1,maximum-scale=1"/><meta data-rh="true" name="theme-color" content="#000000"/><meta data-rh="true" property="og:site_name" content="Medium"/><meta data-rh="true" name="robots" content="index,follow,max-image-preview:large"/><link data-rh="true" rel="canonical" href="{base}"/><style type="text/css" data-fela-rehydration="561" data-fela-type="STATIC">html{{box-sizing:border-box;-webkit-text-size-adjust:100%}}*, *:before, *:after{{box-sizing:inherit}}body{{margin:0;padding:0;text-rendering:optimizeLegibility}}</style><style type="text/css" data-fela-rehydration="561" data-fela-type="RULE">.a{{font-family:medium-content-sans-serif-font}}.ab{{display:flex}}.ae{{color:inherit}}.bf{{font-family:sohne}}</style></head><body><div id="root"><div class="a b c"><div class="d e f g h i j k"></div><div class="l c"><div class="l n o"><div class="p q r s t u v w"><div class="x y l z"><div class="ab ac ad"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/?source=tag_archive" aria-label="Homepage" data-testid="headerMediumLogo"><svg viewBox="0 0 1043.63 592.71" class="at au"><path d="M588.67 296.36c0 163.67-131.78 296.35-294.33 296.35S0 460 0 296.36 131.78 0 294.34 0s294.33 132.69 294.33 296.36"></path></svg></a><div class="av h"><div class="ab aw ax ay az ba bb bc bd"><input role="combobox" aria-controls="search-results" aria-expanded="false" aria-label="search" data-testid="headerSearchInput" tabindex="0" class="ax be bf bg z bh bi bj bk bl bm" placeholder="Search" value=""/></div></div></div><div class="h k w fg fh"><div class="fi ab"><span><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/m/signin?operation=register" rel="noopener follow"><div class="ab q"><div class="bf b bg z dx">Write</div></div></a></span></div></div></div></div></div></div>
<div class="ab cb"><div class="ch bg fm fn fo fp"><div class="ab q ff"><div class="gh l"><h1 class="bf gi gj gk gl gm gn go gp gq gr gs gt gu gv gw gx gy gz ha hb hc hd he hf hg hh hi bk">Myositis</h1><div class="hj hk l"><p class="bf b dt z dx">Topic · 2.1K Followers · 640 Stories</p></div></div></div>
<div class="hl ab"><div class="hm hn ab"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/tag/myositis/recommended" rel="noopener follow"><p class="bf b dt z dx">Recommended</p></a></div><div class="hm ho ab"><a class="ae af ag ah ai aj ak al am an ao ap aq ar as" href="/tag/myositis/archive" rel="noopener follow"><p class="bf b dt z bk">Archive</p></a></div></div>
<div class="hp l">
{"".join(cards)}
</div>
<div class="hq l"><h2 class="bf b hr z bk">Recommended from Medium</h2><div class="ab">{"".join(f'<div class="hs ht hu"><a class="ae af ag" href="/@someone{k}/{slugify(t)}-0f0f{k}?source=read_next_recirc" rel="noopener follow"><h2 class="bf fr hv">{esc(t)}</h2></a><span class="bf b bg z dx">Jun {k+3}, 2023</span><span class="pw-multi-vote-count l ee">{k*13+5}</span><span class="pw-responses-count">{k+1}</span></div>' for k, (t, _) in enumerate(pick(1, 3)))}</div></div>
</div></div></div></div>
<script>window.__BUILD_ID__="main-20251118-200119-5c1ab30f72";window.__GRAPHQL_URI__ = "https://medium.example/_/graphql";window.__PRELOADED_STATE__ = {{"algolia":{{}},"cache":{{"experimentGroupSet":true,"reason":"","group":"enabled","tags":["group-edgeCachePosts","post-"]}},"client":{{"isUs":false,"isNativeMedium":false}}}};</script>
</body></html>"""
    write("medium-tag-archive", base, as_of, page, items)

# ---------------------------------------------------------------- Substack archive
def substack():
    host = "https://thestrengthletter.substack.example"
    base = host + "/archive?sort=new"
    as_of = "2025-11-21T00:00:00Z"
    posts = pick(4, 6)
    pub = [datetime(2025, 11, 18, 13, 2, 11, tzinfo=UTC), datetime(2025, 11, 4, 11, 0, 5, tzinfo=UTC), datetime(2025, 10, 21, 12, 30, 0, tzinfo=UTC),
           datetime(2025, 9, 30, 10, 15, 44, tzinfo=UTC), datetime(2025, 7, 8, 14, 0, 0, tzinfo=UTC), datetime(2024, 12, 17, 9, 45, 30, tzinfo=UTC)]
    vis = ["Nov 18", "Nov 4", "Oct 21", "Sep 30", "Jul 8", "Dec 17, 2024"]
    authors = ["Dr. Owen Ashby"] * 3 + ["Dr. Owen Ashby and Rosalind Pike", "Dr. Owen Ashby", "Dr. Owen Ashby"]
    likes = [48, 21, 96, 15, 230, 9]
    com = [12, 0, 31, 4, 57, 0]
    subs = [s.split(". ")[0] + "." for _, s in posts]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        url = f"{host}/p/{slugify(t)}"
        zstamp = p.strftime("%Y-%m-%dT%H:%M:%S") + ".000Z"
        au = authors[i]
        au_html = au if " and " not in au else au.replace(" and ", '</a><span> and </span><a href="https://substack.example/@rosalindpike" class="pencraft pc-reset link-LmFv79">')
        comment_btn = (f'<a role="button" href="{url}/comments" aria-label="View comments ({com[i]})" class="post-ufi-button style-compressed has-label with-border"><svg role="img" width="20" height="20" viewBox="0 0 24 24" class="lucide lucide-message-circle"><path d="M7.9 20A9 9 0 1 0 4 16.1L2 22Z"></path></svg><div class="label">{com[i]}</div></a>'
                       if com[i] else
                       f'<a role="button" href="{url}/comments" aria-label="View comments" class="post-ufi-button style-compressed no-label with-border"><svg role="img" width="20" height="20" viewBox="0 0 24 24" class="lucide lucide-message-circle"><path d="M7.9 20A9 9 0 1 0 4 16.1L2 22Z"></path></svg></a>')
        cards.append(f"""
<div class="post-preview portable-archive-post has-image" data-testid="post-preview">
 <div class="post-preview-content">
  <div class="container-H2dyKk">
   <a class="post-preview-title newsletter" href="{url}" data-testid="post-preview-title">{esc(t)}</a>
  </div>
  <div class="pencraft pc-reset color-secondary-ls1g8s line-height-20-t4M0El font-text-qe4AeH size-15-Psle70 weight-regular-mUq6Gb reset-IxiVJZ">
   <a class="post-preview-description" href="{url}">{esc(subs[i])}</a>
  </div>
  <div class="pencraft pc-display-flex pc-gap-4 pc-reset align-items-center-oKpCrj post-preview-meta">
   <div class="pencraft pc-reset color-pub-secondary-text-hGQ02T line-height-20-t4M0El font-meta-MWBumP size-11-NuY2Zx weight-medium-fw81nC transform-uppercase-yKDgcq reset-IxiVJZ meta-EgzBVA">
    <time datetime="{zstamp}" class="date-rtYe1v">{vis[i]}</time>
   </div>
   <div class="pencraft pc-reset color-pub-secondary-text-hGQ02T line-height-20-t4M0El font-meta-MWBumP size-11-NuY2Zx weight-medium-fw81nC transform-uppercase-yKDgcq reset-IxiVJZ meta-EgzBVA">&#8226;</div>
   <div class="pencraft pc-reset color-pub-secondary-text-hGQ02T line-height-20-t4M0El font-meta-MWBumP size-11-NuY2Zx weight-medium-fw81nC transform-uppercase-yKDgcq reset-IxiVJZ meta-EgzBVA"><a href="https://substack.example/@owenashby" class="pencraft pc-reset link-LmFv79">{au_html}</a></div>
  </div>
  <div class="post-ufi style-compressed themed">
   <div class="like-button-container post-ufi-button style-compressed"><button tabindex="0" type="button" aria-label="Like ({likes[i]})" aria-pressed="false" class="post-ufi-button style-compressed has-label with-border"><svg role="img" width="20" height="20" viewBox="0 0 24 24" class="lucide lucide-heart"><path d="M19 14c1.49-1.46 3-3.21 3-5.5A5.5 5.5 0 0 0 16.5 3"></path></svg><div class="label">{likes[i]}</div></button></div>
   {comment_btn}
   <a role="button" href="javascript:void(0)" class="post-ufi-button style-compressed no-label with-border" aria-label="Restack"><svg role="img" width="20" height="20" viewBox="0 0 24 24"><g><title></title><path d="M21 3V8M21 8H16"></path></g></svg></a>
  </div>
 </div>
 <div class="post-preview-image-container"><picture><img src="https://substackcdn.example/image/fetch/w_300,h_300,c_fill/{i}.jpeg" width="150" height="150" class="post-preview-image" alt=""></picture></div>
</div>""")
        items.append(item(t, url, au, iso(p), com[i] or None, subs[i]))  # no count shown when 0
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="norton-safeweb-site-verification" content="x">
<title>Archive - The Strength Letter</title>
<meta property="og:title" content="The Strength Letter">
<meta name="description" content="A rheumatologist writes to people with myositis, every other Tuesday.">
<link rel="alternate" type="application/rss+xml" href="{host}/feed" title="The Strength Letter"/>
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover">
</head>
<body class="pc-root">
<div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu-content"><div class="topbar-content"><div class="navbar-title"><h1 class="navbar-title-link"><a href="{host}">The Strength Letter</a></h1></div><div class="navbar-buttons"><a href="{host}/subscribe?" class="button primary subscribe-btn">Subscribe</a><a href="https://substack.example/sign-in?redirect=%2Farchive" class="button secondary sign-in-link">Sign in</a></div></div></div>
<div class="container"><div class="portable-archive">
<div class="portable-archive-tabs"><span class="portable-archive-tab active">Latest</span><a class="portable-archive-tab" href="/archive?sort=top">Top</a><a class="portable-archive-tab" href="/archive?sort=discussions">Discussions</a></div>
<div class="portable-archive-list">
{"".join(cards)}
</div>
<div class="portable-archive-loading"><div class="spinner"></div></div>
</div></div>
<div class="footer-wrap publication-footer"><div class="footer"><div class="footer-buttons"><div class="copyright">&copy; 2025 Dr. Owen Ashby</div><a href="https://substack.example/privacy" class="footer-terms-link">Privacy</a> &#8729; <a href="https://substack.example/tos" class="footer-terms-link">Terms</a></div><div class="footer-substack-cta"><a href="https://substack.example/signup?utm_source=substack">Start writing</a></div></div></div>
</div></div>
<script>window._preloads = JSON.parse("{{\\"isEU\\":false,\\"language\\":\\"en\\",\\"base_url\\":\\"{host}\\"}}")</script>
</body>
</html>"""
    write("substack-archive", base, as_of, page, items)

# ---------------------------------------------------------------- Next.js: __NEXT_DATA__ + hashed CSS-module classes
def nextjs():
    host = "https://www.myositis-today.example"
    base = host + "/topics/antisynthetase-syndrome"
    as_of = "2025-11-20T09:00:00Z"
    posts = pick(17, 8)
    pub = [datetime(2025, 11, 17, 7, 0, tzinfo=UTC), datetime(2025, 11, 2, 16, 45, tzinfo=UTC), datetime(2025, 10, 19, 9, 30, tzinfo=UTC), datetime(2025, 9, 28, 11, 0, tzinfo=UTC),
           datetime(2025, 8, 5, 8, 0, tzinfo=UTC), datetime(2025, 6, 23, 14, 20, tzinfo=UTC), datetime(2025, 4, 1, 10, 10, tzinfo=UTC), datetime(2025, 1, 15, 6, 30, tzinfo=UTC)]
    authors = ["Dr. Priya Raman", "Tomasz Nowicki", "Dr. Priya Raman", "Eleni Papadaki", "Tomasz Nowicki", "Dr. Priya Raman", "Eleni Papadaki", "Tomasz Nowicki"]
    com = [7, 0, 3, 15, 1, 0, 22, 4]
    data_posts, cards, items = [], [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        slug = slugify(t)
        url = f"{host}/articles/{slug}"
        z = p.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        data_posts.append({"id": f"clx{i}9a8b7c", "slug": slug, "title": t, "excerpt": s, "publishedAt": z, "updatedAt": z,
                           "author": {"name": authors[i], "slug": slugify(authors[i]), "avatar": f"/avatars/{i % 3}.png"},
                           "commentCount": com[i], "readingTime": 4 + i % 5, "coverImage": {"url": f"https://images.myositis-today.example/{slug}.jpg", "width": 1200, "height": 630}})
        cards.append(f"""<article class="PostCard_card__x7Gh2"><a class="PostCard_imageLink__3kPq9" href="/articles/{slug}"><span style="box-sizing:border-box;display:block;overflow:hidden"><img alt="" src="/_next/image?url=https%3A%2F%2Fimages.myositis-today.example%2F{slug}.jpg&amp;w=640&amp;q=75" decoding="async" class="PostCard_image__Zp0Q1"/></span></a><div class="PostCard_body__m2Vv8"><h2 class="PostCard_title__bN4Ls"><a href="/articles/{slug}">{esc(t)}</a></h2><p class="PostCard_excerpt__Lw9sE">{esc(s)}</p><div class="PostCard_meta__q0YtR"><span class="Avatar_name__7hXcD">{esc(authors[i])}</span><span class="PostCard_dot__kK2p1">·</span><span class="DateFormatter_date__s8Qe1">{MONTHS[p.month-1]} {p.day}, {p.year}</span><span class="PostCard_dot__kK2p1">·</span><span class="PostCard_comments__Yc3rT" title="Comments">💬 {com[i]}</span></div></div></article>""")
        items.append(item(t, url, authors[i], iso(p), com[i], s))
    nd = {"props": {"pageProps": {"topic": {"slug": "antisynthetase-syndrome", "name": "Antisynthetase syndrome", "description": "Lung, joint and muscle involvement in antisynthetase syndrome."},
                                   "posts": data_posts, "pagination": {"page": 1, "pageSize": 8, "total": 23},
                                   "popular": [{"slug": slugify(t), "title": t, "publishedAt": "2023-05-0%dT10:00:00.000Z" % (k + 1)} for k, (t, _) in enumerate(pick(2, 3))]},
                     "__N_SSG": True},
          "page": "/topics/[slug]", "query": {"slug": "antisynthetase-syndrome"}, "buildId": "k3J9x_2Qp8d7Lr0aZ1mN4", "isFallback": False, "gsp": True, "scriptLoader": []}
    popular = "".join(f'<li class="Sidebar_item__r5TgW"><a href="/articles/{slugify(t)}">{esc(t)}</a><span class="Sidebar_date__Qx2Lp">May {k+1}, 2023</span></li>' for k, (t, _) in enumerate(pick(2, 3)))
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>Antisynthetase syndrome | Myositis Today</title><meta name="description" content="Lung, joint and muscle involvement in antisynthetase syndrome."/><meta name="next-head-count" content="4"/><link rel="preload" href="/_next/static/css/8a1f3c2e9b0d4f57.css" as="style"/><link rel="stylesheet" href="/_next/static/css/8a1f3c2e9b0d4f57.css" data-n-g=""/><noscript data-n-css=""></noscript><script defer="" nomodule="" src="/_next/static/chunks/polyfills-c67a75d1b6f99dc8.js"></script><script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer=""></script><script src="/_next/static/chunks/framework-2c79e2a64abdb08b.js" defer=""></script><script src="/_next/static/chunks/main-0ecb9ccfcb6c9b24.js" defer=""></script><script src="/_next/static/chunks/pages/topics/%5Bslug%5D-5f9e1b7a3c2d0e4f.js" defer=""></script></head><body><div id="__next"><div class="Layout_wrapper__Hq2mZ"><header class="Header_header__8sKpL"><a class="Header_logo__Vb3nR" href="/">Myositis<span>Today</span></a><nav class="Header_nav__2Wq0c"><a href="/topics">Topics</a><a href="/about">About</a><a class="Header_cta__f1Z7X" href="/newsletter">Newsletter</a></nav></header><main class="Layout_main__P4xkT"><div class="TopicHeader_root__0dLkq"><p class="TopicHeader_eyebrow__uYt4S">Topic</p><h1 class="TopicHeader_title__c9Rr1">Antisynthetase syndrome</h1><p class="TopicHeader_description__Ws3Qa">Lung, joint and muscle involvement in antisynthetase syndrome.</p></div><div class="TopicPage_grid__a8WcP"><section class="PostGrid_grid__Fj2sY">{"".join(cards)}</section><aside class="Sidebar_root__Lm4cV"><h3 class="Sidebar_heading__3nJgE">Most popular</h3><ol class="Sidebar_list__uY8eT">{popular}</ol></aside></div><nav class="Pagination_root__kQ1rX"><a class="Pagination_next__Zx0aP" href="/topics/antisynthetase-syndrome?page=2">Next page →</a></nav></main><footer class="Footer_footer__Tz8wP"><p>© 2025 Myositis Today. Content is for information only.</p></footer></div></div><script id="__NEXT_DATA__" type="application/json">{json.dumps(nd, ensure_ascii=False, separators=(",", ":"))}</script></body></html>"""
    write("nextjs-next-data", base, as_of, page, items)

# ---------------------------------------------------------------- JSON-LD ItemList of BlogPosting; visible cards have no author
def jsonld_itemlist():
    host = "https://www.lumen-rheuma.example"
    base = host + "/en/blog/tag/myositis"
    as_of = "2025-11-20T09:00:00Z"
    posts = pick(11, 7)
    pub = [datetime(2025, 11, 14, 9, 0, tzinfo=tz(1)), datetime(2025, 10, 22, 10, 30, tzinfo=tz(2)), datetime(2025, 9, 3, 8, 15, tzinfo=tz(2)),
           datetime(2025, 7, 17, 14, 0, tzinfo=tz(2)), datetime(2025, 5, 5, 9, 45, tzinfo=tz(2)), datetime(2025, 2, 26, 16, 0, tzinfo=tz(1)), datetime(2024, 11, 12, 7, 50, tzinfo=tz(1))]
    authors = ["Dr. Jonas Weidemann", "Marguerite Delacroix", "Dr. Jonas Weidemann", "Sigrun Holm", "Marguerite Delacroix", "Dr. Jonas Weidemann", "Sigrun Holm"]
    com = [2, 0, 5, 1, 0, 8, 3]
    elems, cards, items = [], [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        path = f"/en/blog/{slugify(t)}"
        url = host + path
        elems.append({"@type": "ListItem", "position": i + 1, "item": {"@type": "BlogPosting", "@id": url + "#article", "url": url, "headline": t, "description": s,
                      "datePublished": iso(p), "author": {"@type": "Person", "name": authors[i]}, "commentCount": com[i],
                      "image": f"{host}/media/{slugify(t)[:16]}.jpg"}})
        cards.append(f"""
      <li class="c-teaser-list__item">
        <div class="c-teaser">
          <div class="c-teaser__media"><img src="/media/{slugify(t)[:16]}.jpg" alt="" loading="lazy"></div>
          <div class="c-teaser__body">
            <span class="c-teaser__date">{p.day} {MONTHS[p.month-1]} {p.year}</span>
            <h3 class="c-teaser__title"><a href="{path}">{esc(t)}</a></h3>
            <p class="c-teaser__text">{esc(s)}</p>
            <a class="c-teaser__more" href="{path}" aria-hidden="true" tabindex="-1">More Detail</a>
          </div>
        </div>
      </li>""")
        items.append(item(t, url, authors[i], iso(p), com[i], s))
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "CollectionPage", "@id": base + "#page", "url": base, "name": "Myositis - Lumen Rheumatology Blog", "isPartOf": {"@id": host + "/#website"}, "mainEntity": {"@id": base + "#list"}},
        {"@type": "ItemList", "@id": base + "#list", "numberOfItems": len(elems), "itemListOrder": "https://schema.org/ItemListOrderDescending", "itemListElement": elems},
        {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": host + "/en/"}, {"@type": "ListItem", "position": 2, "name": "Blog", "item": host + "/en/blog"}, {"@type": "ListItem", "position": 3, "name": "Myositis"}]},
        {"@type": "Organization", "@id": host + "/#org", "name": "Lumen Rheumatology Centre", "url": host + "/"}]}
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Myositis - Lumen Rheumatology Blog</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{base}">
  <link rel="alternate" hreflang="de" href="{host}/de/blog/tag/myositis">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body class="t-blog t-blog--tag">
  <header class="c-header"><a class="c-header__logo" href="/en/">Lumen Rheumatology Centre</a>
    <nav class="c-nav"><ul><li><a href="/en/patients">Patients</a></li><li><a href="/en/referrers">Referrers</a></li><li class="is-active"><a href="/en/blog">Blog</a></li><li><a href="/de/blog/tag/myositis" lang="de">Deutsch</a></li></ul></nav>
  </header>
  <main class="c-main">
    <nav class="c-breadcrumb" aria-label="Breadcrumb"><a href="/en/">Home</a> / <a href="/en/blog">Blog</a> / <span>Myositis</span></nav>
    <div class="c-intro"><h1>Myositis</h1><p>Our specialists write about inflammatory muscle disease: diagnosis, treatment and daily life.</p></div>
    <ul class="c-teaser-list">
{"".join(cards)}
    </ul>
    <div class="c-pager"><a class="c-pager__next" href="{base}?page=2">Next</a></div>
    <section class="c-related"><h2>You may also like</h2><ul>{"".join(f'<li><a href="/en/blog/{slugify(t)}">{esc(t)}</a> <span>3 March 2023</span></li>' for t, _ in pick(28, 2))}</ul></section>
  </main>
  <footer class="c-footer"><p>Lumen Rheumatology Centre &middot; Am Hafen 3 &middot; <a href="/en/imprint">Imprint</a></p></footer>
</body>
</html>"""
    write("jsonld-itemlist", base, as_of, page, items)

if __name__ == "__main__":
    webflow(); medium(); substack(); nextjs(); jsonld_itemlist()
