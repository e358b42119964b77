"""`myofeed classify` as SPEC describes it: JSON lines in, JSON lines out, bad lines named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from myofeed.cli import cli
from myofeed.config import load_config
from myofeed.exceptions import ConfigError

from ..conftest import TOPICS, write_config


def run(tmp_path: Path, stdin: str, *args: str):  # type: ignore[no-untyped-def]
    cfg = write_config(tmp_path)
    return CliRunner().invoke(cli, ["--config", str(cfg), "classify", *args], input=stdin)


def test_output_shape(tmp_path: Path) -> None:
    line = {"id": "a1", "title": "JDM and school", "summary": "Our daughter's teacher helps.", "source": "x"}
    result = run(tmp_path, json.dumps(line) + "\n")
    assert result.exit_code == 0
    row = json.loads(result.stdout)
    assert row["id"] == "a1"
    assert row["labels"] == ["autoimmune-myopathy", "dermatomyositis", "living-with"]
    assert row["why"]["dermatomyositis"] == ["term 'JDM' in title"]


def test_bad_lines_are_reported_and_others_processed(tmp_path: Path) -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": 1, "title": "IBM", "summary": ""}),
            "{not json",
            json.dumps([1, 2]),
            json.dumps({"id": 4, "title": 5, "summary": ""}),
            json.dumps({"id": 5, "title": "Gout", "summary": "", "categories": ["x"]}),
            json.dumps({"title": "IBM without an id", "summary": ""}),
            json.dumps({"id": None, "title": "IBM", "summary": ""}),
            json.dumps({"id": ["a"], "title": "IBM", "summary": ""}),
            json.dumps({"id": "s8", "title": "IBM", "summary": ""}),
        ]
    )
    result = run(tmp_path, stdin)
    assert result.exit_code == 1
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [1, 5, "s8"]
    for n in (2, 3, 4, 6, 7, 8):
        assert f"line {n}:" in result.stderr
    assert 'line 6: expected "id"' in result.stderr and 'line 8: "id" must be a string or number' in result.stderr
    assert "line 1:" not in result.stderr and "Traceback" not in result.stderr


def test_categories_are_used(tmp_path: Path) -> None:
    line = {"id": 1, "title": "Clinic news", "summary": "", "categories": ["Inclusion Body Myositis"]}
    row = json.loads(run(tmp_path, json.dumps(line)).stdout)
    assert "inclusion-body-myositis" in row["labels"]


def test_topics_option(tmp_path: Path) -> None:
    result = run(tmp_path, json.dumps({"id": 1, "title": "Myositis", "summary": ""}), "--topics", str(TOPICS))
    assert json.loads(result.stdout)["labels"] == ["autoimmune-myopathy"]


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["classify", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "myofeed classify" in result.output


@pytest.mark.parametrize(
    "extra,key",
    [
        ('negatoin = ["not"]\n', "rules.negatoin"),
        ('[[topics]]\nslug = "x"\ntitle = "X"\nparent = "nope"\n', "topics[10].parent"),
        ('[[topics]]\nslug = "y"\ntitle = "Y"\ntermz = ["a"]\n', "topics[10].termz"),
        ('[[topics]]\nslug = "z"\ntitle = "Z"\ncombos = [["only-one"]]\n', "topics[10].combos"),
    ],
)
def test_topics_errors_name_the_key(tmp_path: Path, extra: str, key: str) -> None:
    topics = tmp_path / "topics.toml"
    text = TOPICS.read_text(encoding="utf-8")
    if extra.startswith("[[topics]]"):
        text += "\n" + extra
    else:  # a key inside [rules]
        text = text.replace("[rules]\n", "[rules]\n" + extra, 1)
    topics.write_text(text, encoding="utf-8")
    cfg = write_config(tmp_path, topics=topics)
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert key in str(err.value)


def test_text_format(tmp_path: Path) -> None:
    stdin = json.dumps({"id": "p1", "title": "sIBM and my cane", "summary": "Living with IBM."}) + "\n"
    stdin += json.dumps({"id": "p2", "title": "Gout diet", "summary": "Less beer."}) + "\n"
    result = run(tmp_path, stdin, "--format", "text")
    assert result.exit_code == 0
    assert "p1: autoimmune-myopathy, inclusion-body-myositis, living-with" in result.stdout
    assert "inclusion-body-myositis: term 'sIBM' in title" in result.stdout
    assert "p2: (off-topic)" in result.stdout
