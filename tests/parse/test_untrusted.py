"""clean_text and clean_html against the plain definition: str.translate with the tables they stood for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from myofeed.parse.untrusted import _BIDI, _CONTROLS, _ESCAPE_SEQUENCE, clean_html, clean_text, has_unsafe

_TEXT_TABLE = str.maketrans({**dict.fromkeys(_CONTROLS + _BIDI), **dict.fromkeys("\t\n\r\f\v", " ")})
_HTML_TABLE = str.maketrans(dict.fromkeys(c for c in _CONTROLS + _BIDI if c not in "\t\n\r"))

# text where every kind of character the functions treat apart is likely: controls (whitespace ones,
# \x1c-\x1f that split() reads as whitespace, C1), bidi marks, escape sequences, other whitespace, letters
_PIECES = st.sampled_from(
    [*_CONTROLS, *_BIDI, "\x1b]0;title\x07", "\x1b[31m", "\x9b2J", "\xa0", "\u2028", "\u3000", " ", "  ",
     "a", "Z", "\u00e9", "\u4e2d", "<p>", "&amp;", "\x85"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=60)


def _text_reference(text: str, limit: int | None) -> str:
    if has_unsafe(text):
        text = " ".join(_ESCAPE_SEQUENCE.sub("", text).translate(_TEXT_TABLE).split())
    return text[:limit] if limit is not None and len(text) > limit else text


@settings(max_examples=500)
@given(_TEXTS, st.sampled_from([None, 5, 1000]))
def test_clean_text_is_the_translate_definition(text: str, limit: int | None) -> None:
    got = clean_text(text, limit)
    assert got == _text_reference(text, limit)
    assert got is not None and not has_unsafe(got)


@settings(max_examples=500)
@given(_TEXTS)
def test_clean_html_is_the_translate_definition(html: str) -> None:
    want = html.translate(_HTML_TABLE) if has_unsafe(html) else html
    got = clean_html(html)
    assert got == want
    assert got is not None and all(c in "\t\n\r" or not has_unsafe(c) for c in got)


def test_printable_text_is_returned_as_it_is() -> None:
    text = "Caf\u00e9 \u2192 IBM  and   PM"  # no control or mark: not even whitespace collapsed
    assert clean_text(text) is text
    assert clean_html("<p>a\nb</p>") == "<p>a\nb</p>"
    assert clean_html("<p>a\u202eb\x00</p>\n") == "<p>ab</p>\n"
    assert clean_text("a\tb\u202e\x1c c\x1b[31m") == "a b c"
