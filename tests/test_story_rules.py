"""The pure decisions behind cross-source duplicates (myofeed.stories): canonical links, the
same-story test, the primary copy. Values in, values out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myofeed import sketch, stories
from myofeed.stories import canonical_url, choose_primary, fingerprint, jaccard, same_story, shingles, words


@pytest.mark.parametrize(("url", "expected"), [
    ("https://News.Example/a/b?utm_source=x&utm_medium=email&b=2&a=1#frag", "//news.example/a/b?a=1&b=2"),
    ("http://www.news.example:80/a/b/?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref=rss&_hsenc=6", "//news.example/a/b"),
    ("https://news.example:443/a/b", "//news.example/a/b"),
    ("https://news.example:8443/a/b", "//news.example:8443/a/b"),  # not a default port: another site
    ("https://news.example/p?id=7&page=2", "//news.example/p?id=7&page=2"),  # parameters that name the page stay
    ("https://news.example/caf%C3%A9", "//news.example/caf%C3%A9"),
    ("https://news.example/?utm_source=x", None),  # a home page names no story
    ("https://news.example", None),
    ("mailto:ada@news.example", None),
    ("file:///tmp/x.html", None),
    ("", None),
    (None, None),
    ("https://[::1/x", None),  # malformed: no link rather than an error
])
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_words_fold_case_markup_entities_and_punctuation() -> None:
    assert words("<b>Dermatomyositis</b> &amp; IVIG: ＴＲＩＡＬ, results!") == ["dermatomyositis", "ivig", "trial",
                                                                          "results"]
    assert shingles(["a", "b", "c"]) == frozenset({"a b", "b c"})
    assert shingles(["a"]) == frozenset({"a"}) and shingles([]) == frozenset()
    assert jaccard(frozenset(), frozenset({"a"})) == 0.0


SUMMARY = ("A phase 2 trial of an oral drug for adults with dermatomyositis has enrolled its first patients at"
           " twelve centres, the study team said on Monday.")


def test_nearly_the_same_title_and_summary_is_one_story() -> None:
    a = fingerprint("Dermatomyositis trial enrolls first patients", SUMMARY, "https://a.example/1")
    b = fingerprint("Dermatomyositis trial enrolls its first patients",
                    SUMMARY.replace("twelve", "12").replace("on Monday", "this week"), "https://b.example/x")
    assert same_story(a, b) and set(a.bands) & set(b.bands)  # and LSH finds it as a candidate


def test_similar_titles_of_different_stories_are_not_one_story() -> None:
    enrolls = fingerprint("Dermatomyositis trial enrolls first patients", SUMMARY, "https://a.example/1")
    results = fingerprint("Dermatomyositis trial reports results",
                          "An earlier phase 2 trial in dermatomyositis met its main goal: skin and muscle scores"
                          " improved after six months of treatment, the investigators report.", "https://b.example/2")
    assert not same_story(enrolls, results)
    # titles alone (no summary) are too short to be matched on text, however alike
    short_a = fingerprint("Dermatomyositis trial enrolls first patients", "", "https://a.example/1")
    short_b = fingerprint("Dermatomyositis trial enrolls first patients", "", "https://b.example/2")
    assert short_a.bands == () and not same_story(short_a, short_b)


def test_numbered_posts_of_a_series_are_different_stories() -> None:
    text = "What the clinic team learned this week about muscle weakness, treatment and living with myositis."
    week3 = fingerprint("Clinic notes, week 3", text, "https://a.example/3")
    week4 = fingerprint("Clinic notes, week 4", text, "https://b.example/4")
    assert not same_story(week3, week4)
    assert same_story(week3, fingerprint("Clinic notes: week 3", text, "https://b.example/w3"))
    assert same_story(week3, fingerprint("Clinic notes", text, "https://b.example/notes"))  # one title has none


def test_one_template_with_the_subject_swapped_is_two_stories() -> None:
    text = ("After encouraging early results, the company will enroll about 200 adults with active disease in a"
            " placebo-controlled study at thirty sites.")
    dm = fingerprint("Oral drug for dermatomyositis moves to late-stage testing", text, "https://a.example/1")
    mg = fingerprint("Oral drug for myasthenia gravis moves to late-stage testing", text, "https://b.example/2")
    assert not same_story(dm, mg)
    # a word only added (or a stop word swapped) is still the same story
    assert same_story(dm, fingerprint("Oral drug for dermatomyositis moves to late-stage testing (wire)", text,
                                      "https://b.example/3"))
    assert same_story(dm, fingerprint("The oral drug for dermatomyositis moves to late-stage testing", text,
                                      "https://b.example/4"))


def test_the_same_link_needs_agreeing_titles() -> None:
    a = fingerprint("Rash study opens", "", "https://news.example/rash?utm_source=rss")
    b = fingerprint("Rash study opens to adults", "other words", "https://news.example/rash")
    c = fingerprint("Weekly roundup", "", "https://news.example/rash")  # a listing that links every item alike
    assert same_story(a, b) and not same_story(a, c)


def test_the_primary_is_visible_then_on_topic_then_earliest_then_lowest_id() -> None:
    assert choose_primary([(1, False, True, "2025-11-03"), (2, False, True, "2025-11-01")]) == 2
    assert choose_primary([(1, False, True, "2025-11-01"), (2, False, True, "2025-11-01")]) == 1
    assert choose_primary([(1, True, True, "2025-11-01"), (2, False, True, "2025-11-05")]) == 2
    assert choose_primary([(1, False, False, "2025-11-01"), (2, False, True, "2025-11-05")]) == 2


def test_lsh_bands_are_datasketchs_own_choice_for_the_threshold() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=0.4, num_perm=sketch.BINS)
    assert (lsh.b, lsh.r) == (stories.BANDS, stories.ROWS)
    assert stories.BANDS * stories.ROWS == sketch.BINS


def test_band_keys_of_a_known_text_are_the_ones_stored_before() -> None:
    """Keys of sketch version 2: they are in databases, so they may never change (a new scheme is a new
    sketch.VERSION, and a migration that recomputes the stored keys: store/rekey.py)."""
    assert sketch.VERSION == 2
    keys = fingerprint("Trial enrolls first patients", SUMMARY, None).bands
    assert keys[:3] == (4886845558659325462, 7641043603826782001, -3802025674418326986)
    assert len(keys) == stories.BANDS and len(set(keys)) == stories.BANDS


def test_fingerprinting_imports_neither_datasketch_nor_scipy_nor_numpy() -> None:
    import subprocess
    import sys

    code = ("import sys; from myofeed.stories import story_print; story_print('Trial enrolls', " + repr(SUMMARY)
            + ", 'https://a.example/1'); print(sorted(m for m in ('datasketch', 'scipy', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_band_keys_are_stable_across_processes() -> None:
    """Stored keys must match keys computed later, by another process: no per-process randomness."""
    import subprocess
    import sys

    code = ("from myofeed.stories import fingerprint;"
            f"print(fingerprint('Trial enrolls first patients', {SUMMARY!r}, None).bands[:3])")
    here = fingerprint("Trial enrolls first patients", SUMMARY, None).bands[:3]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123"}).stdout.strip()
    assert out == str(here)


_VOCAB = ["dermatomyositis", "trial", "week", "3", "4", "new", "the", "results", "rash", "guidance", "ivig", "of"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=8), st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=8),
       st.lists(st.sampled_from(_VOCAB), min_size=8, max_size=30), st.lists(st.sampled_from(_VOCAB), min_size=8, max_size=30),
       st.booleans())
def test_titles_allow_never_rules_out_a_pair_similarity_would_match(ta, tb, sa, sb, same_link) -> None:
    """The store skips shingling a candidate when titles_allow says no: that must only happen when
    similarity would say 0 anyway."""
    url_b = "https://a.example/x" if same_link else "https://b.example/y"
    a = stories.fingerprint(" ".join(ta), " ".join(sa), "https://a.example/x", bands=False)
    b = stories.fingerprint(" ".join(tb), " ".join(sb), url_b, bands=False)
    light = stories.title_print(" ".join(tb), canonical_url(url_b))  # what the store reads of a candidate
    if stories.similarity(a, b) > 0:
        assert stories.titles_allow(a, light)
        assert stories.titles_allow(stories.title_print(" ".join(ta), a.url), light)


@settings(max_examples=300)
@given(st.text(), st.sampled_from([None, "//a.example/x"]))
def test_title_print_is_what_titles_allow_reads_of_a_fingerprint(title: str, link: str | None) -> None:
    """The store rules candidates out on title_print: the same link, title words and numbers as a fingerprint."""
    full = stories.fingerprint(title, "", None, canonical=link, bands=False)
    light = stories.title_print(title, link)
    assert (light.url, light.title, light.numbers) == (full.url, full.title, full.numbers)


@pytest.mark.parametrize(("url", "shown"), [
    ("https://a.example/p?utm_source=x&utm_medium=y&id=3#c", "https://a.example/p?id=3#c"),
    ("https://a.example/p?fbclid=IwAR0&gclid=1", "https://a.example/p"),
    ("https://a.example/p?b=2&a=1", "https://a.example/p?b=2&a=1"),  # nothing to remove: as written
    ("https://a.example/p%20q?x=%C3%A9", "https://a.example/p%20q?x=%C3%A9"),
])
def test_also_at_links_lose_only_their_tracking_parameters(url: str, shown: str) -> None:
    assert stories.without_tracking(url) == shown


_URL_PARTS = st.sampled_from(["a", "B", "0", "-", ".", "_", "~", "%41", "%e9", "é", ";", "/", "//", "..", "%2F", "+", " "])


@settings(max_examples=400)
@given(st.sampled_from(["https://", "http://", "HTTP://www."]), st.sampled_from(["news.example", "News.Example",
       "a-b.example.", "xn--caf-dma.example", "ex_ample.org", "a..b.example", "1.2.3.4", "café.example"]),
       st.sampled_from(["", ":80", ":443", ":8080"]), st.lists(_URL_PARTS, max_size=12),
       st.sampled_from(["", "?utm_source=x", "?b=2&a=1", "?fbclid=1#f", "#frag"]))
def test_canonical_url_without_w3lib_is_what_w3lib_makes(scheme, host, port, path, query) -> None:
    """canonical_url writes plain links (most) itself: the same string w3lib's canonicalize_url makes,
    or stored canonical links would stop matching new ones."""
    url = f"{scheme}{host}{port}/{''.join(path)}{query}"
    try:
        parts = stories.urlsplit(url)
        name, number = parts.hostname, parts.port
    except ValueError:
        return
    if name is None:
        return
    name = name.rstrip(".")
    name = name[4:] if name.startswith("www.") else name
    default = stories._DEFAULT_PORTS[parts.scheme.lower()]
    netloc = name if number in (None, default) else f"{name}:{number}"
    kept = [(k, v) for k, v in stories.parse_qsl(parts.query, keep_blank_values=True) if not stories._tracking(k)]
    assert canonical_url(url) == stories._canonicalized(netloc, parts.path, kept)


_LINK_PARTS = st.sampled_from(["a", "Z", "0", "-", ".", "_", "~", "/", "//", "..", "www.", "www", ":", ":80", "@",
                                "?", "#", "%41", "é", " ", "\t", "HTTP", "x-y", "a.b"])


@settings(max_examples=2000)
@given(st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", " https://", "http:/", ""]),
       st.lists(_LINK_PARTS, max_size=14))
def test_canonical_url_of_a_plain_link_is_the_general_roads(scheme, rest) -> None:
    """canonical_url reads a plain link (no port, query, user or fragment, a lowercase host and plain path)
    off one regex: the same string as splitting it, for every link, plain or not."""
    url = scheme + "".join(rest)
    assert canonical_url(url) == stories._split_canonical(url)


@pytest.mark.parametrize("url", [
    "https://www.-a.example/x", "https://www.www.a.example/x", "http://www./x", "http://www/x", "http://wwwx.example/x",
    "https://a.example/x/", "https://a.example/", "https://a.example", "https://a--b.example/x.y/~z_", "https://a.example//x",
    "https://a.example/x/.", "https://a.example/./x", "https://A.example/x", "https://a.example./x",
])
def test_canonical_url_plain_link_edges(url: str) -> None:
    assert canonical_url(url) == stories._split_canonical(url)


# what takes story_print off its quick road (markup, entities, characters NFKC or casefold change, non-ASCII
# characters that are not word characters) and what may stay on it (non-ASCII letters and digits)
_UNUSUAL = ["café", "ﬁne", "Kraków", "Straße", "İzmir", "x²", "a\u0301", "ǅ", "٣", "Ω", "\u00a0", "’s", "—", "“quoted”",
            "&amp;", "&eacute;", "<b>bold</b>", "<", "A&B", "_", "snake_case", "TRIAL", "\t", "…", "\u2003"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_VOCAB + _UNUSUAL), max_size=40), st.lists(st.sampled_from(_VOCAB * 3 + _UNUSUAL), max_size=60))
def test_story_print_is_the_fingerprints_link_and_keys(title: list[str], summary: list[str]) -> None:
    """The parse worker's story_print takes shortcuts (no shingle set, words split in C for plain text, plain
    links without w3lib): the same link and band keys as the fingerprint the store computes itself,
    repeated words included."""
    url = "https://news.example/2025/" + "-".join(title[:3])
    f = fingerprint(" ".join(title), " ".join(summary), url)
    printed = stories.story_print(" ".join(title), " ".join(summary), url)
    assert (printed.url, stories.unpack_bands(printed.bands)) == (f.url, f.bands)


@settings(max_examples=500)
@given(st.text(max_size=60), st.text(max_size=200) | st.lists(st.sampled_from(_VOCAB + _UNUSUAL)).map(" ".join))
def test_words_split_in_c_are_the_regexs_words(title: str, summary: str) -> None:
    """story_print's words of any text (plain ones split in C, the rest by words()) are words()'s, UTF-8 encoded."""
    assert stories._utf8_words(title, summary) == [w.encode() for w in words(title) + words(summary)]
