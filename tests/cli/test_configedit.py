"""`sources add` then `sources remove` gives back the operator's file byte for byte, however it ends
(README: comments and layout kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from myofeed.configedit import ConfigFile

HEAD = 'topics = "topics.toml"\n\n[storage]\ndatabase = "data/demo.db"\n'
ONE = '\n[[sources]]\nname = "first"\nurl = "https://one.example/feed"\n'
TWO = ONE + '\n[[sources]]\nname = "second"\nurl = "https://two.example/feed"\n'


@pytest.mark.parametrize("text", [
    HEAD,                                                    # no source yet
    HEAD + ONE,                                              # ends right after a key
    HEAD + TWO,
    HEAD + TWO + "\n# [[sources]]\n# name = \"example\"\n",  # ends with commented-out examples
    HEAD + ONE + '[sources.selectors]\nitem = "article"\n',  # ends inside a sub-table
    HEAD + ONE + "\n\n",                                     # blank lines at the end
], ids=["none", "key", "two", "comments", "selectors", "blank"])
def test_add_then_remove_is_the_same_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "myofeed.toml"
    path.write_text(text, encoding="utf-8")
    edit = ConfigFile(path)
    edit.add_source({"name": "added", "url": "https://new.example/feed"})
    assert 'name = "added"' in edit.doc.as_string()
    assert edit.remove_source("added")
    assert edit.doc.as_string() == text


COMMENTED = '''# top comment
topics = "topics.toml"   # trailing

[storage]
database = "e.db"

# --- first source: the clinic ---
[[sources]]
name = "one"   # keep me
url = "https://one.example/feed"

# --- second source, flaky ---
# (two lines of it)
[[sources]]
name = "two"
url = "https://two.example/feed"
interval = "2h"  # slow site
# a note inside two's block

# --- third ---
[[sources]]
name = "three"
url = "https://three.example/"
kind = "html"
[sources.selectors]
item = "article.post"

# about fetch
[fetch]
timeout = "20s"
'''


def _without(text: str, first: str, last: str) -> str:
    """The text without the lines from the one starting with `first` to the one starting with `last`,
    and the blank line after them."""
    lines = text.splitlines(keepends=True)
    a = next(i for i, line in enumerate(lines) if line.startswith(first))
    b = next(i for i, line in enumerate(lines) if i >= a and line.startswith(last))
    return "".join(lines[:a] + lines[b + 2:])


@pytest.mark.parametrize(("name", "first", "last"), [
    ("one", "# --- first", 'url = "https://one'),
    ("two", "# --- second", "# a note inside two's"),
    ("three", "# --- third", 'item = "article.post"'),
])
def test_remove_takes_the_sources_own_comments_and_leaves_the_next_ones(
    tmp_path: Path, name: str, first: str, last: str
) -> None:
    """Comment lines directly above a [[sources]] line describe that source: they go with it, and the
    next source keeps its own (tomlkit files them at the end of the block before)."""
    path = tmp_path / "myofeed.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    edit = ConfigFile(path)
    assert edit.remove_source(name)
    assert edit.doc.as_string() == _without(COMMENTED, first, last)


def test_a_comment_set_apart_by_a_blank_line_stays(tmp_path: Path) -> None:
    text = HEAD + "\n# all sources below are clinics\n" + ONE
    path = tmp_path / "myofeed.toml"
    path.write_text(text + '\n[[sources]]\nname = "second"\nurl = "https://two.example/feed"\n', encoding="utf-8")
    edit = ConfigFile(path)
    assert edit.remove_source("second")
    assert edit.doc.as_string() == text
    assert edit.remove_source("first")
    assert edit.doc.as_string() == HEAD + "\n# all sources below are clinics\n"


def test_add_then_remove_with_comments_between_sources_is_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "myofeed.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    edit = ConfigFile(path)
    edit.add_source({"name": "added", "url": "https://new.example/feed"})
    assert edit.doc.as_string().index('name = "added"') > edit.doc.as_string().index('name = "three"')
    assert edit.remove_source("added")
    assert edit.doc.as_string() == COMMENTED
