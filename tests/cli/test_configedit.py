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
