"""Atomic, change-aware writes: unchanged content keeps its bytes and its mtime."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _publish_helpers import make_config, post

from myofeed.exceptions import MyofeedError
from myofeed.publish import atomic_write, output_files, publish_all, write_if_changed


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in directory.iterdir()}


def test_republish_is_byte_identical_and_untouched(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    posts = [post(), post(published=None), post(topics=("treatment",), comments=None)]
    first = publish_all(config, posts)
    assert len(first.written) == len(output_files(config))
    # Backdate every file so an accidental rewrite is visible even on coarse-mtime filesystems.
    for p in config.publish_dir.iterdir():
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))
    before = _snapshot(config.publish_dir)
    second = publish_all(config, list(reversed(posts)))  # input order must not matter
    assert second.written == ()
    assert set(second.unchanged) == set(output_files(config))
    assert _snapshot(config.publish_dir) == before


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    a = post(topics=("autoimmune-myopathy", "dermatomyositis"))
    publish_all(config, [a])
    result = publish_all(config, [a, post(topics=("treatment",), published="2025-11-21")])
    assert set(result.written) == {
        "all.atom",
        "all.rss",
        "all.json",
        "treatment.atom",
        "treatment.rss",
        "treatment.json",
        "index.html",
    }
    assert "dermatomyositis.atom" in result.unchanged and "feeds.opml" in result.unchanged


def test_same_posts_in_another_directory_give_the_same_bytes(tmp_path: Path) -> None:
    posts = [post(), post(comments=None)]
    one, two = make_config(tmp_path / "a"), make_config(tmp_path / "b")
    publish_all(one, posts)
    publish_all(two, posts)
    for name in output_files(one):
        assert (one.publish_dir / name).read_bytes() == (two.publish_dir / name).read_bytes(), name


def test_write_if_changed_with_real_fsync(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    assert write_if_changed(target, b"one") is True
    assert write_if_changed(target, b"one") is False
    assert write_if_changed(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_atomic_write_failure_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "feed.atom"
    atomic_write(target, b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]


def test_stale_temp_files_are_cleaned_up(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.publish_dir.mkdir(parents=True)
    stale = config.publish_dir / ".all.atom.abc123.tmp"
    fresh = config.publish_dir / ".all.rss.def456.tmp"  # maybe another writer's, mid-write
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    publish_all(config, [])
    assert not stale.exists() and fresh.exists()


def test_unwritable_publish_dir_is_a_clear_error(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.publish_dir.parent.mkdir(parents=True, exist_ok=True)
    config.publish_dir.write_text("a file where the directory should be")
    with pytest.raises(MyofeedError, match="cannot write"):
        publish_all(config, [post()])


def test_outputs_of_a_removed_topic_are_deleted_and_nothing_else(tmp_path: Path) -> None:
    from _publish_helpers import TOPICS

    config = make_config(tmp_path)
    publish_all(config, [post()])
    keep = config.publish_dir / "my-notes.txt"  # the operator's own file in the publish dir
    keep.write_text("mine", encoding="utf-8")
    gone = TOPICS[-1].slug
    assert (config.publish_dir / f"{gone}.atom").exists()
    smaller = make_config(tmp_path, topics=tuple(t for t in TOPICS if t.slug != gone))
    result = publish_all(smaller, [post()])
    assert set(result.removed) == {f"{gone}.atom", f"{gone}.rss", f"{gone}.json"}
    assert not any(p.name.startswith(f"{gone}.") for p in config.publish_dir.iterdir())
    assert keep.read_text(encoding="utf-8") == "mine"
    assert publish_all(smaller, [post()]).removed == ()
