"""The sanitizer, as properties (hypothesis, fixed seed): whatever HTML a source sends, nothing executable
survives sanitize_html (what is published and mailed as HTML); plain text is escaped by every template."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from myofeed.parse.sanitize import sanitize_html
from myofeed.parse.untrusted import clean_html

DANGEROUS_TAGS = ["script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link",
                  "frame", "frameset", "applet", "template", "noscript", "xmp", "plaintext", "textarea", "button",
                  "input", "video", "audio", "source", "animate", "set", "foreignObject"]
SAFE_TAGS = ["a", "img", "p", "div", "span", "b", "i", "table", "td", "ul", "li", "blockquote", "abbr", "time"]
URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset", "data", "cite",
             "longdesc", "lowsrc", "dynsrc"]
EVENT_ATTRS = ["onclick", "onerror", "onload", "onmouseover", "onfocus", "ONERROR", "onanimationstart", "onbegin"]
SCHEMES = ["javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", " javascript:", "\x01javascript:",
           "&#106;avascript:", "&#x6A;avascript:", "javascript&colon;", "vbscript:", "livescript:",
           "data:text/html,", "data:image/svg+xml,", "DATA:text/html;base64,", "jar:", "view-source:", "file:",
           "http:", "https:", "//", "mailto:"]
payload = st.sampled_from(["alert(1)", "<script>alert(1)</script>", "x", "'", '"', "&lt;script&gt;", ""])


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(URL_ATTRS + EVENT_ATTRS + ["style", "srcdoc", "class", "title", "id", "rel"]))
    if name in URL_ATTRS or draw(st.booleans()):
        value = draw(st.sampled_from(SCHEMES)) + draw(payload)
    else:
        value = draw(st.sampled_from(["alert(1)", "expression(alert(1))", "url(javascript:alert(1))",
                                      "<script>alert(1)</script>", "x"]))
    quote = draw(st.sampled_from(['"', "'", ""]))
    if not quote:
        value = value.replace(" ", "").replace(">", "")
    return f"{name}={quote}{value}{quote}"


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(DANGEROUS_TAGS + SAFE_TAGS))
        attrs = " ".join(draw(st.lists(attribute(), max_size=3)))
        inner = "".join(draw(st.lists(children, max_size=3)))
        close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag.upper()} >"]))
        return f"<{tag} {attrs}>{inner}{close}"

    return build()


leaf = st.sampled_from(["text", "alert(1)", "<!-- <script>alert(1)</script> -->", "<![CDATA[<script>x</script>]]>",
                        "&lt;script&gt;alert(1)&lt;/script&gt;", "<", ">", "&", "<scr<script>ipt>alert(1)</script>",
                        "<img src=x onerror=alert(1)//", "<svg/onload=alert(1)>", "</p><script>x</script>"])
documents = st.recursive(leaf, element, max_leaves=12)


def _executable(fragment: str) -> list[str]:
    """What a browser would run in this HTML: script-like elements, event handlers, script URLs."""
    if not fragment.strip():
        return []
    found = []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in DANGEROUS_TAGS:
            found.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or name.lower() in ("style", "srcdoc", "formaction", "action"):
                found.append(f"{el.tag}@{name}")
            if name.lower() in ("href", "src", "xlink:href", "background", "poster", "srcset", "data", "cite"):
                scheme = "".join(value.split()).lower().split(":", 1)[0] if ":" in value else ""
                if scheme not in ("", "http", "https", "mailto"):
                    found.append(f"{el.tag}@{name}={value!r}")
    return found


@settings(max_examples=400)
@given(documents, st.sampled_from([None, "https://blog.example/post/"]))
def test_no_executable_construct_survives_sanitize_html(doc: str, base: str | None) -> None:
    out = sanitize_html(doc, base)
    assert _executable(out) == [], (doc, out)
    assert _executable(clean_html(out) or "") == []
