from common import *
from wp import long_us, MONTHS
SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]

# ---------------------------------------------------------------- old table layout, relative links, "Comments (3)"
def table_old():
    host = "http://www.myositis-selfhelp.example"
    base = host + "/news/index.php?cat=4"
    as_of = "2025-11-20T12:00:00Z"
    posts = pick(5, 7)
    ds = [datetime(2025, 11, 12), datetime(2025, 10, 1), datetime(2025, 8, 19), datetime(2025, 5, 30), datetime(2025, 3, 4), datetime(2024, 12, 15), datetime(2024, 9, 9)]
    authors = ["Webmaster", "Margaret O'Shea", "Margaret O'Shea", "Bill Tanaka", "Webmaster", "Bill Tanaka", "Margaret O'Shea"]
    com = [3, 0, 1, 0, 6, 2, 0]
    rows, items = [], []
    for i, (t, s) in enumerate(posts):
        d = ds[i]
        rel = f"news.php?id={412 - i * 7}"
        url = f"{host}/news/{rel}"
        ctext = f"Comments ({com[i]})"
        rows.append(f"""
<tr bgcolor="{'#FFFFFF' if i % 2 else '#F0F4FA'}">
  <td valign="top" width="90" nowrap><font face="Verdana, Arial" size="1" color="#666666">{d.day:02d} {SH[d.month-1]} {d.year}</font></td>
  <td valign="top"><font face="Verdana, Arial" size="2"><b><a href="{rel}">{esc(t)}</a></b><br>
  {esc(s)}<br>
  <font size="1" color="#666666">Posted by {esc(authors[i])} | <a href="{rel}#comments">{ctext}</a> | <a href="{rel}&amp;print=1">Print</a></font></font></td>
</tr>
<tr><td colspan="2"><img src="../images/spacer.gif" width="1" height="6" alt=""></td></tr>""")
        items.append(item(t, url, authors[i], d.date().isoformat(), com[i], s))
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Myositis Self-Help Group :: News :: Treatment</title>
<link rel="stylesheet" href="../style.css" type="text/css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="780" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="3" bgcolor="#1F3F7F"><a href="../index.php"><img src="../images/logo.gif" width="300" height="60" border="0" alt="Myositis Self-Help Group"></a></td></tr>
<tr>
<td width="160" valign="top" bgcolor="#E8EEF8">
  <table width="100%" border="0" cellspacing="0" cellpadding="4">
  <tr><td><font face="Verdana" size="2"><b>Menu</b></font></td></tr>
  <tr><td><a href="../index.php">Home</a></td></tr>
  <tr><td><a href="index.php">All news</a></td></tr>
  <tr><td><a href="index.php?cat=4">&raquo; Treatment</a></td></tr>
  <tr><td><a href="index.php?cat=5">&raquo; Meetings</a></td></tr>
  <tr><td><a href="../guestbook.php">Guestbook</a></td></tr>
  <tr><td><a href="../links.html">Links</a></td></tr>
  <tr><td><font size="1">Last updated: 12 Nov 2025</font></td></tr>
  </table>
</td>
<td width="10">&nbsp;</td>
<td valign="top">
<h2><font face="Verdana, Arial" color="#1F3F7F">News: Treatment</font></h2>
<p><font face="Verdana, Arial" size="2">News and articles about treatment, collected by our volunteers. Please talk to your doctor before changing any medicine.</font></p>
<table width="100%" border="0" cellspacing="0" cellpadding="4">
<tr bgcolor="#1F3F7F"><td><font color="#FFFFFF" face="Verdana" size="1"><b>Date</b></font></td><td><font color="#FFFFFF" face="Verdana" size="1"><b>Article</b></font></td></tr>
{"".join(rows)}
</table>
<p align="center"><font face="Verdana" size="2">Page 1 of 5 &nbsp; <a href="index.php?cat=4&amp;page=2">Next &gt;&gt;</a></font></p>
</td>
</tr>
<tr><td colspan="3" align="center" bgcolor="#E8EEF8"><font face="Verdana" size="1">&copy; 2003-2025 Myositis Self-Help Group. Best viewed in 800x600. Visitors: 0184233</font></td></tr>
</table>
</body>
</html>"""
    write("old-table-layout", base, as_of, page, items)

# ---------------------------------------------------------------- windows-1252 bytes declared as iso-8859-1 (Movable Type style)
def legacy_cp1252():
    host = "http://www.journal-myosite.example"
    base = host + "/archives/category/patient-stories/"
    as_of = "2025-11-20T12:00:00Z"
    posts = [
        ("“I thought it was the flu”: Renée’s story",
         "Renée Dubois was 34 when climbing the métro stairs became impossible. Her GP said “it’s viral” – three months later a biopsy said dermatomyositis."),
        ("José Núñez on IVIG – “my Tuesday ritual”",
         "Every fourth Tuesday José settles into the infusion chair with a thermos of café con leche. He explains why the ritual matters as much as the medicine…"),
        ("Søren and the stairs: living with IBM at 68",
         "Søren Kjærgaard’s house has 14 stairs. After his inclusion body myositis diagnosis he counted them every day – until a stair-lift ended the counting."),
        ("Françoise’s kitchen tips for weak hands",
         "Françoise Lefèvre can no longer open a jar – but she still cooks for eight. Her “lazy” tools: an electric opener, a rocker knife and a mandoline with a guard."),
        ("Ærlig talt: a Danish nurse on polymyositis",
         "Åse Mølgaard has nursed for 30 years and lived with polymyositis for 6. She talks about pacing 12-hour shifts, prednisone “moon face” and telling colleagues."),
        ("Zoë’s first marathon – after JDM",
         "Diagnosed with juvenile dermatomyositis at 9, Zoë Brontë-Hughes finished the city marathon at 27. “Slow,” she says, “but finished – that’s the point.”"),
    ]
    authors = ["Renée Dubois", "José Núñez", "Søren Kjærgaard", "Françoise Lefèvre", "Åse Mølgaard", "Zoë Brontë-Hughes"]
    # Movable Type entry footer: "Posted by X at 08:15 PM" under a date header; comments "Comments (n)"
    pub = [datetime(2025, 10, 3, 20, 15), datetime(2025, 9, 18, 9, 40), datetime(2025, 8, 2, 17, 5), datetime(2025, 6, 21, 11, 30), datetime(2025, 4, 9, 14, 0), datetime(2025, 1, 27, 7, 45)]
    com = [("Comments (5)", 5), ("Comments (0)", 0), ("Comments (2)", 2), ("Comments (11)", 11), ("Comments (1)", 1), ("Comments (0)", 0)]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        url = f"{host}/archives/{p.year}/{p.month:02d}/{slugify(authors[i])}-{i}.html"
        # the last post's summary ends with a quote, not an ellipsis; the second's ends with "…" (read-more marker)
        summ = s[:-1] if s.endswith("…") else s
        ampm = p.strftime("%I:%M %p")
        cards.append(f"""
<h2 class="date-header">{p.strftime('%A')}, {MONTHS[p.month-1]} {p.day:02d}, {p.year}</h2>
<div class="entry" id="entry-{2200-i}">
<h3 class="entry-header"><a href="{url}">{t}</a></h3>
<div class="entry-content">
<div class="entry-body"><p>{s}</p></div>
<div class="entry-more"><a href="{url}#more">Continue reading “{t}” &raquo;</a></div>
</div>
<p class="entry-footer">
<span class="post-footers">Posted by {authors[i]} at <a href="{url}">{ampm}</a></span> <span class="separator">|</span> <a class="permalink" href="{url}">Permalink</a>
<span class="separator">|</span> <a href="{url}#comments">{com[i][0]}</a>
</p>
</div>""")
        items.append(item(t, url, authors[i], p.strftime("%Y-%m-%dT%H:%M:%S"), com[i][1], summ))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" id="sixapart-standard">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />
<meta name="generator" content="Movable Type 4.38" />
<title>Journal Myosite: Patient stories Archives</title>
<link rel="stylesheet" href="{host}/styles.css" type="text/css" />
<link rel="alternate" type="application/atom+xml" title="Recent Entries" href="{host}/atom.xml" />
</head>
<body id="classic-blog" class="mt-archive-listing mt-category-archive layout-wt">
<div id="container"><div id="container-inner">
<div id="header"><div id="header-inner"><div id="header-content">
<div id="header-name"><a href="{host}/" accesskey="1">Journal Myosite</a></div>
<div id="header-description">Stories from our members – in their own words.</div>
</div></div></div>
<div id="content"><div id="content-inner">
<div id="alpha"><div id="alpha-inner">
<h1 id="page-title" class="archive-title">Patient stories</h1>
{"".join(cards)}
<div class="content-nav"><a href="{host}/archives/category/patient-stories/index_2.html">« Older entries</a></div>
</div></div>
<div id="beta"><div id="beta-inner">
<div class="widget-recent-entries widget"><h3 class="widget-header">Recent Entries</h3><div class="widget-content"><ul>
<li><a href="{host}/archives/2025/11/agm-minutes.html">AGM minutes – “a record turnout”</a></li>
<li><a href="{host}/archives/2025/10/fundraiser.html">Café fundraiser raised €1 240</a></li>
</ul></div></div>
<div class="widget-archive-monthly widget"><h3 class="widget-header">Archives</h3><div class="widget-content"><ul><li><a href="{host}/archives/2025/11/">November 2025</a></li><li><a href="{host}/archives/2025/10/">October 2025</a></li></ul></div></div>
</div></div>
</div></div>
<div id="footer"><div id="footer-inner"><div id="footer-content"><div class="widget-powered widget"><div class="widget-content">Powered by <a href="http://www.movabletype.example">Movable Type</a></div></div></div></div></div>
</div></div>
</body>
</html>"""
    write("legacy-cp1252-movabletype", base, as_of, page, items, encoding="cp1252")

if __name__ == "__main__":
    table_old(); legacy_cp1252()

# ---------------------------------------------------------------- schema.org microdata per card; visible relative dates, machine dates in <meta>
def microdata_pharmacy():
    host = "https://www.apotheca-health.example"
    base = host + "/health-hub/muscle-conditions"
    as_of = "2025-11-20T15:00:00Z"
    posts = pick(14, 7)
    pub = [datetime(2025, 11, 17, 10, 0, tzinfo=UTC), datetime(2025, 11, 10, 8, 30, tzinfo=UTC), datetime(2025, 10, 29, 12, 0, tzinfo=UTC), datetime(2025, 9, 15, 9, 0, tzinfo=UTC),
           datetime(2025, 7, 2, 14, 45, tzinfo=UTC), datetime(2025, 4, 18, 11, 15, tzinfo=UTC), datetime(2024, 12, 3, 16, 0, tzinfo=UTC)]
    vis = ["3 days ago", "10 days ago", "3 weeks ago", "2 months ago", "4 months ago", "7 months ago", "1 year ago"]
    authors = ["Callum Fraser, MPharm", "Dr. Priya Raman", "Callum Fraser, MPharm", "Amara Okoye", "Dr. Priya Raman", "Amara Okoye", "Callum Fraser, MPharm"]
    reviewers = ["Dr. Owen Ashby"] * 7
    com = [4, 0, 1, 9, 0, 2, 13]
    cards, items = [], []
    for i, (t, s) in enumerate(posts):
        p = pub[i]
        path = f"/health-hub/{slugify(t)}"
        cm = f"<span class=\"hub-card__comments\"><svg class=\"icon icon--speech\" aria-hidden=\"true\"><use href=\"#speech\"></use></svg> {com[i]}</span>"
        cards.append(f"""
    <li class="hub-grid__cell">
      <div class="hub-card" itemscope itemtype="https://schema.org/BlogPosting">
        <link itemprop="mainEntityOfPage" href="{host}{path}">
        <meta itemprop="datePublished" content="{iso(p)}">
        <meta itemprop="dateModified" content="{iso(p + timedelta(days=1))}">
        <div itemprop="interactionStatistic" itemscope itemtype="https://schema.org/InteractionCounter"><meta itemprop="interactionType" content="https://schema.org/CommentAction"><meta itemprop="userInteractionCount" content="{com[i]}"></div>
        <img class="hub-card__img" itemprop="image" src="/media/hub/{i}.jpg" alt="">
        <div class="hub-card__body">
          <h3 class="hub-card__title" itemprop="headline"><a itemprop="url" href="{path}">{esc(t)}</a></h3>
          <p class="hub-card__teaser" itemprop="description">{esc(s)}</p>
          <div class="hub-card__meta">
            <span class="hub-card__author" itemprop="author" itemscope itemtype="https://schema.org/Person">Written by <span itemprop="name">{esc(authors[i])}</span></span>
            <span class="hub-card__reviewer">Reviewed by <span>{esc(reviewers[i])}</span></span>
            <span class="hub-card__date">{vis[i]}</span>
            {cm}
          </div>
        </div>
      </div>
    </li>""")
        items.append(item(t, host + path, authors[i], iso(p), com[i], s))
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Muscle conditions | Health Hub | Apotheca Pharmacy</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{base}">
</head>
<body class="hub hub--category">
  <svg style="display:none"><symbol id="speech" viewBox="0 0 16 16"><path d="M2 2h12v9H6l-4 3z"/></symbol></svg>
  <div class="promo-strip">Free delivery on orders over &pound;20 &middot; <a href="/offers">See offers</a></div>
  <header class="masthead"><a class="masthead__logo" href="/">Apotheca Pharmacy</a>
    <nav class="masthead__nav"><a href="/prescriptions">Prescriptions</a><a href="/shop">Shop</a><a href="/health-hub" aria-current="page">Health Hub</a><a href="/stores">Find a store</a></nav>
    <form class="masthead__search" action="/search"><input name="q" placeholder="Search products and advice"></form>
  </header>
  <main>
    <nav class="crumbs"><a href="/">Home</a> &rsaquo; <a href="/health-hub">Health Hub</a> &rsaquo; Muscle conditions</nav>
    <section class="hub-intro"><h1>Muscle conditions</h1><p>Pharmacist-written guides to muscle pain, weakness and inflammatory myopathies. All articles are reviewed by a doctor.</p></section>
    <ul class="hub-grid">
{"".join(cards)}
    </ul>
    <div class="hub-pager"><a class="hub-pager__more" href="{base}?page=2">Load more articles</a></div>
    <section class="hub-products"><h2>Related products</h2><ul><li><a href="/shop/jar-opener">Easy-grip jar opener</a> <span class="price">&pound;6.99</span></li><li><a href="/shop/pill-organiser">Weekly pill organiser</a> <span class="price">&pound;4.49</span></li></ul></section>
  </main>
  <footer class="site-foot"><p>Apotheca Pharmacy Ltd. Registered pharmacy no. 0000000. &copy; 2025</p></footer>
</body>
</html>"""
    write("microdata-pharmacy", base, as_of, page, items)

if __name__ == "__main__":
    microdata_pharmacy()
