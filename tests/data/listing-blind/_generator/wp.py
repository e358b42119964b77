from common import *

MONTHS = ["January","February","March","April","May","June","July","August","September","October","November","December"]
def long_us(d): return f"{MONTHS[d.month-1]} {d.day}, {d.year}"

def head(title, extra=""):
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{extra}
</head>
"""

# ---------------------------------------------------------------- Astra
def astra():
    base = "https://www.strongerdays.example/category/treatment/"
    as_of = "2025-11-21T10:00:00Z"
    posts = pick(0, 8)
    dates = ["2025-11-18", "2025-11-02", "2025-10-14", "2025-09-30", "2025-09-03", "2025-08-11", "2025-07-27", "2025-06-05"]
    upd = ["2025-11-19", "2025-11-10", "2025-10-14", "2025-10-30", "2025-09-20", "2025-08-11", "2025-08-01", "2025-11-01"]
    authors = ["Harriet Calloway", "Dr. Priya Raman", "Harriet Calloway", "Callum Fraser", "Dr. Priya Raman", "Harriet Calloway", "Callum Fraser", "Harriet Calloway"]
    comments = [("Leave a Comment", 0), ("1 Comment", 1), ("12 Comments", 12), (None, None), ("3 Comments", 3), ("Leave a Comment", 0), ("27 Comments", 27), ("2 Comments", 2)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        slug = slugify(t); url = f"https://www.strongerdays.example/{slug}/"
        d = datetime.fromisoformat(dates[i]); u = datetime.fromisoformat(upd[i])
        ex, cut = trunc(s, 22)
        ctext, cnum = comments[i]
        cm = "" if ctext is None else f'<span class="comments-link"><a href="{url}#{"respond" if cnum == 0 else "comments"}">{ctext}</a></span> / '
        cards.append(f"""
<article class="post-{300+i} post type-post status-publish format-standard has-post-thumbnail hentry category-treatment ast-col-sm-12 ast-article-post" id="post-{300+i}" itemtype="https://schema.org/CreativeWork" itemscope="itemscope">
<div class="ast-post-format- blog-layout-1 ast-no-date-box">
<div class="post-content ast-col-md-12">
<div class="ast-blog-featured-section post-thumb ast-col-md-12"><div class="post-thumb-img-content post-thumb"><a href="{url}"><img width="1024" height="683" src="https://www.strongerdays.example/wp-content/uploads/2025/{slug[:20]}.jpg" class="attachment-large size-large wp-post-image" alt="" itemprop="image" /></a></div></div>
<header class="entry-header">
<h2 class="entry-title" itemprop="headline"><a href="{url}" rel="bookmark">{esc(t)}</a></h2>
<div class="entry-meta">{cm}<span class="cat-links"><a href="https://www.strongerdays.example/category/treatment/" rel="category tag">Treatment</a></span> / By <span class="posted-by vcard author" itemtype="https://schema.org/Person" itemscope="itemscope" itemprop="author"><a title="View all posts by {esc(authors[i])}" href="https://www.strongerdays.example/author/{slugify(authors[i])}/" rel="author" class="url fn n" itemprop="url"><span class="author-name" itemprop="name">{esc(authors[i])}</span></a></span> / <span class="posted-on"><span class="published" itemprop="datePublished"> {long_us(d)}</span><span class="updated" itemprop="dateModified"> {long_us(u)}</span></span></div>
</header>
<div class="ast-excerpt-container ast-blog-single-element"><p>{esc(ex)}{" &hellip;" if cut else ""}</p></div>
<p class="ast-blog-single-element ast-read-more-container read-more"> <a class="" href="{url}"> <span class="screen-reader-text">{esc(t)}</span> Read More &raquo;</a></p>
<div class="entry-content clear" itemprop="text"></div>
</div></div>
</article>""")
        items.append(item(t, url, authors[i], dates[i], cnum, ex))
    side = "".join(f'<li><a href="https://www.strongerdays.example/{slugify(t)}/">{esc(t)}</a><span class="post-date">{long_us(datetime(2024, 3+k, 9))}</span></li>' for k, (t, _) in enumerate(pick(12, 4)))
    page = head("Treatment Archives - Stronger Days", '<link rel="alternate" type="application/rss+xml" title="Stronger Days &raquo; Treatment Category Feed" href="https://www.strongerdays.example/category/treatment/feed/" />') + f"""
<body itemtype="https://schema.org/Blog" itemscope="itemscope" class="archive category category-treatment category-7 wp-custom-logo ast-desktop ast-separate-container ast-right-sidebar astra-4.6.4">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div class="hfeed site" id="page">
<header class="site-header header-main-layout-1 ast-primary-menu-enabled" id="masthead" itemtype="https://schema.org/WPHeader" itemscope="itemscope">
<div class="main-header-bar"><div class="ast-container"><div class="site-branding"><span class="site-logo-img"><a href="https://www.strongerdays.example/" class="custom-logo-link" rel="home"><img src="/wp-content/uploads/logo.png" alt="Stronger Days"></a></span></div>
<nav class="main-header-bar-navigation"><ul id="primary-menu" class="main-header-menu"><li class="menu-item"><a href="https://www.strongerdays.example/" class="menu-link">Home</a></li><li class="menu-item current-menu-item"><a href="https://www.strongerdays.example/category/treatment/" class="menu-link">Treatment</a></li><li class="menu-item"><a href="https://www.strongerdays.example/category/living-well/" class="menu-link">Living well</a></li><li class="menu-item"><a href="https://www.strongerdays.example/about/" class="menu-link">About</a></li></ul></nav></div></div>
</header>
<div id="content" class="site-content"><div class="ast-container">
<div id="primary" class="content-area primary">
<section class="ast-archive-description"><h1 class="page-title ast-archive-title">Treatment</h1><p>Medicines, infusions and therapies for myositis, explained by our clinical writers and by patients who have been there.</p></section>
<main id="main" class="site-main"><div class="ast-row">
{"".join(cards)}
</div></main>
<div class="ast-pagination"><nav class="navigation pagination" aria-label="Posts pagination"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
<a class="page-numbers" href="https://www.strongerdays.example/category/treatment/page/2/">2</a>
<a class="next page-numbers" href="https://www.strongerdays.example/category/treatment/page/2/">Next Page &raquo;</a></div></nav></div>
</div>
<div class="widget-area secondary" id="secondary" role="complementary" itemtype="https://schema.org/WPSideBar" itemscope="itemscope"><div class="sidebar-main">
<aside id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="https://www.strongerdays.example/"><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></form></aside>
<aside id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Popular posts</h2><nav aria-label="Popular posts"><ul>{side}</ul></nav></aside>
</div></div>
</div></div>
<footer class="site-footer" id="colophon" itemtype="https://schema.org/WPFooter" itemscope="itemscope"><div class="ast-small-footer"><div class="ast-footer-copyright"><p>Copyright &copy; 2025 Stronger Days | Powered by Astra WordPress Theme</p></div></div></footer>
</div>
</body></html>"""
    write("wp-astra", base, as_of, page, items)

# ---------------------------------------------------------------- GeneratePress
def generatepress():
    base = "https://ckandme.example/tag/diagnosis/"
    as_of = "2025-11-20T12:00:00Z"
    posts = pick(8, 7)
    pub = [datetime(2025, 11, 4, 8, 12, 40, tzinfo=tz(1)), datetime(2025, 10, 21, 19, 5, 2, tzinfo=tz(2)), datetime(2025, 9, 9, 7, 30, 0, tzinfo=tz(2)),
           datetime(2025, 7, 1, 12, 0, 59, tzinfo=tz(2)), datetime(2025, 3, 30, 9, 45, 11, tzinfo=tz(2)), datetime(2025, 2, 14, 16, 20, 0, tzinfo=tz(1)), datetime(2024, 12, 31, 23, 10, 5, tzinfo=tz(1))]
    mod = [None, datetime(2025, 11, 2, 10, 0, 0, tzinfo=tz(1)), None, datetime(2025, 8, 15, 9, 0, 0, tzinfo=tz(2)), None, datetime(2025, 6, 1, 8, 0, 0, tzinfo=tz(2)), None]
    authors = ["Sigrun Holm", "Sigrun Holm", "Dr. Owen Ashby", "Sigrun Holm", "Dr. Owen Ashby", "Nkechi Eze", "Sigrun Holm"]
    com = [("Leave a comment", 0), ("4 Comments", 4), ("1 Comment", 1), ("Leave a comment", 0), ("19 Comments", 19), ("2 Comments", 2), ("Leave a comment", 0)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        url = f"https://ckandme.example/{slugify(t)}/"
        p = pub[i]; m = mod[i]
        ex, cut = trunc(s, 25)
        if m:
            times = f'<time class="updated" datetime="{iso(m)}" itemprop="dateModified">{long_us(m)}</time><time class="entry-date published" datetime="{iso(p)}" itemprop="datePublished">{long_us(p)}</time>'
        else:
            times = f'<time class="entry-date published" datetime="{iso(p)}" itemprop="datePublished">{long_us(p)}</time>'
        ct, cn = com[i]
        cards.append(f"""
<article id="post-{900-i}" class="post-{900-i} post type-post status-publish format-standard hentry category-blog tag-diagnosis" itemtype="https://schema.org/CreativeWork" itemscope>
	<div class="inside-article">
		<header class="entry-header">
			<h2 class="entry-title" itemprop="headline"><a href="{url}" rel="bookmark">{esc(t)}</a></h2>
			<div class="entry-meta">
				<span class="posted-on">{times}</span> <span class="byline">by <span class="author vcard" itemprop="author" itemtype="https://schema.org/Person" itemscope><a class="url fn n" href="https://ckandme.example/author/{slugify(authors[i])}/" title="View all posts by {esc(authors[i])}" rel="author" itemprop="url"><span class="author-name" itemprop="name">{esc(authors[i])}</span></a></span></span>
			</div>
		</header>
		<div class="entry-summary" itemprop="text">
			<p>{esc(ex)}{" [&hellip;]" if cut else ""} <a title="{esc(t)}" class="read-more" href="{url}" aria-label="Read more about {esc(t)}">Read more</a></p>
		</div>
		<footer class="entry-meta" aria-label="Entry meta">
			<span class="cat-links"><span class="screen-reader-text">Categories </span><a href="https://ckandme.example/category/blog/" rel="category tag">Blog</a></span>
			<span class="tags-links"><span class="screen-reader-text">Tags </span><a href="https://ckandme.example/tag/diagnosis/" rel="tag">diagnosis</a>, <a href="https://ckandme.example/tag/lab-tests/" rel="tag">lab tests</a></span>
			<span class="comments-link"><a href="{url}#{"respond" if cn == 0 else "comments"}">{ct}</a></span>
		</footer>
	</div>
</article>""")
        items.append(item(t, url, authors[i], iso(p), cn, ex))
    related = "".join(f'<li><a href="https://ckandme.example/{slugify(t)}/">{esc(t)}</a> <span class="post-date">{long_us(datetime(2023, k+2, 11))}</span> <span class="comment-count">({k+3})</span></li>' for k, (t, _) in enumerate(pick(20, 5)))
    page = head("diagnosis Archives - CK and Me", '<link rel="alternate" type="application/rss+xml" title="CK and Me &raquo; diagnosis Tag Feed" href="https://ckandme.example/tag/diagnosis/feed/" />') + f"""
<body class="archive tag tag-diagnosis tag-12 wp-embed-responsive right-sidebar nav-below-header separate-containers header-aligned-left dropdown-hover" itemtype="https://schema.org/Blog" itemscope>
<a class="screen-reader-text skip-link" href="#content" title="Skip to content">Skip to content</a>
<header class="site-header" id="masthead" aria-label="Site" itemtype="https://schema.org/WPHeader" itemscope><div class="inside-header grid-container"><div class="site-branding"><p class="main-title" itemprop="headline"><a href="https://ckandme.example/" rel="home">CK and Me</a></p><p class="site-description" itemprop="description">One patient's notes on living with myositis</p></div></div></header>
<nav class="main-navigation sub-menu-right" id="site-navigation" aria-label="Primary" itemtype="https://schema.org/SiteNavigationElement" itemscope><div class="inside-navigation grid-container"><div id="primary-menu" class="main-nav"><ul class=" menu sf-menu"><li class="menu-item"><a href="https://ckandme.example/">Home</a></li><li class="menu-item"><a href="https://ckandme.example/start-here/">Start here</a></li><li class="menu-item"><a href="https://ckandme.example/contact/">Contact</a></li></ul></div></div></nav>
<div class="site grid-container container hfeed" id="page"><div class="site-content" id="content">
<div class="content-area" id="primary"><main class="site-main" id="main">
<header class="page-header" aria-label="Page"><h1 class="page-title">diagnosis</h1><div class="taxonomy-description"><p>Blood tests, scans, biopsies and the long road to a name for what is wrong. Everything I have learned about getting diagnosed.</p></div></header>
{"".join(cards)}
<nav id="nav-below" class="paging-navigation" aria-label="Archive Page"><div class="nav-previous"><span class="prev" title="Previous"><a href="https://ckandme.example/tag/diagnosis/page/2/">Older posts</a></span></div></nav>
</main></div>
<div class="widget-area sidebar is-right-sidebar" id="right-sidebar"><div class="inside-right-sidebar">
<aside id="block-3" class="widget inner-padding widget_block"><h2 class="wp-block-heading">Related reading</h2><ul class="wp-block-latest-posts__list">{related}</ul></aside>
<aside id="block-4" class="widget inner-padding widget_block"><p>I am not a doctor. Nothing here is medical advice. Written by Sigrun Holm since 2019.</p></aside>
</div></div>
</div></div>
<div class="site-footer"><footer class="site-info" aria-label="Site" itemtype="https://schema.org/WPFooter" itemscope><div class="inside-site-info grid-container"><div class="copyright-bar"><span class="copyright">&copy; 2025 CK and Me</span> &bull; Built with <a href="https://generatepress.example" itemprop="url">GeneratePress</a></div></div></footer></div>
</body></html>"""
    write("wp-generatepress", base, as_of, page, items)

# ---------------------------------------------------------------- OceanWP, dd/mm/yyyy dates, icon + bare number comments
def oceanwp():
    base = "https://www.myohealthhub.example/blog/category/living-with-myositis/"
    as_of = "2025-11-20T09:00:00Z"
    posts = pick(15, 8)
    dates = [datetime(2025, 11, 7), datetime(2025, 10, 3), datetime(2025, 9, 24), datetime(2025, 9, 5), datetime(2025, 8, 12), datetime(2025, 6, 30), datetime(2025, 6, 2), datetime(2025, 5, 13)]
    authors = ["Callum Fraser", "Rosalind Pike", "Callum Fraser", "Amara Okoye", "Rosalind Pike", "Callum Fraser", "Amara Okoye", "Rosalind Pike"]
    com = [5, 0, 2, 11, 0, 1, 8, 3]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        url = f"https://www.myohealthhub.example/blog/{slugify(t)}/"
        d = dates[i]
        dd = f"{d.day:02d}/{d.month:02d}/{d.year}"
        ex, cut = trunc(s, 30)
        cards.append(f"""
<article id="post-{1500+i}" class="blog-entry clr large-entry post-{1500+i} post type-post status-publish format-standard has-post-thumbnail hentry category-living-with-myositis entry has-media">
	<div class="blog-entry-inner clr">
		<div class="thumbnail"><a href="{url}" class="thumbnail-link no-lightbox"><img width="1200" height="800" src="/wp-content/uploads/2025/{i}.jpg" class="attachment-full size-full wp-post-image" alt="Read more about the article {esc(t)}" itemprop="image"><span class="overlay"></span></a></div>
		<header class="blog-entry-header clr"><h2 class="blog-entry-title entry-title"><a href="{url}" rel="bookmark">{esc(t)}</a></h2></header>
		<ul class="meta obem-default clr" aria-label="Post details:">
			<li class="meta-author" itemprop="name"><span class="screen-reader-text">Post author:</span><i class="icon-user" aria-hidden="true" role="img"></i><a href="https://www.myohealthhub.example/blog/author/{slugify(authors[i])}/" title="Posts by {esc(authors[i])}" rel="author" itemprop="author" itemscope="itemscope" itemtype="https://schema.org/Person">{esc(authors[i])}</a></li>
			<li class="meta-date" itemprop="datePublished"><span class="screen-reader-text">Post published:</span><i class="icon-clock" aria-hidden="true" role="img"></i>{dd}</li>
			<li class="meta-cat"><span class="screen-reader-text">Post category:</span><i class="icon-folder" aria-hidden="true" role="img"></i><a href="https://www.myohealthhub.example/blog/category/living-with-myositis/" rel="category tag">Living with myositis</a></li>
			<li class="meta-comments"><span class="screen-reader-text">Post comments:</span><i class="icon-bubble" aria-hidden="true" role="img"></i><a href="{url}#comments" class="comments-link">{com[i]}</a></li>
		</ul>
		<div class="blog-entry-summary clr" itemprop="text"><p>{esc(ex)}{"&hellip;" if cut else ""}</p></div>
		<div class="blog-entry-readmore clr"><a href="{url}" title="Continue Reading">Continue Reading<span class="screen-reader-text">{esc(t)}</span><i class="fa fa-angle-right" aria-hidden="true" role="img"></i></a></div>
	</div>
</article>""")
        items.append(item(t, url, authors[i], d.date().isoformat(), com[i], ex))
    page = head("Living with myositis Archives | Myo Health Hub", '<link rel="alternate" type="application/rss+xml" href="https://www.myohealthhub.example/blog/category/living-with-myositis/feed/" />') + f"""
<body class="archive category category-living-with-myositis oceanwp-theme dropdown-mobile default-breakpoint has-sidebar content-right-sidebar page-header-disabled" itemscope="itemscope" itemtype="https://schema.org/Blog">
<div id="outer-wrap" class="site clr"><div id="wrap" class="clr">
<div id="top-bar-wrap" class="clr"><div id="top-bar" class="clr container"><div id="top-bar-content" class="clr has-content top-bar-left"><span class="topbar-content">Helpline Mon&ndash;Fri 09:00&ndash;17:00 &middot; 0800 000 111</span></div></div></div>
<header id="site-header" class="minimal-header clr" itemscope="itemscope" itemtype="https://schema.org/WPHeader" role="banner"><div id="site-header-inner" class="clr container"><div id="site-logo" class="clr"><div id="site-logo-inner" class="clr"><a href="https://www.myohealthhub.example/" class="custom-logo-link" rel="home">Myo Health Hub</a></div></div>
<div id="site-navigation-wrap" class="clr"><nav id="site-navigation" class="navigation main-navigation clr" itemscope="itemscope" itemtype="https://schema.org/SiteNavigationElement" role="navigation"><ul id="menu-main" class="main-menu dropdown-menu sf-menu"><li><a href="https://www.myohealthhub.example/" class="menu-link"><span class="text-wrap">Home</span></a></li><li><a href="https://www.myohealthhub.example/blog/" class="menu-link"><span class="text-wrap">Blog</span></a></li><li><a href="https://www.myohealthhub.example/support-groups/" class="menu-link"><span class="text-wrap">Support groups</span></a></li></ul></nav></div></div></header>
<main id="main" class="site-main clr" role="main">
<div id="content-wrap" class="container clr"><div id="primary" class="content-area clr"><div id="content" class="site-content clr">
<h1 class="archive-title">Category: Living with myositis</h1>
<div id="blog-entries" class="entries clr">
{"".join(cards)}
</div>
<div class="oceanwp-pagination clr"><ul class="page-numbers"><li><span aria-current="page" class="page-numbers current">1</span></li><li><a class="page-numbers" href="https://www.myohealthhub.example/blog/category/living-with-myositis/page/2/">2</a></li><li><a class="next page-numbers" href="https://www.myohealthhub.example/blog/category/living-with-myositis/page/2/"><span class="screen-reader-text">Go to the next page</span><i class="fa fa-angle-right"></i></a></li></ul></div>
</div></div>
<aside id="right-sidebar" class="sidebar-container widget-area sidebar-primary" itemscope="itemscope" itemtype="https://schema.org/WPSideBar" role="complementary"><div id="right-sidebar-inner" class="clr">
<div id="ocean_recent_posts-2" class="sidebar-box widget-oceanwp-recent-posts recent-posts-widget clr"><h4 class="widget-title">Recent Posts</h4><ul class="oceanwp-recent-posts clr">
{"".join(f'<li class="clr"><div class="recent-posts-details clr"><div class="recent-posts-details-inner clr"><a href="https://www.myohealthhub.example/blog/{slugify(t)}/" class="recent-posts-title">{esc(t)}</a><div class="recent-posts-info clr"><div class="recent-posts-date">{12+k:02d}/0{k+1}/2025<span class="sep">/</span></div><div class="recent-posts-comments"><a href="#comments">{k} Comments</a></div></div></div></div></li>' for k, (t, _) in enumerate(pick(25, 3)))}
</ul></div></div></aside>
</div></main>
<footer id="footer" class="site-footer" itemscope="itemscope" itemtype="https://schema.org/WPFooter" role="contentinfo"><div id="footer-bottom" class="clr"><div id="copyright" class="clr" role="contentinfo">Copyright &copy; 2025 Myo Health Hub &ndash; registered charity no. 000000</div></div></footer>
</div></div>
</body></html>"""
    write("wp-oceanwp-ddmm", base, as_of, page, items)

# ---------------------------------------------------------------- Divi blog module (meta in one line)
def divi():
    base = "https://www.myositisclinic.example/news/"
    as_of = "2025-11-22T15:00:00Z"
    posts = pick(3, 6)
    SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]
    dates = [datetime(2025, 11, 19), datetime(2025, 10, 8), datetime(2025, 9, 1), datetime(2025, 6, 17), datetime(2025, 4, 3), datetime(2025, 1, 22)]
    authors = ["Dr. Jonas Weidemann", "Eleni Papadaki", "Dr. Jonas Weidemann", "Clinic Team", "Eleni Papadaki", "Dr. Jonas Weidemann"]
    com = [("0 comments", 0), ("2 comments", 2), ("1 comment", 1), ("0 comments", 0), ("9 comments", 9), ("0 comments", 0)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        url = f"https://www.myositisclinic.example/{dates[i].year}/{dates[i].month:02d}/{slugify(t)}/"
        d = dates[i]
        ex, cut = trunc(s, 24)
        cards.append(f"""
<article id="post-{700+i}" class="et_pb_post clearfix et_pb_blog_item_0_{i} post-{700+i} post type-post status-publish format-standard has-post-thumbnail hentry category-news">
<a href="{url}" class="entry-featured-image-url"><img src="/wp-content/uploads/2025/news-{i}.jpg" alt="{esc(t)}" class="" width="1080" height="675" /></a>
<h2 class="entry-title"><a href="{url}">{esc(t)}</a></h2>
<p class="post-meta">by <span class="author vcard"><a href="https://www.myositisclinic.example/author/{slugify(authors[i])}/" title="Posts by {esc(authors[i])}" rel="author">{esc(authors[i])}</a></span> | <span class="published">{SH[d.month-1]} {d.day}, {d.year}</span> | <a href="https://www.myositisclinic.example/category/news/" rel="category tag">News</a> | {com[i][0]}</p>
<div class="post-content"><div class="post-content-inner"><p>{esc(ex)}{"..." if cut else ""}</p>
</div><a href="{url}" class="more-link">read more</a></div>
</article>""")
        items.append(item(t, url, authors[i], d.date().isoformat(), com[i][1], ex))
    page = head("News | Northfield Myositis Clinic", '<link rel="alternate" type="application/rss+xml" title="Northfield Myositis Clinic &raquo; Feed" href="https://www.myositisclinic.example/feed/" />') + f"""
<body class="page-template-default page page-id-12 et_pb_button_helper_class et_fullwidth_nav et_fixed_nav et_show_nav et_primary_nav_dropdown_animation_fade et_header_style_left et_pb_footer_columns4 et_cover_background et_pb_gutter et_pb_gutters3 et_divi_theme et-db">
<div id="page-container">
<header id="main-header" data-height-onload="66"><div class="container clearfix et_menu_container"><div class="logo_container"><a href="https://www.myositisclinic.example/"><img src="/wp-content/uploads/logo.png" alt="Northfield Myositis Clinic" id="logo" /></a></div>
<div id="et-top-navigation"><nav id="top-menu-nav"><ul id="top-menu" class="nav"><li><a href="https://www.myositisclinic.example/">Home</a></li><li><a href="https://www.myositisclinic.example/our-team/">Our team</a></li><li class="current-menu-item"><a href="https://www.myositisclinic.example/news/">News</a></li><li><a href="https://www.myositisclinic.example/referrals/">Referrals</a></li></ul></nav></div></div></header>
<div id="et-main-area"><div id="main-content"><article id="post-12" class="post-12 page type-page status-publish hentry"><div class="entry-content"><div class="et-l et-l--post"><div class="et_builder_inner_content et_pb_gutters3">
<div class="et_pb_section et_pb_section_0 et_pb_with_background et_section_regular"><div class="et_pb_row et_pb_row_0"><div class="et_pb_column et_pb_column_4_4 et_pb_column_0"><div class="et_pb_module et_pb_text et_pb_text_0"><div class="et_pb_text_inner"><h1>Clinic news</h1><p>Updates from the Northfield multidisciplinary myositis clinic: new treatments, research, and events for patients and families.</p></div></div></div></div></div>
<div class="et_pb_section et_pb_section_1 et_section_regular"><div class="et_pb_row et_pb_row_1"><div class="et_pb_column et_pb_column_3_4 et_pb_column_1">
<div class="et_pb_module et_pb_blog_0 et_pb_posts et_pb_bg_layout_light"><div class="et_pb_ajax_pagination_container">
{"".join(cards)}
<div><div class="pagination clearfix"><div class="alignleft"><a href="https://www.myositisclinic.example/news/page/2/?et_blog">&laquo; Older Entries</a></div><div class="alignright"></div></div></div>
</div></div>
</div><div class="et_pb_column et_pb_column_1_4 et_pb_column_2">
<div class="et_pb_module et_pb_sidebar_0 et_pb_widget_area clearfix et_pb_widget_area_right"><div id="recent-posts-3" class="et_pb_widget widget_recent_entries"><h4 class="widgettitle">Most read</h4><ul>{"".join(f'<li><a href="https://www.myositisclinic.example/2024/0{k+3}/{slugify(t)}/">{esc(t)}</a><span class="post-date">{SH[k+2]} {k+4}, 2024</span></li>' for k, (t, _) in enumerate(pick(22, 4)))}</ul></div>
<div class="et_pb_widget widget_text"><h4 class="widgettitle">Visit us</h4><div class="textwidget"><p>Northfield Hospital, Wing C, level 2. Referral by GP or specialist.</p></div></div></div>
</div></div></div>
</div></div></div></article></div>
<footer id="main-footer"><div id="footer-bottom"><div class="container clearfix"><div id="footer-info">&copy; 2025 Northfield Myositis Clinic &middot; Designed by Elegant Themes</div></div></div></footer>
</div></div>
</body></html>"""
    write("wp-divi", base, as_of, page, items)

if __name__ == "__main__":
    astra(); generatepress(); oceanwp(); divi()
