"""The validated config kept by the files' bytes (config/cache.py): a process whose config did not
change reads the values back without pydantic, gets the same Config, and every mistake is still
found by the models."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from myofeed.classify import Classifier
from myofeed.config import cache, load_config, load_topics
from myofeed.exceptions import ConfigError
from myofeed.frozen import Frozen, freeze

from .conftest import REPO, SHARED, TOPICS, write_config

SOURCES = """
[[sources]]
name = "news"
url = "https://news.example/feed.xml"
interval = "2h"

[[sources]]
name = "blog"
url = "https://blog.example/tag/myositis/"
kind = "html"
pages = 2
[sources.selectors]
item = "article"
title = "h2 a"
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _fresh(path: Path, code: str, home: Path) -> str:
    """Run `code` in a new interpreter with `cfg` = load_config(path); its stdout."""
    prog = f"import sys\nfrom myofeed.config import load_config\ncfg = load_config({str(path)!r})\n{code}"
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    r = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return r.stdout


def test_a_config_read_again_does_not_import_pydantic_and_is_the_same(tmp_path: Path, cache_home: Path) -> None:
    path = write_config(tmp_path, SOURCES)
    probe = ("import json\nprint(json.dumps([any(m.split('.')[0] == 'pydantic' for m in sys.modules),"
             " repr(cfg.settings), repr(cfg.topics_file), repr(cfg.sources), repr(cfg.topics)]))")
    first = json.loads(_fresh(path, probe, cache_home))
    second = json.loads(_fresh(path, probe, cache_home))
    assert first[0] is True and second[0] is False  # validated once, then read back
    assert first[1:] == second[1:]
    assert list(cache_home.joinpath("myofeed").glob("config-*.json"))


def test_read_back_equals_validated(tmp_path: Path) -> None:
    path = write_config(tmp_path, SOURCES)
    validated = load_config(path)
    again = load_config(path)  # from the cache this time
    assert again.settings == validated.settings and again.topics_file == validated.topics_file
    assert again.sources == validated.sources and again.topics == validated.topics
    assert again.settings.fetch.timeout == 5.0 and again.sources[1].selectors is not None
    assert again.sources[1].selectors.title == "h2 a" and again.sources[0].interval == 7200.0
    assert not hasattr(again.settings, "sources")  # kept once, as config.sources


def test_an_edited_config_or_topics_file_is_validated_again(tmp_path: Path) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_bytes(TOPICS.read_bytes())
    path = write_config(tmp_path, SOURCES, topics=topics)
    load_config(path)
    path.write_text(path.read_text() + "\n[web]\nport = 70000\n")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert exc.value.key == "web.port"
    path.write_text(path.read_text().replace("port = 70000", "port = 9090"))
    assert load_config(path).settings.web.port == 9090
    assert "\n[rules]\n" in topics.read_text()
    topics.write_text(topics.read_text().replace("\n[rules]\n", "\n[rules]\nthreshhold = 3.0\n", 1))
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert exc.value.file == str(topics) and exc.value.key == "rules.threshhold"


def test_checks_of_other_files_run_on_a_config_read_back(tmp_path: Path) -> None:
    local = tmp_path / "local.rss"
    local.write_text("<rss/>")
    path = write_config(tmp_path, '[[sources]]\nname = "local"\nurl = "local.rss"\n')
    load_config(path, check_files=True)
    local.unlink()
    with pytest.raises(ConfigError) as exc:
        load_config(path, check_files=True)  # the same bytes, read back: the file is looked for again
    assert exc.value.key == "sources[0].url" and "no such file" in exc.value.message


def test_a_cache_that_cannot_be_written_or_read_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = write_config(tmp_path, SOURCES)
    assert load_config(path).sources == load_config(path).sources
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "h"))
    load_config(path)
    for entry in (tmp_path / "h" / "myofeed").glob("config-*.json"):
        entry.write_text("{not json")
    assert load_config(path).settings.fetch.timeout == 5.0


def test_an_entry_from_other_code_is_not_used(tmp_path: Path, cache_home: Path) -> None:
    path = write_config(tmp_path, SOURCES)
    load_config(path)
    (entry,) = (cache_home / "myofeed").glob("config-*.json")
    data = json.loads(entry.read_text())
    data["settings"]["fetch"]["timeout"] = 99.0
    entry.write_text(json.dumps(data))
    assert load_config(path).settings.fetch.timeout == 99.0  # proof that the entry is what is read
    data["code"] = ["another version"]
    entry.write_text(json.dumps(data))
    assert load_config(path).settings.fetch.timeout == 5.0


def test_frozen_tables_read_like_the_models() -> None:
    topics = load_topics(TOPICS)
    tree = freeze(topics.model_dump())
    assert isinstance(tree, Frozen) and tree.rules.mask == topics.rules.mask
    assert dict(tree.rules) == dict(topics.rules)  # iterated as (name, value) pairs, like a model
    assert hash(tree) == hash(freeze(topics.model_dump())) and tree != freeze({**topics.model_dump(), "model": None})
    with pytest.raises(AttributeError):
        tree.rules.threshold = 1.0  # type: ignore[misc]
    assert tree.rules.replace(threshold=3.0).threshold == 3.0 and tree.rules.threshold == topics.rules.threshold
    assert freeze(json.loads(json.dumps(tree.as_dict()))) == tree  # what the cache writes reads back equal


@pytest.mark.skipif(not (SHARED / "datasets" / "topics-dev.jsonl").exists(), reason="shared topics-dev.jsonl missing")
def test_classification_from_the_tables_is_identical_to_the_models() -> None:
    """The classifier built from the read-back tables gives byte-identical results (labels and evidence)."""
    models = Classifier.from_topics(load_topics(TOPICS))
    tables = Classifier.from_topics(freeze(json.loads(json.dumps(freeze(load_topics(TOPICS).model_dump()).as_dict()))))
    posts = [json.loads(line) for line in (SHARED / "datasets" / "topics-dev.jsonl").read_text().splitlines() if line]
    assert len(posts) > 100
    labelled = 0
    for p in posts:
        a = models.classify(p["title"], p["summary"], p.get("categories", ()))
        b = tables.classify(p["title"], p["summary"], p.get("categories", ()))
        assert (a.labels, json.dumps(a.why)) == (b.labels, json.dumps(b.why)), p["id"]
        labelled += bool(a.labels)
    assert labelled > 50


def test_entries_are_bounded(tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP", 3)
    for i in range(5):
        folder = tmp_path / f"c{i}"
        folder.mkdir()
        load_config(write_config(folder, SOURCES))
    assert len(list((cache_home / "myofeed").glob("config-*.json"))) == 3


def test_validated_apart_the_process_never_imports_pydantic(tmp_path: Path, cache_home: Path) -> None:
    path = write_config(tmp_path, SOURCES)
    prog = ("import sys, json\nfrom myofeed.config import load_config\n"
            f"cfg = load_config({str(path)!r}, apart=True)\n"
            "print(json.dumps([any(m.split('.')[0] == 'pydantic' for m in sys.modules), repr(cfg.sources)]))")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, env=env, check=True).stdout
    imported, sources = json.loads(out)
    assert imported is False and sources == repr(load_config(path).sources)
    assert list((cache_home / "myofeed").glob("config-*.json"))  # the other process stored it


BROKEN = [
    "[web]\nport = 70000\n[fetch]\nconcurrency = 'many'\n",  # two mistakes in one config
    '[[sources]]\nname = "a b"\nurl = "news.example/feed.xml"\n',  # a bad name, and a URL without its scheme
    "[storage]\ndatabse = 'x.db'\n",  # a misspelt key: 'did you mean'
    "topics = 'missing.toml'\n",
    "[web\n",  # not TOML
]


@pytest.mark.parametrize("body", BROKEN)
def test_validated_apart_every_mistake_reads_the_same(tmp_path: Path, body: str) -> None:
    path = tmp_path / "myofeed.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as here:
        load_config(path)
    with pytest.raises(ConfigError) as apart:
        load_config(path, apart=True)
    assert [(e.file, e.key, e.message) for e in apart.value.all] == [(e.file, e.key, e.message) for e in here.value.all]


def test_validated_here_when_no_other_process_can_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    path = write_config(tmp_path, SOURCES)
    assert load_config(path, apart=True).sources[0].name == "news"


def _imported_modules(path: Path, src: Path) -> set[Path]:
    """The myofeed modules `path` imports, at any depth of its code (function-level imports too)."""
    package = path.relative_to(src.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[tuple[str, ...]] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1] + tuple((node.module or "").split(".") if node.module else ())
            names = [base + (a.name,) for a in node.names] + [base]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("myofeed"):
            base = tuple(node.module.split("."))  # type: ignore[union-attr]
            names = [base + (a.name,) for a in node.names] + [base]
        elif isinstance(node, ast.Import):
            names = [tuple(a.name.split(".")) for a in node.names if a.name.startswith("myofeed.")]
        for name in names:  # `from . import cache` is a module; `from .x import f` is x's
            module = src.parent.joinpath(*name).with_suffix(".py")
            if module.is_file():
                found.add(module)
                break
    return found


def test_the_code_stamp_covers_every_module_the_models_call() -> None:
    """What the models return is kept; whatever their validators call (clean_title makes a source's title)
    and whatever that imports is stamped, or an edit there leaves stale values in use."""
    src = Path(cache.__file__).resolve().parents[1]
    todo = [src / "config" / "settings.py", src / "config" / "topics.py"]
    seen: set[Path] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _imported_modules(module, src)
    outside = {m for m in seen if m.parent != src / "config"}
    assert src / "parse" / "untrusted.py" in outside  # clean_title's home
    assert outside <= {Path(p).resolve() for p in cache.covered_outside()}, sorted(map(str, outside))


def test_an_edit_to_clean_titles_module_makes_the_entry_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = Path(cache.__file__).resolve().parents[1]
    copy = tmp_path / "myofeed"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_HERE", copy / "config")
    before = cache.code_stamp()
    untrusted = copy / "parse" / "untrusted.py"
    st = untrusted.stat()
    os.utime(untrusted, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # as an edit leaves it
    assert cache.code_stamp() != before
    assert cache.code_stamp() == cache.code_stamp()  # and nothing else moves it


def test_a_source_title_cleaned_then_read_back_is_the_same(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[sources]]\nname = "n"\nurl = "https://n.example/feed.xml"\n'
                                  'title = "News \\u202eof\\u001b[31m DM"\n')
    validated = load_config(path).sources[0].title
    assert validated == load_config(path).sources[0].title == "News of DM"
