"""One small case per named field rule (parse/listing/{title,url,summary,published,comments,author}.py):
a card of our own making, and the rule `extract --explain` must name for that field, with its value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from myofeed.parse.html import parse_tree
from myofeed.parse.listing.author import AUTHOR_RULES
from myofeed.parse.listing.blocks import Card
from myofeed.parse.listing.comments import COMMENT_RULES
from myofeed.parse.listing.dom import HEADINGS, text_cache
from myofeed.parse.listing.fields import extract_fields
from myofeed.parse.listing.model import Context
from myofeed.parse.listing.prepare import prepare
from myofeed.parse.listing.published import DATE_RULES
from myofeed.parse.listing.summary import SUMMARY_RULES
from myofeed.parse.listing.title import TITLE_ELEMENT_RULES, TITLE_TEXT_RULES
from myofeed.parse.listing.url import URL_RULES

BASE = "https://rules.example/blog/"
NOW = datetime(2025, 11, 20, 12, tzinfo=UTC)
P = "<p>Our clinic nurse explains how the infusion day goes, from the cannula to the drive home.</p>"

# (field, rule, card HTML, expected value); the card's title element is its first heading, else its first link
CASES = [
    # listing21: one-line posts whose writer and count sit in their own slots (linenames.py)
    ("author", "name-after-subject", '<li><strong><a href="/m/1.html">Build fails</a></strong>, <em>Lea Marchetti</em>'
     '</li>', "Lea Marchetti"),
    ("author", "name-without-date", '<li><a href="/t/1">Packing list for the rainy season</a><span class="by">fern_w'
     '</span></li>', "fern_w"),
    ("title", "text-without-by-slot", '<li><a href="/t/1">Packing list for the rainy season<span class="by">fern_w'
     '</span></a></li>', "Packing list for the rainy season"),
    ("author", "sender-label", '<li><strong><a href="/m/1.html">Build fails</a></strong><ul><li><em>From</em>: Lea '
     'Marchetti &lt;lea@lists.example&gt;</li></ul></li>', "Lea Marchetti"),
    ("comments", "count-in-num-slot", '<li><span class="num">14</span><a href="/t/1">Packing list for the rainy season'
     '</a></li>', 14),
    ("comments", "bracketed-count-after-name", '<li><a href="/m/1.html">Spring meetup venue</a> - Hana Kobayashi '
     '<tt>[6]</tt></li>', 6),
    ("title", "heading-in-card-link", '<a href="/a/"><h3>IVIG at home</h3><p>A nurse visits.</p></a>', "IVIG at home"),
    ("title", "headline-markup-in-card-link", '<a href="/a/"><span itemprop="headline">New Website</span>'
     '<div class="x"><span>1 minute read</span></div></a>', "New Website"),
    ("title", "title-class-in-card-link", '<a href="/a/"><div class="card__title">Grip tools</div><p>x</p></a>',
     "Grip tools"),
    ("title", "first-line-of-card-link", '<a href="/a/"><div><span>Kicker</span></div><div><span>Walking with a '
     'stick again</span></div></a>', "Walking with a stick again"),
    ("title", "link-beside-date", '<div><h2><a href="/a/">Rest days</a> <small>— March 5, 2021</small></h2></div>',
     "Rest days"),
    ("title", "headline-link-beside-kicker", '<div><h2><a href="/salud/">Salud</a> <a href="/salud/n-1.html">Un '
     'ambulatorio nuevo para la miositis</a></h2></div>', "Un ambulatorio nuevo para la miositis"),
    ("title", "title-cell-beside-file-link", '<table><tr><td>05/03/2026</td><td>Jornada de puertas abiertas en '
     'rehabilitación</td><td><a href="/docs/n.pdf">Descargar PDF</a></td></tr></table>',
     "Jornada de puertas abiertas en rehabilitación"),
    # a Hugo list's one link per post: the title as its leading text, then the date box and an excerpt heading
    ("title", "leading-text-of-card-link", '<a href="/a/">Rest days at home <aside class="dates">Oct 3, 2021</aside>'
     '<h2>What a week of pacing taught me about the mornings.</h2></a>', "Rest days at home"),
    ("title", "link-leading-text", '<a href="/a/">Make is fine <aside class="dates">Jun 13, 2021</aside><h2 '
     'class="excerpt">A defence of the oldest build tool</h2></a>', "Make is fine"),
    ("title", "repeated-element", '<div><h2><a href="/a/">Rest days</a></h2></div>', "Rest days"),
    ("title", "text-after-field-label", '<div><h3><span class="descriptor">Title:</span> Lung outcomes</h3>'
     '<a href="/abs/1">abs</a></div>', "Lung outcomes"),
    ("title", "text-beside-more-link", '<p>事務局の受付時間を変更しました。<a href="/n/0115.html">詳しくはこちら</a></p>',
     "事務局の受付時間を変更しました。"),
    ("title", "text-without-file-label", '<div><h3><a href="/docs/cp-12.pdf">Budget 2027 : priorité aux soins</a> '
     '<span class="news-list-file">(PDF, 256 Ko)</span></h3></div>', "Budget 2027 : priorité aux soins"),
    ("title", "text-without-kicker", '<div><h3><a href="/a/"><span class="fc-item__kicker">Opinion</span> <span>The '
     'harbour deserves better</span></a></h3></div>', "The harbour deserves better"),
    ("title", "element-text", '<div><h3><a href="/a/">Rest days</a></h3></div>', "Rest days"),
    ("title", "label-attribute", '<div><a href="/a/" aria-label="Swallow study"></a><p>x</p></div>', "Swallow study"),
    ("title", "image-alt", '<div><h3><a href="/a/"><img src="x.png" alt="CK levels explained"></a></h3></div>',
     "CK levels explained"),
    ("url", "title-link", '<div><a href="/t/">Title here</a><p>Text</p></div>', "https://rules.example/t/"),
    ("url", "link-in-title", '<div><h3><span>Title <a href="/in/">here</a></span></h3></div>', BASE[:-5] + "in/"),
    ("url", "permalink-markup", '<div><h3>Unlinked title</h3><a href="/tag/x/">x</a><a rel="bookmark" '
     'href="/p/">8:00</a></div>', "https://rules.example/p/"),
    ("url", "permalink-beside-offsite-title", '<div><h3><a href="https://news.example/story">Harbour story</a></h3>'
     '<p>Text.</p><p>posted by Ann at 10:43:12 AM <a href="/2006/06/harbour.html">permalink</a></p></div>',
     "https://rules.example/2006/06/harbour.html"),
    ("author", "name-beside-comment-count", '<div><h3><a href="/a/">Rest days</a></h3><p>Our nurse explains the '
     'infusion day.</p><div class="m"><span>Lena Fox</span><span>·</span><a href="/a/#comments">7 comments</a></div>'
     '</div>', "Lena Fox"),
    ("author", "name-before-at-time", '<div><h3><a href="/a/">Rest days</a></h3><div class="meta">Filed under: <a '
     'href="/category/news/">News</a> &#8212; Hannah L. @ 9:15 pm</div></div>', "Hannah L."),
    ("url", "permalink-text", '<div><h3>Unlinked title</h3><p>See <a href="https://else.example/">this site</a>.</p>'
     '<a href="/p/">Permalink</a></div>', "https://rules.example/p/"),
    ("url", "date-link", '<div><h3>Unlinked title</h3><p>See <a href="https://else.example/">this site</a> now.</p>'
     '<a href="/p/9/">March 3, 2020</a></div>', "https://rules.example/p/9/"),
    ("url", "link-labelled-with-title", '<div><h3>Unlinked title</h3><a href="/o/" aria-label="Unlinked title">'
     '</a></div>', "https://rules.example/o/"),
    # a wiki blog's footer names the post's page by its WikiName; a WikiName linked in the text above is another
    ("url", "wikiname-link", '<div><h3>Unlinked title</h3><p>See <a href="https://else.example/">this site</a> and '
     '<a href="/blog/x/OlderEntry">OlderEntry</a>.</p><small>(<a href="/blog/x/InodeExhaustion">InodeExhaustion</a>) '
     '&mdash; written at 16:05:12</small></div>', "https://rules.example/blog/x/InodeExhaustion"),
    ("url", "read-more-link", '<div><h3>Unlinked title</h3><a href="/tag/x/">x</a><a href="/m/">Read more</a></div>',
     "https://rules.example/m/"),
    ("url", "other-link", '<div><h3>Unlinked title</h3><a href="/author/ann/">Ann</a><a href="/x/">view</a></div>',
     "https://rules.example/x/"),
    # Movable Type's footer: "Posted by Gwen at <a>08:42 PM</a>", the time linked to the post's page
    ("url", "time-link", '<div><h3>Unlinked title</h3><p>See <a href="https://else.example/">this site</a> now.</p>'
     '<div class="posted">Posted by Gwen Harlow at <a href="/archives/000412.html">08:42 PM</a> | <a href="/mt-tb.cgi'
     '?id=412">TrackBack (2)</a></div></div>', "https://rules.example/archives/000412.html"),
    # a story list that never shows years: "on Wednesday June 14, @03:33PM" in a byline of 70 characters
    ("published", "yearless-day-at-time", '<div><h3><a href="/a/">T</a></h3><div class="details">Posted by <a href='
     '"/~kestrel/">kestrel</a> on Wednesday June 14, @03:33PM<br>from the not-so-fast dept.</div></div>',
     "2025-06-14T15:33:00"),
    ("url", "comments-link-page", '<div><h3>Unlinked title</h3><a href="/post/#comments">3 Comments</a></div>',
     "https://rules.example/post/"),
    ("summary", "summary-markup", '<div><h3><a href="/a/">T</a></h3><div class="entry-summary">The summary text of '
     'this post, long enough.</div></div>', "The summary text of this post, long enough."),
    ("summary", "content-block", '<div><h3><a href="/a/">T</a></h3><div class="entry-content"><p>Body text of the '
     'post, long enough.</p></div></div>', "Body text of the post, long enough."),
    ("summary", "description-meta", '<div><h3><a href="/a/">T</a></h3><meta itemprop="description" content="What the '
     'card states for machines."></div>', "What the card states for machines."),
    ("summary", "subtitle-heading", '<div><h2><a href="/a/">Title</a></h2><h3>A subtitle that reads as a whole '
     'sentence here</h3></div>', "A subtitle that reads as a whole sentence here"),
    ("summary", "paragraphs", f'<div><h3><a href="/a/">Title</a></h3>{P}</div>', P[3:-4]),
    ("summary", "longest-line", '<div><h3><a href="/a/">Title</a></h3><span>Short</span><br>A line of text without '
     'any paragraph around it</div>', "A line of text without any paragraph around it"),
    ("published", "visible-day", '<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-04T02:10:00Z">'
     'November 3, 2025</time></div>', "2025-11-03"),
    ("published", "machine-date", '<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-03">3 Nov</time></div>',
     "2025-11-03"),
    ("published", "marked-date-text", '<div><h3><a href="/a/">T</a></h3><span class="entry-date">November 3, 2025'
     '</span></div>', "2025-11-03"),
    ("published", "meta-text-date", '<div><h3><a href="/a/">T</a></h3><span>Ann Lee</span> <span>Nov 3, 2025</span>'
     '</div>', "2025-11-03"),
    ("published", "short-date-text", '<div><h3><a href="/a/">T</a></h3><span>2 days ago</span></div>', "2025-11-18"),
    ("title", "text-without-title-date", '<div><h3><a href="/a/">[2025-11-03 09:15] Clinic closed on Friday</a></h3>'
     '</div>', "Clinic closed on Friday"),
    ("published", "date-in-title-text", '<div><h3><a href="/a/">2025.11.03 - Clinic closed on Friday</a></h3></div>',
     "2025-11-03"),
    ("published", "date-leading-excerpt", '<div><h3><a href="/a/">T</a></h3><p>Nov 3, 2025 | Our December meeting '
     'will be held in the ground-floor room of the central library, with step-free access.</p></div>', "2025-11-03"),
    ("published", "modified-date", '<div><h3><a href="/a/">T</a></h3><time class="updated" datetime="2025-11-05">'
     '</time></div>', "2025-11-05"),
    ("comments", "comment-count-markup", '<div><h3><a href="/a/">T</a></h3><meta itemprop="commentCount" '
     'content="7"></div>', 7),
    ("comments", "comment-link", '<div><h3><a href="/a/">T</a></h3><a href="/a/#comments">5 Comments</a></div>', 5),
    ("comments", "comment-icon-number", '<div><h3><a href="/a/">T</a></h3><i class="fa fa-comment"></i> 4</div>', 4),
    ("comments", "count-in-icon-label", '<div><h3><a href="/a/">T</a></h3><a href="/a/"><svg role="img" '
     'aria-label="0 comments"></svg></a></div>', 0),
    ("comments", "comment-words-in-meta", '<div><h3><a href="/a/">T</a></h3><span>12 Kommentare</span></div>', 12),
    ("comments", "bare-count-in-meta-line", '<div><h3><a href="/a/">T</a></h3><div><span>Nov 3, 2025</span>'
     '<span>14</span></div></div>', 14),
    # the number beside an asker's name and date is their score (karma), not a comment count
    ("comments", "none", '<div><h3><a href="/q/1/t">T</a></h3><div class="userinfo"><span>May 14 \'13</span> '
     '<a href="/users/12/aoife/">Aoife Brennan</a><span class="score" title="karma">12</span></div></div>', None),
    ("author", "schema-author", '<div><h3><a href="/a/">T</a></h3><span itemprop="author" itemscope><span '
     'itemprop="name">Ann Lee</span></span></div>', "Ann Lee"),
    ("author", "microformat-author", '<div><h3><a href="/a/">T</a></h3><span class="p-author">Bo Chen</span></div>',
     "Bo Chen"),
    ("author", "author-name-class", '<div><h3><a href="/a/">T</a></h3><span class="author-name">Ann Lee</span></div>',
     "Ann Lee"),
    # Twenty Ten's "Posted on DATE by NAME": the "Posted" label's class ends in "-author" but is no p-author
    ("author", "author-name-class", '<div><h3><a href="/a/">T</a></h3><div class="entry-meta"><span class="meta-prep '
     'meta-prep-author">Posted</span> <a href="/a/" rel="bookmark"><span class="entry-date">on April 7, 2015</span>'
     '</a> <span class="meta-sep">by</span> <span class="author vcard"><a class="url fn n" href="/author/admin/">'
     'Arun Kumar</a></span></div></div>', "Arun Kumar"),
    ("author", "rel-author-link", '<div><h3><a href="/a/">T</a></h3><a rel="author" href="/x">Ann Lee</a></div>',
     "Ann Lee"),
    ("author", "profile-link", '<div><h3><a href="/a/">T</a></h3><a href="/user?id=kpetrov">kpetrov</a></div>',
     "kpetrov"),
    ("author", "byline-class", '<div><h3><a href="/a/">T</a></h3><span class="byline-author">Posted by Talia Brooks, '
     'Registry Coordinator</span></div>', "Talia Brooks"),
    ("author", "user-icon-name", '<div><h3><a href="/a/">T</a></h3><i class="fa fa-user"></i> Ann Lee</div>',
     "Ann Lee"),
    ("author", "avatar-name", '<div><h3><a href="/a/">T</a></h3><div><img class="avatar" src="a.png"><span>Ann Lee'
     '</span></div></div>', "Ann Lee"),
    ("author", "by-line-in-meta", '<div><h3><a href="/a/">T</a></h3><span>By Ann Lee</span></div>', "Ann Lee"),
    ("author", "link-before-posted-word", '<div><h3><a href="/a/">T</a></h3><div class="foot"><a href="/lin-yao/" '
     'class="lightblue">林遥</a> 发布于 2020-01-25 15:05 <span><a href="/a/#commentform">评论(2)</a></span><span>'
     '<a href="/a/">阅读(44)</a></span></div></div>', "林遥"),
    ("comments", "comment-link", '<div><h3><a href="/a/">T</a></h3><div class="foot"><a href="/lin-yao/">林遥</a> '
     '發佈於 2020-01-25 15:05 <a href="/a/#commentform">评论(2)</a> <a href="/a/">阅读(44)</a></div></div>', 2),
    ("author", "by-word-uncased-script", '<div><h3><a href="/a/">T</a></h3><p>بقلم سلمى ناصر · ٢ نوفمبر ٢٠٢٥</p>'
     '</div>', "سلمى ناصر"),
    # a Q&A engine's question row: the asker's profile is /users/NUMBER/NAME, the reputation beside it
    ("author", "profile-link", '<div><h3><a href="/q/1/t">T</a></h3><div class="user-details"><a href="/users/3310/'
     'priya-raman">Priya Raman</a><br><span class="reputation-score">1,234</span></div></div>', "Priya Raman"),
    ("author", "profile-link", '<div><h3><a href="/a/">T</a></h3><span>via <a href="/~rb1988">rb1988</a></span></div>',
     "rb1988"),
    ("author", "cjk-author-label", '<div><h3><a href="/a/">T</a></h3><div class="card__meta"><span class="card__author">'
     '投稿者：佐藤 美咲</span><span>2025.11.14</span></div></div>', "佐藤 美咲"),
    ("author", "emoji-author", '<div><h3><a href="/a/">T</a></h3><span>\u270d\ufe0f Ann Lee</span></div>', "Ann Lee"),
    ("author", "name-in-dated-meta-line", '<div><h3><a href="/a/">T</a></h3><div>Nov 3, 2025 · 5 min · Walt '
     'Brenneman</div></div>', "Walt Brenneman"),
    ("author", "name-in-dated-meta-line", '<div><h3><a href="/a/">T</a></h3><p class="small">Анна Петрова · вчера в '
     '21:05 · 4 ответа</p></div>', "Анна Петрова"),
    ("comments", "comment-words-in-meta", '<div><h3><a href="/a/">T</a></h3><p class="small">Анна Петрова · вчера в '
     '21:05 · 4 ответа</p></div>', 4),
    ("author", "name-after-posted-at", '<div><h3><a href="/a/">T</a></h3><div class="postDesc">posted @ 2025-11-05 '
     '10:12 林遥 <span>阅读(128)</span> <span>评论(3)</span> <a href="/edit?id=1">编辑</a></div></div>', "林遥"),
    ("author", "posted-by-handle", '<div><h3><a href="/a/">T</a></h3><p class="meta">posted by mkline on 2025-11-05 '
     '14:02</p></div>', "mkline"),
    ("author", "posted-by-handle", '<div><h3><a href="/a/">T</a></h3><p>Submitted by jdoe on Tue, 03/05/2024 - 10:12'
     '</p></div>', "jdoe"),
    ("author", "posted-by-handle", '<div><h3><a href="/a/">T</a></h3><p>Posted on March 5, 2025 by mkline</p></div>',
     "mkline"),
    ("author", "name-before-posted-word", '<div><h3><a href="/a/">T</a></h3><p class="info">王晓 发表于 2025-03-08 '
     '20:31 · 评论 5</p></div>', "王晓"),
    ("author", "name-before-posted-word", '<div><h3><a href="/a/">T</a></h3><p>mkline posted @ 2025-01-25 15:05</p>'
     '</div>', "mkline"),
    ("author", "original-poster", '<div><h3><a href="/a/">T</a></h3><a href="/u/bo_chen" class="latest"><img '
     'class="avatar" src="b.png" title="bo_chen - Most Recent Poster"></a><a href="/u/ann_k"><img class="avatar" '
     'src="a.png" title="ann_k - Original Poster"></a></div>', "ann_k"),
    ("author", "avatar-name", '<div><h3><a href="/a/">T</a></h3><div><div class="pic"><a href="/ritak"><img '
     'class="avatar" src="r.png"></a></div><div><div><a href="/ritak">Rita Kowalczyk</a></div><a href="/a/"><time '
     'datetime="2025-11-04">Nov 4</time></a></div></div></div>', "Rita Kowalczyk"),
    ("published", "url-date", '<div><h3><a href="/2025/03/04/slug/">T</a></h3></div>', "2025-03-04"),
    ("published", "shown-time", '<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-04">2025-11-04 10:12:33'
     '</time></div>', "2025-11-04T10:12:33"),
    ("published", "created-label", '<div><h3><a href="/a/">T</a></h3><span class="activity" title="Created: Mar 4, '
     '2025 10:12 am&#10;Latest: Nov 12, 2025 8:40 pm"><span data-time="1762980000000">8d</span></span></div>',
     "2025-03-04T10:12:00"),
    ("published", "created-label", '<div><h3><a href="/t/a/812">T</a></h3><span class="num age activity" '
     'title="First post: Nov 3, 2025 9:12 am&#10;Posted: Nov 17, 2025 8:40 pm"><a href="/t/a/812/6"><span '
     'class="relative-date">3d</span></a></span></div>', "2025-11-03T09:12:00"),
    ("published", "numeric-day-month", '<div><h3><a href="/a/">T</a></h3><span>15.01.</span></div>', "2025-01-15"),
    ("comments", "count-after-label", '<div><h3><a href="/a/">T</a></h3><dl><dt>Replies</dt><dd>5</dd></dl><dl>'
     '<dt>Views</dt><dd>120</dd></dl></div>', 5),
    # a board's row: today's post shows its time alone; older ones "25-11-02" (year first on a Korean page)
    ("published", "time-alone-today", '<div><h3><a href="/a/">T</a></h3><span class="td_datetime">14:32</span></div>',
     "2025-11-20T14:32:00"),
    ("published", "year-first-short-date", '<div lang="ko"><h3><a href="/a/">T</a></h3>'
     '<span class="td_datetime">25-11-02</span></div>', "2025-11-02"),
    ("title", "text-without-topic-label", '<table><tr><td><a href="/t/7">[закрыт] Барахолка за ноябрь</a></td>'
     '<td>ann_k</td></tr></table>', "Барахолка за ноябрь"),
    ("title", "text-without-count-badge", '<div><a href="/a/">재활 일기 <span class="cnt_cmt">3</span></a></div>',
     "재활 일기"),
    ("comments", "count-badge-in-title", '<div><a href="/a/">재활 일기 <span class="cnt_cmt">3</span></a></div>', 3),
    # a label alone in its element, the name in the next (a Japanese Shopify theme; a Korean <dl>)
    ("author", "author-label-element", '<div><h3><a href="/a/">T</a></h3><div class="article-card__info"><span>'
     '2025年11月14日</span><span>投稿者</span><span>佐藤 美咲</span></div></div>', "佐藤 美咲"),
    ("author", "author-label-element", '<div><h3><a href="/a/">T</a></h3><dl><dt>작성자</dt><dd>김민지</dd></dl></div>',
     "김민지"),
    ("author", "cjk-author-label", '<div><h3><a href="/a/">T</a></h3><p>글쓴이: 이서준 · 2025.11.14</p></div>', "이서준"),
    ("author", "cjk-author-label", '<div><h3><a href="/a/">T</a></h3><p>发布者：王丽华 2025-11-14</p></div>', "王丽华"),
    ("author", "name-before-guillemet", '<div><h3><a href="/a/">T</a></h3><p>par helene_m » lun. 3 nov. 2025 10:15'
     '</p></div>', "helene_m"),
    ("author", "name-before-wrote-in", '<div><h3><a href="/a/">T</a></h3><div class="entry-author"><span '
     'class="ljuser"><a href="https://anna-k.lj.example/profile"><img src="/i/userinfo.gif" alt="[info]"></a><a '
     'href="https://anna-k.lj.example/"><b>anna_k</b></a></span> wrote in <span class="ljuser"><a '
     'href="https://walkers.lj.example/"><b>fell_walkers</b></a></span></div></div>', "anna_k"),
    ("author", "host-slot", f'<div><h3><a href="/a/">T</a></h3><p class="episode-card__host">Dana Whitfield</p>{P}'
     '</div>', "Dana Whitfield"),
    ("author", "with-name-line", f'<div><h3><a href="/a/">T</a></h3><span>Nov 12, 2025</span><p>with Sam Ortega</p>{P}'
     '</div>', "Sam Ortega"),
    ("author", "profile-onclick", '<div><div><a href="showthread.php?t=812">T</a></div><div class="smallfont"><span '
     'style="cursor:pointer" onclick="window.open(\'member.php?u=112\', \'_self\')">anna_k</span></div></div>', "anna_k"),
    ("author", "author-name-class", '<div><h3><a href="/a/">T</a></h3><div class="info_area"><span class="category">산행'
     '</span><span class="nick">산바람</span><span class="date">2025. 11. 18. 21:40</span></div></div>', "산바람"),
    # a capitalised name, a comma, then the date: the whole name ("Rossi, 4" is no month and day)
    ("author", "by-line-in-meta", '<div><h3><a href="/a/">T</a></h3><p>di Marco Rossi, 4 novembre 2025</p></div>',
     "Marco Rossi"),
    ("author", "posted-by-handle", '<div><h3><a href="/a/">T</a></h3><p>Geplaatst op di 4 nov 2025 door jan_dv</p></div>',
     "jan_dv"),
    ("author", "posted-by-handle", '<div><h3><a href="/a/">T</a></h3><p>di marco.rossi · 4 novembre 2025</p></div>',
     "marco.rossi"),
    # a link aggregator's "2h" beside the poster's name; alone "3d" could be a badge
    ("published", "compact-age", '<div><h3><a href="/a/">T</a></h3><div><a href="/u/ann_k">ann_k</a> • <span>3d</span>'
     '</div></div>', "2025-11-17"),
    ("author", "name-before-reblogged", '<div><h3><a href="/a/">T</a></h3><div><a href="https://ann-k.tumblr.example/">'
     'ann-k</a> <span class="icon">⟲</span> reblogged from <a href="https://bo-chen.tumblr.example/">bo-chen</a></div>'
     '</div>', "ann-k"),
]


def _fields(card_html: str):
    root = parse_tree(f"<html><body><main>{card_html}</main></body></html>")
    prepare(root)
    card_root = root.find("body/main")[0]
    member = next((e for e in card_root.iter() if isinstance(e.tag, str) and e.tag in HEADINGS), None)
    if member is None or card_root.tag == "a":
        member = card_root if card_root.tag == "a" else next(card_root.iter("a"))
    with text_cache():
        return extract_fields(Card([card_root], member), Context(base_url=BASE, now=NOW, lang=card_root.get("lang")))


@pytest.mark.parametrize(("field", "rule", "html", "value"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_rule(field: str, rule: str, html: str, value: object) -> None:
    f = _fields(html)
    assert getattr(f, field) == value, f.why
    assert rule in f.why[field].split(" <")[0].split("+"), f.why  # title: "element-rule+text-rule <el>"


ALL = {r.name for rules in (TITLE_ELEMENT_RULES, TITLE_TEXT_RULES, URL_RULES, SUMMARY_RULES, DATE_RULES,
                            COMMENT_RULES, AUTHOR_RULES) for r in rules}
# rules whose case needs more than one card: a page's date headers, a source's date format
NEEDS_A_PAGE = {"heading-beside-date-permalink", "first-sentence-of-untitled-post", "group-header-date", "preceding-heading-date", "source-date-format", "date-class-text",
                "link-before-source-domain", "table-author-column", "table-comment-column", "month-heading-day", "archive-tree-day",
                "date-beside-link-in-line", "text-without-file-link",
                # a card that poster-line-posts made (its poster's line): test_listing_kinds4.py
                "poster-line-link", "poster-line-date", "poster-line-name", "poster-line-comments",
                "text-above-poster-line",
                # a row's title cell that a "[View]" link made a candidate: test_listing_kinds6.py
                "view-link-row", "text-beside-view-link",
                # a board subject list's line: its neighbour lines decide (test_listing_kinds8.py)
                "numbered-subject-line", "count-after-subject"}


def test_every_rule_has_a_case() -> None:
    assert ALL - {c[1] for c in CASES} - NEEDS_A_PAGE == set()
    assert len({r for r in ALL}) == len(ALL)  # names are unique


def test_link_before_source_domain() -> None:
    """An aggregator's title cell "Story (site.example)" picked as the repeated element: the title is the
    link, the source domain is left out."""
    root = parse_tree('<html><body><main><div><span class="titleline"><a href="https://site.example/s">Pacing '
                      'diaries</a><span class="sitebit"> (<a href="from?site=site.example">site.example</a>)</span>'
                      '</span></div></main></body></html>')
    prepare(root)
    card_root = root.find("body/main")[0]
    with text_cache():
        f = extract_fields(Card([card_root], card_root[0]), Context(base_url=BASE, now=NOW))
    assert f.title == "Pacing diaries"
    assert f.why["title"].startswith("link-before-source-domain"), f.why


def test_table_columns_and_avatar_via() -> None:
    """An archive table's "Verfasser"/"Kommentare" columns; an avatar byline "<img> via <a>ann</a>"."""
    from pathlib import Path

    from myofeed.parse.html import parse_listing

    data = Path(__file__).resolve().parents[1] / "data" / "listing"
    doc = parse_listing((data / "pattern-table-author-comment-columns.html").read_bytes(),
                        base_url="https://myo-verein.example/aktuelles/archiv", now=NOW)
    why = dict(doc.posts[1].why)
    assert (doc.posts[1].author, doc.posts[1].comments) == ("Dr. Paul Muster", 0)
    assert why["author"].startswith("table-author-column") and why["comments"].startswith("table-comment-column")
    doc = parse_listing((data / "pattern-avatar-via-byline.html").read_bytes(), base_url="https://myolinks.example/",
                        now=NOW)
    # its links go to /~hanna_v, a tilde home page: the profile link names the poster before the avatar does
    assert doc.posts[0].author == "hanna_v" and dict(doc.posts[0].why)["author"].startswith("profile-link")


def test_a_header_row_of_td_cells_names_the_columns() -> None:
    """table-author-column / table-comment-column under a header row of <td> cells (forum software of table
    layouts: SUBJECT | REPLIES | AUTHOR | LAST POST), and a first row of data is no header."""
    from pathlib import Path

    from myofeed.parse.html import parse_listing

    page = Path(__file__).resolve().parents[1] / "data" / "listing" / "pattern-forum-td-header-table.html"
    doc = parse_listing(page.read_bytes(), base_url="https://forum.myo-support.example/forum.jsp?forum=3", now=NOW)
    why = dict(doc.posts[1].why)
    assert (doc.posts[1].author, doc.posts[1].comments) == ("Ole Brandt", 12)
    assert why["author"].startswith("table-author-column") and why["comments"].startswith("table-comment-column")
    rows = "".join(f'<tr><td><a href="/t/{i}">Topic about pacing number {i}</a></td><td>{i}</td>'
                   f'<td><a href="/u/{i}">member{i}</a></td></tr>' for i in range(1, 6))
    assert all(p["comments"] is None for p in _posts(f"<table>{rows}</table>"))


def test_badge_links_in_a_topic_cell_do_not_stand_for_the_rows() -> None:
    # Discourse: the "Topic" cell holds the title link, then a category badge and tags (short links);
    # a short link counts as a title under a Title/Topic column only when it is the cell's first link
    rows = "".join(
        f'<tr><td class="main-link"><a class="title" href="/t/topic-{i}/{i}">Question number {i} about the '
        f'infusion chair</a><div class="link-bottom-line"><a class="badge-category" href="/c/c{i}/{i}">'
        f'<span>{cat}</span></a></div></td>'
        f'<td class="posts">{i}</td><td class="activity" title="First post: Nov {i}, 2025 9:12 am">{i}d</td></tr>'
        for i, cat in enumerate(["Site feedback", "Treatments", "Events", "Symptoms", "Exercise", "Work"], 1))
    table = ('<table><thead><tr><th>Topic</th><th>Replies</th><th>Activity</th></tr></thead>'
             f'<tbody>{rows}</tbody></table>')
    assert [p["title"] for p in _posts(table)] == [f"Question number {i} about the infusion chair" for i in range(1, 7)]


def test_page_level_date_rules() -> None:
    """preceding-heading-date: a date heading before a group of cards (the dl-labelled pattern page)."""
    from pathlib import Path

    from myofeed.parse.html import parse_listing

    page = Path(__file__).resolve().parents[1] / "data" / "listing" / "pattern-dl-labelled-fields.html"
    doc = parse_listing(page.read_bytes(), base_url="https://preprints.example/list/", now=NOW)
    assert dict(doc.posts[0].why)["published"].startswith("preceding-heading-date")


def test_date_class_text_reads_what_find_dates_leaves() -> None:
    """date-class-text: the full date parser on a *date*-classed element, when no earlier rule dated the card."""
    from myofeed.parse.listing.published import _scan, date_class_text
    from myofeed.parse.listing.view import view_of

    root = parse_tree('<html><body><div><h3><a href="/a/">T</a></h3><span class="post-date">3 November 2025</span>'
                      "</div></body></html>")
    prepare(root)
    card_root = root.find("body/div")
    with text_cache():
        v = view_of(Card([card_root], card_root.find("h3")), Context(base_url=BASE, now=NOW))
        v.title_el = card_root.find("h3")
        v.skip = set(v.title_el.iter())
        _scan(v).skip = v.skip
        found = date_class_text(v)
    assert found is not None and found.value == "2025-11-03"


def test_source_date_format_defers_to_the_selectors() -> None:
    """source-date-format: with a per-source date format, only a markup date is kept (the selectors read the rest)."""
    from myofeed.parse.listing.published import source_date_format
    from myofeed.parse.listing.view import view_of

    root = parse_tree('<html><body><div><h3><a href="/a/">T</a></h3><span>03/11/2025</span></div></body></html>')
    prepare(root)
    card_root = root.find("body/div")
    with text_cache():
        v = view_of(Card([card_root], card_root.find("h3")), Context(base_url=BASE, now=NOW, date_format="%d/%m/%Y"))
        found = source_date_format(v)
    assert found is not None and found.value is None


# --- guards: what the new rules must not do --------------------------------------------------------------


def _posts(body: str) -> list[dict[str, object]]:
    from myofeed.parse.html import parse_listing

    html = f"<html><body><main>{body}</main></body></html>"
    return [p.to_json() for p in parse_listing(html.encode(), base_url=BASE, now=NOW).posts]


def test_a_kicker_before_a_colon_stays_in_the_title() -> None:
    f = _fields('<div><h3><strong>Video:</strong> <a href="/v/">Stretching with a towel</a></h3></div>')
    assert f.title == "Video: Stretching with a towel"


def test_a_short_more_link_beside_each_title_is_no_post() -> None:
    cards = "".join(f'<div class="c"><p><a class="l" href="/p{i}/">Post number {i} about pacing</a> '
                    f'<a class="l" href="/p{i}/#more">More</a></p><p>Nov {i}, 2025</p></div>' for i in range(1, 4))
    assert [p["title"] for p in _posts(cards)] == [f"Post number {i} about pacing" for i in range(1, 4)]


def test_an_article_pages_own_h1_is_no_post() -> None:
    body = ('<article class="post"><h1>Living with inclusion body myositis</h1><p class="meta">Nov 3, 2025 by '
            '<a href="/author/ann/">Ann Lee</a></p><p>' + "Long article text. " * 20 + "</p></article>")
    assert _posts(body) == []


def test_comments_with_a_word_after_the_count() -> None:
    from myofeed.parse.text import parse_comment_count

    assert parse_comment_count("Comments: 3 Share this") == (True, 3)
    assert parse_comment_count("Comments: 14 pages, 3 figures") == (False, None)
    assert parse_comment_count("4 comments awaiting moderation") == (False, None)


def test_an_aggregators_discuss_link_is_zero_comments() -> None:
    """discuss-is-zero: "discuss" where the count goes is what an aggregator shows while a story has no comment
    yet: 0 (found, so no other number, such as the points, is taken)."""
    from myofeed.parse.text import parse_comment_count

    assert parse_comment_count("discuss") == (True, 0)
    assert parse_comment_count("Discuss") == (True, 0)
    assert parse_comment_count("8 points by ann 1 hour ago | hide | discuss · ·") == (True, 0)
    assert parse_comment_count("7 up and 0 down, posted by ann 3 days ago DISCUSS") == (True, 0)
    assert parse_comment_count("8 points by ann 1 hour ago | hide | 3 comments") == (True, 3)
    assert parse_comment_count("Let us discuss the new guideline") == (False, None)


def test_words_of_unspaced_scripts_count_like_words() -> None:
    from myofeed.parse.text import text_width, word_count

    assert word_count("委員長記者会見資料掲載") >= 5  # one headline of several words, not one word
    assert word_count("Gentle yoga for stiff mornings") == 5
    assert text_width("採用情報") == 8 and text_width("Stairs") == 6


def _grid_and_list(list_heading: str) -> str:
    grid = "".join(f'<a class="Grid_card__b7Lm3" href="/f/{i}"><h4 class="Grid_title__b7Lm3">Featured story number {i} '
                   f'here</h4><time>Nov {i}, 2025</time><p>{"A short teaser of the featured story. " * 2}</p></a>'
                   for i in (1, 2, 3))
    rows = "".join(f'<li><a class="List_item__c6Np4" href="/n/{i}"><time>Oct {i}, 2025</time>'
                   f'<span class="List_title__c6Np4">Listed story number {i} of the section</span></a></li>'
                   for i in range(1, 7))
    return f'<section class="grid">{grid}</section><section><h2>{list_heading}</h2><ul>{rows}</ul></section>'


def test_a_section_front_takes_its_featured_grid_and_its_full_list() -> None:
    urls = [p["url"] for p in _posts(_grid_and_list("All stories"))]
    assert urls == [f"https://rules.example/f/{i}" for i in (1, 2, 3)] + [f"https://rules.example/n/{i}" for i in range(1, 7)]


def test_a_list_under_a_related_heading_does_not_join() -> None:
    urls = [p["url"] for p in _posts(_grid_and_list("Related stories"))]
    assert urls == [f"https://rules.example/f/{i}" for i in (1, 2, 3)]


def test_the_innermost_byline_element_names_the_writer() -> None:
    cards = "".join(f'<article><h2><a href="/p/{i}">A post about living with myositis {i}</a></h2>'
                    f'<div class="byline"><span class="author">By Ann Lee</span> <time datetime="2025-11-0{i}">'
                    f'Updated 3 hours ago</time> <a href="#comments">💬 37</a></div></article>' for i in (1, 2, 3))
    assert {p["author"] for p in _posts(cards)} == {"Ann Lee"}


def test_a_subject_label_in_the_meta_line_is_no_author() -> None:
    cards = "".join(f'<li><a href="/n/{i}"><div class="meta"><time>Oct {i}, 2025</time>'
                    f'<span class="List_subject__a8Kq2">Economic Research</span></div>'
                    f'<span class="List_title__a8Kq2">A story about research funding number {i}</span></a></li>'
                    for i in range(1, 5))
    assert {p["author"] for p in _posts(f"<ul>{cards}</ul>")} == {None}


@pytest.mark.parametrize(("text", "count"), [("コメント(3)", 3), ("3件のコメント", 3), ("5条评论", 5), ("댓글 3", 3),
                                             ("3개의 댓글", 3), ("تعليقات (3)", 3), ("3 תגובות", 3)])
def test_comment_counts_in_cjk_arabic_and_hebrew(text: str, count: int) -> None:
    from myofeed.parse.text import parse_comment_count

    assert parse_comment_count(text) == (True, count)


def test_machine_time_agreeing_with_its_text_stays() -> None:
    """visible-day only when the shown day is one day off: a datetime on the day it shows is kept whole."""
    f = _fields('<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-03T15:30:00Z">November 3, 2025</time>'
                '</div>')
    assert (f.published, f.why["published"]) == ("2025-11-03T15:30:00+00:00", "machine-date")
    far = _fields('<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-06T15:30:00Z">November 3, 2025</time>'
                  '</div>')
    assert far.why["published"] == "machine-date"
    yearless = _fields('<div><h3><a href="/a/">T</a></h3><time datetime="2025-01-01T03:00:00Z">Dec 31</time></div>')
    assert (yearless.published, yearless.why["published"]) == ("2024-12-31", "visible-day")
    ago = _fields('<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-04T03:00:00Z">1 day ago</time></div>')
    assert ago.why["published"] == "machine-date"
    day = _fields('<div><h3><a href="/a/">T</a></h3><time datetime="2025-11-04">November 3, 2025</time></div>')
    assert (day.published, day.why["published"]) == ("2025-11-03", "visible-day")


def test_year_heading_gives_yearless_dates_their_year() -> None:
    """An archive's "2019" heading over "Mar 04" items: 2019-03-04, named year-heading; without the heading
    the fetch time's year (2025) is the guess."""
    from myofeed.parse.html import parse_listing

    page = ('<html><body><main><h2>2019</h2><ul>{}</ul></main></body></html>')
    items = "".join(f'<li><span class="date">{d}</span> <a href="/p/{i}/">Post number {i} of the archive</a></li>'
                    for i, d in enumerate(("Nov 19", "Mar 04", "Jan 02")))
    doc = parse_listing(page.format(items).encode(), base_url=BASE, now=NOW, explain=True)
    assert [p.published for p in doc.posts] == ["2019-11-19", "2019-03-04", "2019-01-02"]
    assert dict(doc.posts[1].why)["published"].endswith("+ year-heading")
    plain = parse_listing(page.replace("<h2>2019</h2>", "<h2>Archive</h2>").format(items).encode(),
                         base_url=BASE, now=NOW)
    assert [p.published for p in plain.posts] == ["2025-11-19", "2025-03-04", "2025-01-02"]


def test_inner_headings_join_a_body_written_into_the_post_box() -> None:
    """Paragraphs beside the title in one box: the section headings between them are excerpt text."""
    f = _fields('<div><h2><a href="/a/">Title</a></h2><p>First paragraph of the body, long enough.</p>'
                '<h3>A section</h3><p>Second paragraph of the body, long enough.</p></div>')
    assert f.summary == ("First paragraph of the body, long enough. A section Second paragraph of the body, "
                         "long enough.")
    g = _fields('<div><header><h2><a href="/a/">Title</a></h2></header><div><p>First paragraph of the body, long '
                'enough.</p><h3>A section</h3><p>Second paragraph of the body, long enough.</p></div></div>')
    assert "A section" not in g.summary


def test_bracketed_line_is_no_excerpt() -> None:
    """A link list's "(Kitchen Table Rheumatology)" source name is no excerpt (longest-line skips it)."""
    f = _fields('<div><h3><a href="https://x.example/a">A headline of a linked story</a></h3> '
                '<span>(Kitchen Table Rheumatology)</span></div>')
    assert f.summary == ""


def test_year_heading_above_month_headings_and_titles() -> None:
    """"2019 3" (a count) > "March 2" > posts whose titles are headings too: the year still reaches every
    post, and the month heading's count is no day of the month."""
    from myofeed.parse.html import parse_listing

    entry = '<div class="e"><h3 class="t">Archive post {n} title</h3><span>{d}</span><a href="/p/{n}/" aria-label="x"></a></div>'
    month = '<div class="m"><h3 class="mh">{name}<sup> {k}</sup></h3>{entries}</div>'
    body = ('<h2 class="y">2019<sup> 3</sup></h2>' + month.format(name="March", k=2, entries=entry.format(n=1, d="Mar 20")
            + entry.format(n=2, d="Mar 4")) + month.format(name="January", k=1, entries=entry.format(n=3, d="Jan 9")))
    doc = parse_listing(f"<html><body><main>{body}</main></body></html>".encode(), base_url=BASE, now=NOW)
    assert [p.published for p in doc.posts] == ["2019-03-20", "2019-03-04", "2019-01-09"]


def _pelican(featured_title: str, n: int, side: str = 'id="featured" class="body"') -> str:
    meta = ('<footer class="post-info"><abbr class="published" title="2024-0{m}-10T00:00:00">10 {m} 2024</abbr>'
            '<address class="vcard author">By <a class="url fn" href="/author/ada.html">Ada Demo</a></address></footer>')
    card = ('<li><article class="hentry"><header><h1><a href="/p{i}.html" rel="bookmark">Listed post {i}</a></h1>'
            '</header><div class="entry-content">' + meta + '<p>Body text of listed post {i}.</p></div></article></li>')
    return (f'<html><body><aside {side}><article><h1 class="entry-title"><a href="/new.html">{featured_title}</a>'
            f'</h1>{meta.format(m=5)}<p>The newest post, shown in full.</p></article></aside>'
            '<section id="content" class="body"><h1>Other articles</h1><hr/><ol id="posts-list" class="hfeed">'
            + "".join(card.format(i=i, m=4 - i) for i in range(1, n + 1)) + '</ol></section></body></html>')


def test_featured_aside_is_the_first_post_of_a_short_list() -> None:
    """featured-aside: the aside before the list with the cards' date and author markup is their first post,
    also with a two-word title and only two posts below; an aside that is a sidebar stays out."""
    from myofeed.parse.html import parse_listing

    doc = parse_listing(_pelican("Afternoon slump", 2).encode(), base_url=BASE, now=NOW)
    assert [p.title for p in doc.posts] == ["Afternoon slump", "Listed post 1", "Listed post 2"]
    assert (doc.posts[0].author, doc.posts[0].published) == ("Ada Demo", "2024-05-10T00:00:00")
    one = parse_listing(_pelican("Afternoon slump", 1).encode(), base_url=BASE, now=NOW)
    assert [p.title for p in one.posts] == ["Afternoon slump", "Listed post 1"]
    side = parse_listing(_pelican("Afternoon slump", 2, 'class="sidebar"').encode(), base_url=BASE, now=NOW)
    assert [p.title for p in side.posts] == ["Listed post 1", "Listed post 2"]


def test_roc_calendar_dates_on_a_taiwanese_page_only() -> None:
    """roc-calendar: 115.03.19, 115/03/19, 115-03-19 are 2026 on a zh-TW / zh-Hant page or a .tw host;
    on an English page the same text is no date (a version number), and prose is left as written."""
    from myofeed.parse.html import parse_listing
    from myofeed.parse.listing.roc import roc_page

    rows = "".join(f'<li><span class="date">{d}</span> <a href="/n/{i}.html">消息標題第{i}則公告內容</a></li>'
                   for i, d in enumerate(("115.03.19", "115/03/02", "115-02-14"), 1))

    def dates(lang: str, base: str) -> list[str | None]:
        page = f'<html lang="{lang}"><body><main><ul>{rows}</ul></main></body></html>'
        return [p.published for p in parse_listing(page.encode(), base_url=base, now=NOW).posts]

    assert dates("zh-Hant", BASE) == ["2026-03-19", "2026-03-02", "2026-02-14"]
    assert dates("zh", "https://news.example.tw/") == ["2026-03-19", "2026-03-02", "2026-02-14"]
    assert dates("en", BASE) == [None, None, None]
    assert (roc_page("zh-TW", BASE), roc_page("zh-CN", BASE), roc_page("zh-Hans", "https://x.example/")) == (
        True, False, False)


def test_a_file_label_is_never_the_title_and_rows_without_it_stay() -> None:
    """A press table (Fecha | Título | Documento): "PDF (210 KB)" is no title; a title cell's link is the URL,
    a plain title cell takes the file link as its URL, and a row without a document link stays."""
    from myofeed.parse.html import parse_listing
    from myofeed.parse.listing.candidates import file_label

    assert [file_label(t) for t in ("PDF (210 KB)", "Download (DOCX, 1 MB)", "Informe anual (PDF)")] == [
        True, True, False]
    rows = [("19/03/2026", '<a href="/n/1.html">Una consulta nueva de miositis</a>', "PDF (210 KB)"),
            ("05/03/2026", "Jornada de puertas abiertas", "Descargar PDF"),
            ("12/02/2026", '<a href="/n/3.html">Premio a la unidad de enfermería</a>', None)]
    body = "".join(f'<tr><td>{d}</td><td>{t}</td><td>{f"<a href=/d/{i}.pdf>{f}</a>" if f else ""}</td></tr>'
                   for i, (d, t, f) in enumerate(rows, 1))
    page = f'<html lang="es"><body><main><table>{body}</table></main></body></html>'
    posts = parse_listing(page.encode(), base_url=BASE, now=NOW).posts
    assert [(p.title, p.url) for p in posts] == [
        ("Una consulta nueva de miositis", "https://rules.example/n/1.html"),
        ("Jornada de puertas abiertas", "https://rules.example/d/2.pdf"),
        ("Premio a la unidad de enfermería", "https://rules.example/n/3.html")]


def _listing(body: str, now: datetime = NOW, lang: str = "en"):
    from myofeed.parse.html import parse_listing

    page = f'<html lang="{lang}"><body><main>{body}</main></body></html>'
    return parse_listing(page.encode(), base_url=BASE, now=now, explain=True)


@pytest.mark.parametrize("marker", ['<p><strong>{y}</strong></p>', '<p><b>{y}</b></p>', '<div class="year">{y}</div>'])
def test_year_marker_gives_yearless_dates_their_year(marker: str) -> None:
    """A bold "2019" line over a list (no heading): its "Mar 04" items are 2019's, named year-marker; a year
    label over a nested list does the same; without the marker the fetch time's year is the guess."""
    item = '<li>{d} &raquo; <a href="/p/{n}/">Archive post number {n}</a></li>'
    body = "".join(marker.format(y=y) + "<ul>" + "".join(item.format(d=d, n=f"{y}-{i}") for i, d in enumerate(ds))
                   + "</ul>" for y, ds in ((2021, ("Nov 02", "Jan 09")), (2019, ("Mar 04", "Feb 01"))))
    doc = _listing(body, now=datetime(2022, 2, 1, tzinfo=UTC))
    assert [p.published for p in doc.posts] == ["2021-11-02", "2021-01-09", "2019-03-04", "2019-02-01"]
    assert dict(doc.posts[2].why)["published"].endswith("+ year-marker")
    plain = _listing(body.replace("2021", "Older").replace("2019", "Oldest"), now=datetime(2022, 2, 1, tzinfo=UTC))
    assert [p.published for p in plain.posts] == ["2021-11-02", "2022-01-09", "2021-03-04", "2022-02-01"]
    label = _listing('<ul><li><span class="year-label">2019</span><ul>' + item.format(d="Mar 04", n=1)
                     + item.format(d="Jan 09", n=2) + "</ul></li></ul>", now=datetime(2022, 2, 1, tzinfo=UTC))
    assert [p.published for p in label.posts] == ["2019-03-04", "2019-01-09"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("15.01.", None, "2025-01-15"),  # German day.month.
        ("01-16", "ko", "2025-01-16"),  # a board's month-day
        ("12-28", "ko", "2024-12-28"),  # later in the year than the fetch time: last year's
        ("4/3", "en-US", "2025-04-03"),
        ("4/3", "en-GB", "2025-03-04"),
        ("4/3", "en", None),  # the page does not say which comes first
        ("13/3", "en", "2025-03-13"),  # a day above 12 settles it
        ("1-16", "ko", None),  # not a board's two-digit month-day
        ("31.02.", "de", None),
    ],
)
def test_numeric_day_month_reads_locale(text: str, lang: str | None, expected: str | None) -> None:
    from myofeed.parse.listing.yearless import numeric_day_month

    ctx = Context(base_url=BASE, now=datetime(2025, 11, 20, 12, tzinfo=UTC), lang=lang)
    assert numeric_day_month(text, ctx) == expected


def test_numeric_day_month_follows_newest_first_order() -> None:
    """A newest-first list of "dd.mm." over more than a year: a date later than the one above it is a year
    older; an oldest-first list keeps each date in its latest year."""
    from myofeed.parse.listing.yearless import in_page_order

    now_based = ["2026-02-12", "2025-12-03", None, "2025-05-30", "2026-02-10", "2025-12-18"]
    assert in_page_order(now_based) == ["2026-02-12", "2025-12-03", None, "2025-05-30", "2025-02-10", "2024-12-18"]
    rising = ["2025-05-30", "2025-09-15", "2025-12-03", "2026-02-12"]
    assert in_page_order(rising) == rising
    items = "".join(f'<li><span class="d">{d}</span> <a href="/n/{i}.html">Vereinsmeldung Nummer {i}</a></li>'
                    for i, d in enumerate(("12.02.", "20.01.", "03.12.", "30.05.", "10.02.", "18.12.")))
    doc = _listing(f"<ul>{items}</ul>", now=datetime(2026, 2, 20, tzinfo=UTC), lang="de")
    assert [p.published for p in doc.posts] == ["2026-02-12", "2026-01-20", "2025-12-03", "2025-05-30", "2025-02-10",
                                                "2024-12-18"]
    assert dict(doc.posts[0].why)["published"].startswith("numeric-day-month")
    assert dict(doc.posts[4].why)["published"].endswith("+ page-order")


def test_date_line_above_an_unlinked_title() -> None:
    """A flat column of date line, title, text, link: each date line heads the title below it (not the post
    above), named date-line-above-title; the "Listen · 38 min" line is no excerpt."""
    ep = ('<p class="d">{d}</p><h3>Episode {n} of the show</h3><p>What the guests of episode {n} talk about, at '
          'some length.</p><p><a href="/ep/{n}/">Listen</a> · 3{n} min</p><hr>')
    doc = _listing("".join(ep.format(d=d, n=n) for n, d in ((3, "May 12, 2025"), (2, "April 28, 2025"),
                                                            (1, "April 14, 2025"))))
    assert [(p.url, p.published) for p in doc.posts] == [
        (BASE[:-5] + "ep/3/", "2025-05-12"), (BASE[:-5] + "ep/2/", "2025-04-28"), (BASE[:-5] + "ep/1/", "2025-04-14")]
    assert doc.posts[0].summary == "What the guests of episode 3 talk about, at some length."
    assert dict(doc.posts[0].why)["published"].endswith("+ date-line-above-title")
    # title, text, date: each date line closes its post, even with a date line above the first title
    below = ('<h3>Episode {n} of the show</h3><p>What the guests of episode {n} talk about, at some length.</p>'
             '<p><a href="/ep/{n}/">Listen</a></p><p class="d">{d}</p>')
    trailing = _listing('<p class="d">June 1, 2025</p>' + "".join(
        below.format(d=d, n=n) for n, d in ((3, "May 12, 2025"), (2, "April 28, 2025"), (1, "April 14, 2025"))))
    assert [p.published for p in trailing.posts] == ["2025-05-12", "2025-04-28", "2025-04-14"]


def test_dated_posts_block_beats_undated_blocks() -> None:
    """A home page of blocks: richer undated "Projects" cards lose to the dated "Blog posts" list."""
    projects = "".join(f'<div class="card"><h3><a href="/projects/{i}/">Project {i}</a></h3><p>A small tool that '
                       f'does one useful thing number {i} for people.</p></div>' for i in range(3))
    posts = "".join(f'<li><h3><a href="/blog/{i}/">Blog post number {i}</a></h3><p>March {i + 1}, 2025</p></li>'
                    for i in range(4))
    doc = _listing(f'<section><h2>Projects</h2><div class="cards">{projects}</div></section>'
                   f'<section><h2>Blog posts</h2><ul>{posts}</ul></section>')
    assert [p.title for p in doc.posts] == [f"Blog post number {i}" for i in range(4)]
    assert dict(doc.posts[0].why)["title"].endswith("+ dated-posts-block")


def test_day_title_and_footer_timestamp_give_the_time() -> None:
    """A day's title over the post and "posted @ 2025-11-05 10:12" in its footer: the timestamp."""
    f = _fields('<div><div class="dayTitle">2025年11月5日</div><h3><a href="/a/">T</a></h3><div class="postDesc">'
                'posted @ 2025-11-05 10:12 林遥</div></div>')
    assert (f.published, f.why["published"]) == ("2025-11-05T10:12:00", "meta-text-date")


def test_by_word_before_a_common_word_is_no_handle() -> None:
    """"Updated by the team on March 5": "the" is no user name."""
    assert _fields('<div><h3><a href="/a/">T</a></h3><p>Updated by the team on March 5, 2025</p></div>').author is None


def test_url_date_only_without_a_shown_date_and_never_in_the_future() -> None:
    shown = _fields('<div><h3><a href="/2025/03/04/slug/">T</a></h3><span>Nov 3, 2025</span></div>')
    assert (shown.published, shown.why["published"]) == ("2025-11-03", "meta-text-date")
    assert _fields('<div><h3><a href="/2026/03/04/slug/">T</a></h3></div>').published is None
    assert _fields('<div><h3><a href="/2025/02/30/slug/">T</a></h3></div>').published is None


def test_slash_and_plain_dot_day_month_only_in_a_date_element() -> None:
    """"13/3" alone in a plain span may be a counter ("1/5" of a gallery), "10.15" a version: only an
    element marked as a date reads them; "15.01." and "01-16" are dates wherever they stand."""
    assert _fields('<div><h3><a href="/a/">T</a></h3><span>13/3</span></div>').published is None
    assert _fields('<div><h3><a href="/a/">T</a></h3><span class="date">13/3</span></div>').published == "2025-03-13"
    assert _fields('<div><h3><a href="/a/">T</a></h3><span>10.15</span></div>').published is None
    assert _fields('<div><h3><a href="/a/">T</a></h3><span>15.01.</span></div>').published == "2025-01-15"


@pytest.mark.parametrize(("meta", "name"), [
    ("投稿者：佐藤 美咲 2025.11.14", "佐藤 美咲"), ("作成者: 事務局 | お知らせ", "事務局"), ("作者：王丽华 2025-11-14", "王丽华"),
    ("文/陈志远 2025-11-10", "陈志远"), ("文 / 陈志远", "陈志远"), ("作者：李晓梅 分类：康复", "李晓梅"),
    ("本文/转载 2025-11-10", None)])
def test_cjk_author_labels_colon_full_width_or_ascii_and_slash(meta: str, name: str | None) -> None:
    """The label never stays in the name; "文" only as a label of its own (本文/... is no byline)."""
    f = _fields(f'<div><h3><a href="/a/">T</a></h3><div class="info"><span class="author">{meta}</span></div></div>')
    if name is None:
        assert not f.why["author"].startswith("cjk-author-label"), f.why
    else:
        assert f.author == name and f.why["author"].startswith("cjk-author-label"), f.why


def test_short_titles_under_a_title_column_header_are_the_posts() -> None:
    """A Drupal Views table (Title | Author | Date | Comments) whose titles are all one or two words: the links
    under "Title" are the posts, the profile links under "Author" are not; a dash means comments are closed
    (no count: None)."""
    rows = [("Splints", "ann-lee", "Ann Lee", "2025-11-14T09:30:00+00:00", "7"),
            ("Grip work", "tomas-reyes", "Tomás Reyes", "2025-11-10T17:05:00+00:00", "–"),
            ("October", "priya-nair", "Priya Nair", "2025-10-28T19:40:00+00:00", "0")]
    body = "".join(f'<tr><td><a href="/node/{i}">{t}</a></td><td><a href="/user/{u}" class="username">{n}</a></td>'
                   f'<td><time datetime="{d}"></time></td><td>{c}</td></tr>' for i, (t, u, n, d, c) in enumerate(rows))
    head = "<thead><tr><th>Title</th><th>Author</th><th>Date</th><th>Comments</th></tr></thead>"
    posts = _listing(f"<table>{head}<tbody>{body}</tbody></table>").posts
    assert [(p.title, p.url, p.author, p.published, p.comments) for p in posts] == [
        ("Splints", "https://rules.example/node/0", "Ann Lee", "2025-11-14T09:30:00+00:00", 7),
        ("Grip work", "https://rules.example/node/1", "Tomás Reyes", "2025-11-10T17:05:00+00:00", None),
        ("October", "https://rules.example/node/2", "Priya Nair", "2025-10-28T19:40:00+00:00", 0)]
    posts = _listing(f"<table>{head.replace('Title', 'Views')}<tbody>{body}</tbody></table>").posts
    assert "Splints" not in [p.title for p in posts]  # no "Title" header: a one-word link stays no title


@pytest.mark.parametrize(("text", "expected"), [
    ("przez anna_k » 12 lis 2025, 14:32", "2025-11-12T14:32:00"), ("przez ewa.b » 30 paź 2025, 21:17", "2025-10-30T21:17:00"),
    ("par claire_m » mer. 12 nov. 2025 14:32", "2025-11-12T14:32:00"), ("de marc-a » Ven 13 Déc 2013 15:36", "2013-12-13T15:36:00"),
    ("von lena » 12. Nov 2025", "2025-11-12")])
def test_forum_bylines_with_localized_abbreviated_months(text: str, expected: str) -> None:
    """phpBB's "by NAME » DATE" in Polish, French, German: abbreviated month and weekday names are read
    (Polish "lis", "paź", "sie" only with a year: they are words too)."""
    from myofeed.parse.dates import find_dates

    assert [d.value for d in find_dates(text, relative=False)][:1] == [expected]
    assert find_dates("5 sie nie udało", relative=False) == []


def test_profile_links_sharing_a_row_with_titles_are_no_posts() -> None:
    """profile-link-beside-title: a Views table without cell classes gives the title links and the Author
    column's profile links one signature; the profile links leave the group, so each row stays one post
    with its author, date and count (they were posts of their own, and their rows lost those fields)."""
    rows = [("Ridge route closed after the rockfall", '<a href="/user/marta-vidal">Marta Vidal-Ferreira</a>', "6"),
            ("Winter kit list for beginners", "<span>Guest walker</span>", "2"),
            ("Minibus to the valley head on Saturdays", '<a href="/user/oskar-lind">Oskar Lindqvist</a>', "–")]
    body = "".join(f'<tr><td><a href="/node/{i}">{t}</a></td><td>{a}</td><td><time datetime="2025-11-1{i}T08:20:00'
                   f'+00:00"></time></td><td>{c}</td></tr>' for i, (t, a, c) in enumerate(rows))
    head = "<thead><tr><th>Post</th><th>Author</th><th>Published</th><th>Comments</th></tr></thead>"
    posts = _posts(f"<table>{head}<tbody>{body}</tbody></table>")
    assert [(p["title"], p["author"], p["published"], p["comments"]) for p in posts] == [
        ("Ridge route closed after the rockfall", "Marta Vidal-Ferreira", "2025-11-10T08:20:00+00:00", 6),
        ("Winter kit list for beginners", "Guest walker", "2025-11-11T08:20:00+00:00", 2),
        ("Minibus to the valley head on Saturdays", "Oskar Lindqvist", "2025-11-12T08:20:00+00:00", None)]


@pytest.mark.parametrize("byline", ["par helene_m » lun. 3 nov. 2025 10:15", "de helene_m » lun. 3 nov. 2025 10:15",
                                    "von helene_m » Mo 3. Nov 2025, 10:15", "da helene_m » lun 3 nov 2025, 10:15",
                                    "por helene_m » Lun 03 Nov, 2025 10:15", "door helene_m » ma 3 nov 2025 10:15",
                                    "by helene_m » Mon Nov 03, 2025 10:15 am"])
def test_forum_byline_before_a_guillemet_in_many_languages(byline: str) -> None:
    """name-before-guillemet: phpBB's "par NAME » DATE" names the topic's starter as typed (a lower-case
    handle, which the by-line rule does not read), whatever the board's language."""
    f = _fields(f'<div><h3><a href="/t/1">Crampons ou raquettes ?</a></h3><p>{byline}</p></div>')
    assert (f.author, f.published[:16]) == ("helene_m", "2025-11-03T10:15"), f.why
    assert f.why["author"].startswith("name-before-guillemet")


def test_podcast_host_lines_are_no_excerpt() -> None:
    """An episode card's "with Sam Ortega" line and its host slot name the people; the description is the
    excerpt (the name lines had joined it)."""
    f = _fields(f'<div><h3><a href="/e/1">Knee braces</a></h3><p class="episode-card__host">Dana Whitfield</p>'
                f'<p>with Sam Ortega</p>{P}</div>')
    assert (f.author, f.summary) == ("Dana Whitfield", P[3:-4])


def test_month_headings_date_the_day_numbers_of_their_rows() -> None:
    """month-heading-day: an archive under "November 2025" headings (or "2025年11月", or "March" under a "2025"
    heading) whose rows show the day alone: the heading is no post, each row is that day of that month."""
    def dates(body: str) -> list[tuple[object, object]]:
        return [(p["title"], p["published"]) for p in _posts(body)]
    rows = "<li><span>17</span> <a href='/p/a'>Winter boots compared side by side</a></li>" \
           "<li><span>3rd</span> <a href='/p/b'>Bus times for the valley head</a></li>"
    assert dates(f"<h2>November 2025</h2><ul>{rows}</ul><h2>October 2025</h2><ul>{rows.replace('/p/', '/q/')}</ul>") == [
        ("Winter boots compared side by side", "2025-11-17"), ("Bus times for the valley head", "2025-11-03"),
        ("Winter boots compared side by side", "2025-10-17"), ("Bus times for the valley head", "2025-10-03")]
    assert dates(f"<h2>2024</h2><h3>March</h3><ul>{rows}</ul><h3>February</h3><ul>{rows.replace('/p/', '/q/')}</ul>")[:2] == [
        ("Winter boots compared side by side", "2024-03-17"), ("Bus times for the valley head", "2024-03-03")]
    assert dates(f"<h2>2025年11月</h2><ul>{rows}</ul><h2>2025年10月</h2><ul>{rows.replace('/p/', '/q/')}</ul>")[0] == (
        "Winter boots compared side by side", "2025-11-17")


def test_cloned_carousel_slides_are_no_posts() -> None:
    """cloned-slide: a carousel's copies of its last and first slides (slick-cloned) are left out, so the
    hero's posts keep their order and appear once."""
    def slide(i: int, cls: str = "") -> str:
        return (f'<div class="slick-slide{cls}"><h2><a href="/news/{i}">Hero story number {i} of the week</a></h2>'
                f'<time datetime="2025-11-1{i}">Nov 1{i}</time><p>A lead paragraph long enough to be an excerpt here.</p></div>')
    track = slide(3, " slick-cloned") + slide(1) + slide(2) + slide(3) + slide(1, " slick-cloned")
    assert [p["url"] for p in _posts(f'<div class="slick-track">{track}</div>')] == [
        "https://rules.example/news/1", "https://rules.example/news/2", "https://rules.example/news/3"]


def test_nuxt2_function_state_is_read() -> None:
    """nuxt-function-state: Nuxt 2 ships its state as a function call whose arguments hold repeated values."""
    from myofeed.parse.listing.jsliteral import function_state

    text = ('(function(a,b,c){return {data:[{posts:[{title:"Hut hours",author:{name:a},n:1.5,draft:!1,top:!0,'
            'x:void 0,path:"\\u002Fblog\\u002Fhut",s:\'it\\\'s\',}],total:c}]}}("Dana Whitfield",b,3));')
    assert function_state(text) == {"data": [{"posts": [{"title": "Hut hours", "author": {"name": "Dana Whitfield"},
                                                        "n": 1.5, "draft": False, "top": True, "x": None,
                                                        "path": "/blog/hut", "s": "it's"}], "total": 3}]}
    assert function_state("(function(a){return {p:f(a)}}(1))") is None  # a call, not a literal: unread
    assert function_state("(function(a){return {p:new Date(a)}}(1709546400000))") == {"p": 1709546400000}


def test_a_relative_age_is_no_shown_day() -> None:
    """visible-day reads a shown date one day off the machine date; "2 days ago" shows none ("ago" is also
    Spanish for August): the machine date stands."""
    f = _fields('<div><p class="title"><a href="/a/">T</a></p><time datetime="2025-11-18T08:30:00+00:00">2 days ago'
                '</time></div>')
    assert f.published == "2025-11-18T08:30:00+00:00", f.why


def test_an_aggregator_title_line_with_its_domain_is_no_excerpt() -> None:
    f = _fields('<div><p class="title"><a href="https://x.example/a">A story about winter walking</a> <span>'
                '(x.example)</span></p><p class="tagline">submitted by ann_k</p></div>')
    assert f.summary == "", f.why


def test_a_dated_byline_above_each_title_heads_its_post_in_a_flat_column() -> None:
    """date-line-above-title, for bylines too: a flat column of "NAME wrote in COMMUNITY / date" lines over each
    subject, then the text and a comments line (class "comments", which names a page's comment section
    elsewhere): the line above a title is that post's, and the comments line below it is too."""
    entries = [("ines_b", "Frost on the tarn path", "Nov. 19th, 2025, 07:50 am", 4),
               ("oskar_l", "Lost glove at the col", "Nov. 16th, 2025, 05:12 pm", 1)]
    body = "".join(f'<div class="entryHeader"><b>{u}</b> wrote in <b>tarn_walkers</b><br><span>{d}</span></div>'
                   f'<h3><a href="/{i}.html">{t}</a></h3><div class="entryText">Entry text long enough to be the '
                   f'excerpt of the post.</div><div class="comments"><a href="/{i}.html#comments">{c} comments</a>'
                   f'</div><hr>' for i, (u, t, d, c) in enumerate(entries))
    posts = _posts(f'<div id="entries">{body}</div>')
    assert [(p["author"], p["published"], p["comments"]) for p in posts] == [
        ("ines_b", "2025-11-19T07:50:00", 4), ("oskar_l", "2025-11-16T17:12:00", 1)]


@pytest.mark.parametrize("meta", ["Updated @ 10:43 am", "Filed under: News &#8212; posted @ 9:15 pm",
                                  "Product Updates · 7 comments · Lena Fox · Ann Lee"])
def test_no_author_from_an_update_time_or_a_line_of_two_names(meta: str) -> None:
    """name-before-at-time takes no "Updated" or "posted" for a name; name-beside-comment-count needs
    exactly one name beside the count."""
    root = parse_tree(f'<html><body><main><div><h3><a href="/a/">Rest days</a></h3><div class="meta">{meta}</div>'
                      "</div></main></body></html>")
    prepare(root)
    card_root = root.find("body/main")[0]
    with text_cache():
        f = extract_fields(Card([card_root], card_root[0]), Context(base_url=BASE, now=NOW))
    assert f.author is None, f.why


def _time_link_card(body: str):
    """A card that stands by its time link (the first <a> holding a <time>), as untitled-post makes it."""
    root = parse_tree(f"<html><body><main>{body}</main></body></html>")
    prepare(root)
    card_root = root.find("body/main")[0]
    member = next(a for a in card_root.iter("a") if a.find(".//time") is not None)
    with text_cache():
        return extract_fields(Card([card_root], member), Context(base_url=BASE, now=NOW))


def test_an_untitled_status_is_titled_by_its_first_sentence() -> None:
    """first-sentence-of-untitled-post: a status's title is its first paragraph's first sentence, its URL and
    date its time link's, its excerpt the whole text; the display name loses its handle."""
    f = _time_link_card('<div class="status"><a href="/@ann/1135"><time datetime="2025-11-20T10:41:00Z">1h</time></a>'
                        '<a href="/@ann"><strong>Ann Lee</strong> <span>@ann@social.example</span></a><div class="e-content">'
                        '<p>Two flights of stairs today. No rail!</p><p>#myositis</p></div></div>')
    assert f.title == "Two flights of stairs today." and f.why["title"].endswith("first-sentence-of-untitled-post")
    assert (f.url, f.published) == ("https://rules.example/@ann/1135", "2025-11-20T10:41:00+00:00")
    assert f.summary == "Two flights of stairs today. No rail! #myositis"
    assert f.author == "Ann Lee"


def test_a_post_standing_by_its_time_link_keeps_its_heading() -> None:
    """heading-beside-date-permalink: a tumblelog's text post among photo posts keeps its heading as title."""
    f = _time_link_card('<article class="post"><h2>Rest day soup</h2><p>A pot of lentils and a chair by the stove.</p>'
                        '<a href="/post/7"><time datetime="2025-11-18">Nov 18, 2025</time></a></article>')
    assert f.title == "Rest day soup" and f.why["title"].startswith("heading-beside-date-permalink")
    assert f.url == "https://rules.example/post/7"


def test_statuses_without_titles_are_posts_and_photo_posts_join_text_posts() -> None:
    """untitled-post: boxes of text whose one link of their own is a time are the list; untitled-siblings:
    such boxes beside titled posts of the same box join them in page order."""
    status = ('<div class="status"><a href="/@ann/{n}"><time datetime="2025-11-1{n}T09:00:00Z">{n}d</time></a>'
              '<p>Status number {n} here. More text.</p><div><i class="fa fa-reply"></i></div></div>')
    posts = _posts("".join(status.format(n=n) for n in range(1, 5)))
    assert [p["title"] for p in posts] == [f"Status number {n} here." for n in range(1, 5)]
    photo = ('<article class="post photo"><figure><img src="/{n}.jpg" alt=""></figure><p>Caption number {n} of a '
             'photo.</p><a href="/post/{n}"><time datetime="2025-11-1{n}">Nov 1{n}, 2025</time></a></article>')
    text = ('<article class="post text"><h2><a href="/post/{n}">Text post {n} title</a></h2><p>Body of text post '
            '{n}.</p><a href="/post/{n}"><time datetime="2025-11-1{n}">Nov 1{n}, 2025</time></a></article>')
    mixed = text.format(n=1) + photo.format(n=2) + text.format(n=3) + photo.format(n=4) + text.format(n=5)
    assert [p["title"] for p in _posts(mixed)] == ["Text post 1 title", "Caption number 2 of a photo.",
                                                    "Text post 3 title", "Caption number 4 of a photo.",
                                                    "Text post 5 title"]


def test_a_time_link_beside_a_titled_post_is_no_post() -> None:
    """A blog's posts with headings and date permalinks: the headings stand for the posts, as before."""
    card = ('<article class="post"><h2><a href="/p/{n}">Post {n} with a title</a></h2><a href="/p/{n}"><time '
            'datetime="2025-11-1{n}">Nov 1{n}, 2025</time></a><p>Body text of the post number {n}.</p></article>')
    assert [p["title"] for p in _posts("".join(card.format(n=n) for n in range(1, 4)))] == [
        f"Post {n} with a title" for n in range(1, 4)]


@pytest.mark.parametrize(("tip", "shown", "expected"), [
    ('data-tippy-content="Thursday, November 20th, 2025 9:58:12 AM"', "2h", "2025-11-20T09:58:12"),
    ('data-bs-original-title="2025-11-17 08:00"', "3d", "2025-11-17T08:00:00"),
])
def test_a_tooltip_states_the_time_a_short_age_stands_for(tip: str, shown: str, expected: str) -> None:
    """tooltip-title (prepare.prepare): a script tooltip's full time on a "2h" element is read as its title."""
    f = _fields(f'<div><h3><a href="/a/">T</a></h3><span class="moment-time" {tip}>{shown}</span></div>')
    assert f.published == expected


def test_a_url_text_link_under_a_title_is_no_post() -> None:
    """url-text-link: a preprint's DOI line ("https://doi.example/10.1101/...") under each title is no short
    headline of its own."""
    row = ('<li><div><a href="/content/{n}v1">Preprint number {n} on muscle imaging</a></div><div>doi: <a '
           'href="https://doi.example/10.1101/{n}">https://doi.example/10.1101/{n}</a></div></li>')
    posts = _posts("<ul>" + "".join(row.format(n=n) for n in range(1, 5)) + "</ul>")
    assert [p["url"] for p in posts] == [f"https://rules.example/content/{n}v1" for n in range(1, 5)]


@pytest.mark.parametrize(("meta", "expected"), [
    ('<span class="author"><a href="/a/1">Ann Lee</a></span>, <span class="author"><a href="/a/2">Bo Chen</a></span>',
     "Ann Lee, Bo Chen"),
    ('<ul class="authors"><li><a href="/u/lee">Ann Lee</a></li><li><a href="/u/chen">Bo Chen</a></li></ul>',
     "Ann Lee, Bo Chen"),
    ('<span class="p-author h-card">Ann Lee</span>, <span class="p-author h-card">Bo Chen</span>', "Ann Lee, Bo Chen"),
    ('<a href="/search?searchtype=author&amp;query=Lee">Ann Lee</a>, <a href="/search?searchtype=author&amp;query=Chen">'
     'Bo Chen</a>', "Ann Lee, Bo Chen"),
    ("<span>By Ann Lee, Bo Chen and Ruth Ebner</span>", "Ann Lee, Bo Chen and Ruth Ebner"),
    ("<span>By Talia Brooks, Registry Coordinator</span>", "Talia Brooks"),
])
def test_co_authors_are_joined_as_printed(meta: str, expected: str) -> None:
    """co-author-siblings (a name alone in its box, boxes of the same kind after it), author-search-link (a
    preprint's author names link a search), and "By A, B and C" as printed; a role after a comma stays out."""
    assert _fields(f'<div><h3><a href="/a/">T</a></h3><div>{meta}</div></div>').author == expected


@pytest.mark.parametrize(("meta", "expected"), [
    ("<p>Автор: Анна Петрова</p>", "Анна Петрова"),
    ("<div>12 марта 2025, 14:30 <span>Игорь Смирнов</span></div>", "Игорь Смирнов"),
    ('<p class="news-author">Автор: Мария Кузнецова</p>', "Мария Кузнецова"),
])
def test_russian_author_labels_and_a_name_after_the_date(meta: str, expected: str) -> None:
    """author-label-line: "Автор: NAME" names the writer (the label left out) and is no excerpt; a name in a
    span after the line's own date is the dated meta line's name."""
    f = _fields(f'<div lang="ru"><h3><a href="/a/">T</a></h3>{meta}<p>Длинный текст анонса новости, чтобы было что '
                'показать.</p></div>')
    assert f.author == expected and "Автор" not in f.summary


def test_forum_container_and_last_post_columns_hold_no_topics() -> None:
    """forum-index-columns: a sub-forum table ("Forum" | "Topics" | "Last post", the last post cell linking the
    newest topic) above the topic table: the topic rows are the posts, their "Last reply" cells no field."""
    forums = "".join(f'<tr><td><a href="/forum/{n}">Forum {n}</a><div>About forum {n}.</div></td><td>12</td><td><a '
                     f'href="/node/7{n}">Newest topic in forum number {n}</a><br>by <a href="/user/x">x</a></td></tr>'
                     for n in range(1, 6))
    topics = "".join(f'<tr><td><a href="/node/{n}">Topic number {n} of the list</a></td><td><a href="/user/u{n}">u{n}'
                     f'</a><br>Tue, 11/1{n}/2025 - 10:00</td><td>{n}</td><td>Thu, 11/20/2025 - 09:00<br>by <a '
                     f'href="/user/z">zed</a></td></tr>' for n in range(1, 4))
    posts = _posts(f"<table><tr><th>Forum</th><th>Topics</th><th>Last post</th></tr>{forums}</table><table><tr><th>"
                   f"Topic</th><th>Started by</th><th>Replies</th><th>Last reply</th></tr>{topics}</table>")
    assert [(p["title"], p["author"], p["published"], p["comments"]) for p in posts] == [
        (f"Topic number {n} of the list", f"u{n}", f"2025-11-1{n}T10:00:00", n) for n in range(1, 4)]


def test_a_count_beside_an_icon_button() -> None:
    """comment-icon-number: a reply icon alone in its button, the count right after the button."""
    f = _fields('<div><h3><a href="/a/">T</a></h3><div><a href="/interact/1?type=reply" title="Reply"><i class="fa '
                'fa-reply"></i></a><span>3</span><a href="/interact/1?type=reblog"><i class="fa fa-retweet"></i></a>'
                '<span>12</span></div></div>')
    assert f.comments == 3


def test_a_status_written_into_a_text_box_and_a_display_name_heading() -> None:
    """A note's text in <div class="text"><span> (no <p>) titles it; a display name in an <h4 class=
    "status-username"> is no title (`name-heading`); "Load older" is the next page."""
    note = ('<div class="status"><h4 class="status-username">Ann Lee</h4><a href="/notes/{n}"><time datetime="2025-11-1'
            '{n}T09:00:00Z">{n}d</time></a><div class="text"><span>Note number {n} of the demo. More.</span></div></div>')
    html = ("<html><body><main>" + "".join(note.format(n=n) for n in range(1, 5))
            + '<a href="/notes?until=1">Load older</a></main></body></html>')
    from myofeed.parse.html import parse_listing

    doc = parse_listing(html.encode(), base_url=BASE, now=NOW)
    assert [(p.title, p.author) for p in doc.posts] == [(f"Note number {n} of the demo.", "Ann Lee") for n in range(1, 5)]
    assert doc.next_url == "https://rules.example/notes?until=1"


def test_an_asctime_title_is_a_machine_date() -> None:
    """An old reddit-like <time title="Mon Nov 17 09:58:12 2025 UTC">3 days ago</time>: C's asctime form."""
    f = _fields('<div><h3><a href="/a/">T</a></h3><time title="Mon Nov 17 09:58:12 2025 UTC">3 days ago</time></div>')
    assert f.published == "2025-11-17T09:58:12+00:00"
