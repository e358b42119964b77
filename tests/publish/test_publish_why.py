""""Why here": the stored evidence shown to readers in every output, escaped, parents not repeated."""

from __future__ import annotations

import html
import json
import re

import feedparser
from _publish_helpers import make_config, post

from myofeed.publish import publish_all
from myofeed.publish.why import as_text, reasons

TITLES = {"autoimmune-myopathy": "Autoimmune myopathy", "dermatomyositis": "Dermatomyositis",
          "treatment": "Treatment"}


def test_reasons_quote_what_matched_and_skip_implied_parents():
    evidence = {
        "autoimmune-myopathy": ("parent of dermatomyositis",),
        "dermatomyositis": ("cue 'Gottron' in title", "term 'dermatomyositis' in title", "term 'Dermatomyositis'"),
        "treatment": ("key term 'IVIG'",),
    }
    rs = reasons(evidence, ("autoimmune-myopathy", "dermatomyositis", "treatment"), TITLES)
    assert [r.slug for r in rs] == ["dermatomyositis", "treatment"]
    assert as_text(rs) == 'Dermatomyositis: "Gottron", "dermatomyositis"; Treatment: "IVIG"'


def test_a_rule_that_quotes_nothing_and_an_operator_correction_read_as_words():
    rs = reasons({"treatment": ("operator added this topic",)}, ("treatment",), TITLES)
    assert as_text(rs) == "Treatment: operator added this topic"


def test_at_most_three_words_per_topic_and_no_reason_without_evidence():
    ev = {"dermatomyositis": tuple(f"term '{w}'" for w in ("a1", "b2", "c3", "d4"))}
    assert as_text(reasons(ev, ("dermatomyositis",), TITLES)) == 'Dermatomyositis: "a1", "b2", "c3"'
    assert reasons({}, ("dermatomyositis",), TITLES) == ()


def test_feeds_carry_the_why_line_escaped_and_json_carries_it_as_data(tmp_path):
    config = make_config(tmp_path)
    p = post(title="Gottron papules <b>explained</b>", topics=("autoimmune-myopathy", "dermatomyositis"),
             evidence={"autoimmune-myopathy": ("parent of dermatomyositis",),
                       "dermatomyositis": ("cue 'Gottron papules' in title", "term '<script>x</script>'")})
    publish_all(config, [p])
    atom = feedparser.parse((config.publish_dir / "dermatomyositis.atom").read_bytes())
    content = atom.entries[0].content[0].value
    assert 'Why here: Dermatomyositis: "Gottron papules", "&lt;script&gt;x&lt;/script&gt;"' in content
    assert "<script>" not in content
    rss = feedparser.parse((config.publish_dir / "all.rss").read_bytes())
    assert "Why here: Dermatomyositis" in rss.entries[0].content[0].value
    item = json.loads((config.publish_dir / "dermatomyositis.json").read_bytes())["items"][0]
    assert item["_myofeed"]["why"] == {"dermatomyositis": ["Gottron papules", "<script>x</script>"]}
    assert "Why here:" in item["content_html"]
    # the Atom categories keep their human labels
    assert {t.get("label") for t in atom.entries[0].tags} == {"Autoimmune myopathy", "Dermatomyositis"}


def test_the_index_page_shows_why_each_latest_post_is_here(tmp_path):
    config = make_config(tmp_path)
    p = post(evidence={"dermatomyositis": ("cue 'heliotrope rash' in title",)})
    publish_all(config, [p])
    page = (config.publish_dir / "index.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))  # the words a reader sees, whatever the markup
    assert 'Why here: Dermatomyositis: "heliotrope rash"' in text
