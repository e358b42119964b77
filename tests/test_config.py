"""Configuration: every mistake is one line naming the file and the key; exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from myofeed.config import load_config, parse_duration
from myofeed.exceptions import ConfigError

from .conftest import REPO, TOPICS


def _cfg(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "myofeed.toml"
    p.write_text(f'topics = "{TOPICS}"\n' + text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("bogus = 1\n", "bogus", "unknown key"),
        ("[fetch]\ntimeout = 5\nretries = 3\n", "fetch.retries", "unknown key"),
        ("[publish]\nitems = \"many\"\n", "publish.items", "integer"),
        # strict types: a number written as a string, or as a float, is refused like any other wrong type
        ("[web]\nport = \"8080\"\n", "web.port", "input should be a valid integer, got '8080'"),
        ("[publish]\nitems = 1e3\n", "publish.items", "input should be a valid integer, got 1000.0"),
        ("[publish]\ndemo = \"true\"\n", "publish.demo", "input should be a valid boolean, got 'true'"),
        ("[publish]\nitems = 0\n", "publish.items", "input should be greater than or equal to 1"),
        ("[publish]\nbase_url = \"feeds.example\"\n", "publish.base_url", "absolute http(s) URL"),
        ("[[sources]]\nname = \"a\"\nurl = \"ftp://x.example/\"\n", "sources[0].url", "http(s)://"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\ninterval = \"5x\"\n", "sources[0].interval",
         "duration"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\ninterval = \"10s\"\n", "sources[0].interval",
         "at least 60s"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\n[[sources]]\nname = \"a\"\nurl = \"http://y.example/\"\n",
         "sources[1].name", "duplicate source name"),
        ("[[sources]]\nurl = \"http://x.example/\"\n", "sources[0].name", "missing"),
        ("[digest]\ntimezone = \"Mars/Olympus\"\n", "digest.timezone", "unknown time zone"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\n[sources.selectors]\nitem = \"div[[\"\n",
         "sources[0].selectors", "invalid CSS selector"),
    ],
)
def test_mistakes_name_file_and_key(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    path = _cfg(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert fragment in info.value.message
    assert str(path) in str(info.value)


def test_unknown_parent_topic_names_topics_file(tmp_path: Path) -> None:
    topics = tmp_path / "t.toml"
    topics.write_text('[[topics]]\nslug = "a"\ntitle = "A"\nparent = "zzz"\n', encoding="utf-8")
    (tmp_path / "m.toml").write_text('topics = "t.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "m.toml")
    assert info.value.file == str(topics.resolve())
    assert info.value.key == "topics[0].parent"
    assert "zzz" in info.value.message


@pytest.mark.sqlite_only  # the default database path (with --backend postgresql, $MYOFEED_DATABASE is set)
def test_minimal_config_gets_defaults_and_relative_paths(tmp_path: Path) -> None:
    path = _cfg(tmp_path, "")
    config = load_config(path)
    assert config.sources == ()
    assert config.settings.publish.items == 50
    assert config.settings.fetch.timeout == 30
    assert config.settings.fetch.max_bytes == 15728640
    assert config.database == (tmp_path / "../data/myofeed.db").resolve()
    assert config.publish_dir == (tmp_path / "../feeds").resolve()
    assert {t.slug for t in config.topics} >= {"autoimmune-myopathy", "dermatomyositis", "treatment"}


def test_file_sources_resolve_against_config_dir(tmp_path: Path) -> None:
    path = _cfg(tmp_path, '[[sources]]\nname = "d"\nurl = "demo/x.rss"\n[[sources]]\nname = "e"\nurl = "file:y.xml"\n')
    config = load_config(path)
    assert config.source("d").url == (tmp_path / "demo/x.rss").resolve().as_uri()
    assert config.source("e").url == (tmp_path / "y.xml").resolve().as_uri()


def test_shipped_config_is_valid_and_offline() -> None:
    config = load_config(REPO / "config" / "myofeed.toml")
    assert config.sources, "the shipped config has demo sources"
    assert all(s.url.startswith("file:") for s in config.sources)
    assert all(s.name.startswith("demo-") for s in config.sources)


@pytest.mark.parametrize(("value", "seconds"), [("30s", 30), ("60m", 3600), ("2h", 7200), ("1d", 86400), (90, 90)])
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


def test_cli_exit_2_without_traceback(tmp_path: Path) -> None:
    path = _cfg(tmp_path, "[web]\nport = \"eighty\"\n")
    proc = subprocess.run(
        [sys.executable, "-m", "myofeed", "--config", str(path), "check"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{path}: web.port:" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_cli_missing_config_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "myofeed", "--config", str(tmp_path / "none.toml"), "status"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert "file not found" in proc.stderr


def test_a_config_file_that_is_not_utf8_is_named_with_the_byte_and_place(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(f'topics = "{TOPICS}"\n[publish]\ntitle = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"{path}: not UTF-8 (byte 0xe9 at line 3, column 13): save it as UTF-8"


def test_a_topics_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_bytes("[[topics]]\nslug = \"a\"\n".encode("utf-16"))
    (tmp_path / "m.toml").write_text('topics = "t.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "m.toml")
    assert info.value.file == str((tmp_path / "t.toml").resolve())
    assert info.value.message == "not UTF-8 (byte 0xff at line 1, column 1): save it as UTF-8"


@pytest.mark.parametrize(
    "args", [["check"], ["status"], ["sources", "list"], ["sources", "remove", "x"], ["run", "--port", "0"]]
)
def test_every_command_refuses_a_latin1_config_in_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(f'topics = "{TOPICS}"\n[publish]\ntitle = "caf\xe9"\n'.encode("latin-1"))
    proc = subprocess.run(
        [sys.executable, "-m", "myofeed", "--config", str(path), *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"myofeed: configuration error: {path}: not UTF-8 (byte 0xe9 at line 3, column 13): save it as UTF-8"
    ]
    assert path.read_bytes().endswith(b"caf\xe9\"\n")  # left as it was


def test_a_web_address_without_scheme_is_an_error_with_a_hint(tmp_path: Path) -> None:
    path = _cfg(tmp_path, '[[sources]]\nname = "a"\nurl = "example.org/feed.xml"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "sources[0].url"
    assert "no such file" in info.value.message and 'url = "https://example.org/feed.xml"' in info.value.message


def test_a_validated_config_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the local-path checks read the validated values (a tuple of sources from the models), not a second
    # parse of the TOML: a config of 2,000 sources parsed again held ~1.2 MB more in an ingest process
    from myofeed.config import load as load_module

    (tmp_path / "here.rss").write_text("<rss/>", encoding="utf-8")
    path = _cfg(tmp_path, '[[sources]]\nname = "a"\nurl = "here.rss"\n[[sources]]\nname = "b"\nurl = "file:gone.rss"\n')
    parsed: list[Path] = []
    real = load_module._parse_toml

    def counted(p: Path, raw: bytes, *args: object) -> object:
        parsed.append(p)
        return real(p, raw, *args)

    monkeypatch.setattr(load_module, "_parse_toml", counted)
    with pytest.raises(ConfigError) as info:
        load_config(path, check_files=True)
    assert [(e.key, e.message) for e in info.value.all] == [("sources[1].url", f"no such file {tmp_path / 'gone.rss'}")]
    assert parsed.count(path) == 1, parsed


def test_local_paths_must_exist(tmp_path: Path) -> None:
    (tmp_path / "here.rss").write_text("<rss/>", encoding="utf-8")
    path = _cfg(tmp_path, '[[sources]]\nname = "a"\nurl = "here.rss"\n[[sources]]\nname = "b"\nurl = "file:gone.rss"\n')
    assert load_config(path).sources[1].url == (tmp_path / "gone.rss").as_uri(), "a run reports the source failing"
    with pytest.raises(ConfigError) as info:
        load_config(path, check_files=True)
    assert [(e.key, e.message) for e in info.value.all] == [("sources[1].url", f"no such file {tmp_path / 'gone.rss'}")]


def test_check_refuses_a_source_path_that_is_not_a_regular_file(tmp_path: Path) -> None:
    # outside audit 3, minor note 10: a directory or /dev/zero passed `check` and failed only at ingest
    (tmp_path / "saved").mkdir()
    path = _cfg(tmp_path, '[[sources]]\nname = "folder"\nurl = "saved"\n'
                          '[[sources]]\nname = "zeros"\nurl = "/dev/zero"\n')
    assert len(load_config(path).sources) == 2, "other commands load it (ingest reports the source failing)"
    r = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(path), "check"], capture_output=True,
                       text=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "sources[0].url: source 'folder':" in lines[0] and "is a directory" in lines[0]
    assert "sources[1].url: source 'zeros': /dev/zero is not a regular file" in lines[1]


@pytest.mark.parametrize(("mail", "list_id"), [
    ('from = "Digest <News@Clinic.Example>"\n', "myofeed digest <digest.clinic.example>"),
    ('from = "news@clinic.example"\nlist_id = "Clinic news <news.lists.clinic.example>"\n',
     "Clinic news <news.lists.clinic.example>"),
    ("", "myofeed digest <digest.example.org>"),  # the shipped default sender's domain
])
def test_the_default_list_id_is_in_the_senders_domain(tmp_path: Path, mail: str, list_id: str) -> None:
    # audit 4, minor 6: RFC 2919 wants the list owner's domain; it was digest.myofeed.example for everyone
    for apart in (False, True):
        assert load_config(_cfg(tmp_path, "[mail]\n" + mail), apart=apart).settings.mail.list_id == list_id


@pytest.mark.parametrize(("text", "key"), [('sources = "x"\n', "sources"), ('sources = ["x"]\n', "sources[0]")])
def test_sources_that_are_not_tables_say_what_a_source_looks_like(tmp_path: Path, text: str, key: str) -> None:
    # audit 4, minor 9: it said "input should be a valid tuple, got 'x'"
    with pytest.raises(ConfigError) as info:
        load_config(_cfg(tmp_path, text))
    assert info.value.key == key and "[[sources]]" in info.value.message and "tuple" not in info.value.message
    assert "url = " in info.value.message and info.value.message.endswith("got 'x'")


@pytest.mark.parametrize(
    ("text", "key", "near"),
    [
        ("[publish]\nitmes = 5\n", "publish.itmes", "items"),
        ("topic = \"x.toml\"\n", "topic", "topics"),
        ("[webb]\nport = 1\n", "webb", "web"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\nintervall = \"1h\"\n", "sources[0].intervall", "interval"),
        ("[[sources]]\nname = \"a\"\nurl = \"http://x.example/\"\n[sources.selectors]\ntitel = \"h2\"\n",
         "sources[0].selectors.titel", "title"),
        ("[mail]\nfrm = \"a@b.example\"\n", "mail.frm", "from"),
    ],
)
def test_a_misspelt_key_gets_the_nearest_one(tmp_path: Path, text: str, key: str, near: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_cfg(tmp_path, text))
    assert info.value.key == key and f"unknown key (did you mean {near!r}?)" == info.value.message


def test_check_lists_every_error_at_once(tmp_path: Path) -> None:
    path = _cfg(tmp_path, '[publish]\nitmes = 5\nbase_url = "nope"\n[web]\nport = "x"\n'
                          '[[sources]]\nname = "a"\nurl = "example.org/feed.xml"\n')
    r = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(path), "check"], capture_output=True,
                       text=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    keys = [line.split(": ")[3] for line in lines]
    assert sorted(keys) == ["publish.base_url", "publish.itmes", "sources[0].url", "web.port"], lines
    assert "did you mean 'items'" in lines[keys.index("publish.itmes")]
    assert all(line.startswith(f"myofeed: configuration error: {path}: ") for line in lines)


def test_database_is_a_path_or_a_postgresql_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MYOFEED_DATABASE", raising=False)
    url = "postgresql://myofeed:secret@db.example:5432/myofeed"
    assert load_config(_cfg(tmp_path, f'[storage]\ndatabase = "{url}"\n')).database == url
    assert load_config(_cfg(tmp_path, '[storage]\ndatabase = "db/x.db"\n')).database == (tmp_path / "db/x.db").resolve()
    for bad, fragment in [("mysql://a@b/c", "postgresql://"), ("postgresql://db.example", "database name"),
                          ("", "empty")]:
        with pytest.raises(ConfigError) as info:
            load_config(_cfg(tmp_path, f'[storage]\ndatabase = "{bad}"\n'))
        assert info.value.key == "storage.database" and fragment in info.value.message


def test_myofeed_database_overrides_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _cfg(tmp_path, '[storage]\ndatabase = "db/x.db"\n')
    monkeypatch.setenv("MYOFEED_DATABASE", "postgresql://ada:pw@127.0.0.1:5432/feeds")
    assert load_config(path).database == "postgresql://ada:pw@127.0.0.1:5432/feeds"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MYOFEED_DATABASE", "elsewhere/y.db")  # a path: from the working directory
    assert load_config(path).database == (tmp_path / "elsewhere/y.db").resolve()
    monkeypatch.setenv("MYOFEED_DATABASE", "oracle://x")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "$MYOFEED_DATABASE" in str(info.value)


def test_web_secret_is_long_enough_to_sign_with(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_cfg(tmp_path, '[web]\nsecret = "hunter2"\n'))
    assert info.value.key == "web.secret" and "16 characters" in info.value.message
    assert load_config(_cfg(tmp_path, '[web]\nsecret = "sixteen chars ok"\n')).settings.web.secret == "sixteen chars ok"


@pytest.mark.parametrize("bad", ["not an address", "digest@", "<>", "Digest <digest example.org>"])
def test_mail_from_must_be_an_address(tmp_path: Path, bad: str) -> None:
    # a relay would refuse it only when the first digest goes out, days after `check` said OK
    with pytest.raises(ConfigError) as info:
        load_config(_cfg(tmp_path, f'[mail]\nfrom = "{bad}"\n'))
    assert info.value.key == "mail.from" and "expected an email address" in info.value.message
    for good in ("digest@example.org", "Myositis digest <digest@news.example>", "digest@localhost"):
        assert load_config(_cfg(tmp_path, f'[mail]\nfrom = "{good}"\n')).settings.mail.from_ == good


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        # audit5 #3: each passed `check` and broke things later (every fetch, a mail header, every link)
        ('[fetch]\nuser_agent = "a\\r\\nX-Injected: 1"\n', "fetch.user_agent", "without control characters"),
        ('[mail]\nfrom = "a@b.example\\nBcc: victim@y.example"\n', "mail.from", "without control characters"),
        ('[publish]\nbase_url = "https://example.org/myo?ref=x#top"\n', "publish.base_url",
         "without a query or fragment"),
        ('[publish]\nbase_url = "https://example.org/myo/#top"\n', "publish.base_url", "without a query or fragment"),
        ('[publish]\nbase_url = "https://u:pw@example.org/"\n', "publish.base_url", "without a user or password"),
        ('[fetch]\nallow_hosts = ["http://127.0.0.1/"]\n', "fetch.allow_hosts", "not a URL (write '127.0.0.1')"),
        ('[fetch]\nallow_hosts = ["a b"]\n', "fetch.allow_hosts", "it has a space"),
        ('[fetch]\nallow_hosts = [""]\n', "fetch.allow_hosts", "an empty entry"),
        ('[fetch]\nallow_hosts = ["feeds.example/x"]\n', "fetch.allow_hosts", "expected a network"),
        # minor note 7: failed only at the first mail
        ('[mail]\nsmtp_host = "smtp://mail.example.org"\n', "mail.smtp_host", "the port is smtp_port"),
        ('[mail]\nsmtp_host = "mail.example.org:587"\n', "mail.smtp_host", "the port is smtp_port"),
    ],
)
def test_values_that_break_later_are_refused(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    path = _cfg(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert fragment in info.value.message


def test_good_allow_hosts_and_user_agent_pass(tmp_path: Path) -> None:
    config = load_config(_cfg(tmp_path, '[fetch]\nallow_hosts = ["127.0.0.1", "*.corp.example", ".lan.example",'
                                         ' "10.0.0.0/8", "::1"]\nuser_agent = "myo/1 (+https://x.example/)"\n'))
    assert config.settings.fetch.allow_hosts[3] == "10.0.0.0/8"
    assert config.settings.fetch.user_agent == "myo/1 (+https://x.example/)"


def test_check_notes_a_public_plain_http_base_url(tmp_path: Path) -> None:
    # outside audit 5, minor 7: SPEC asks https in production; RFC 8058 one-click needs an https link
    def check(base_url: str) -> subprocess.CompletedProcess[str]:
        path = _cfg(tmp_path, f'[storage]\ndatabase = "d/x.db"\n[publish]\ndir = "f"\nbase_url = "{base_url}"\n')
        return subprocess.run([sys.executable, "-m", "myofeed", "--config", str(path), "check"],
                              capture_output=True, text=True, env={**__import__("os").environ,
                                                                   "PYTHONPATH": str(REPO / "src")})
    r = check("http://feeds.myositis.org/")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "publish.base_url: note: http://feeds.myositis.org/ is plain http: use https" in r.stdout
    for quiet in ("https://feeds.myositis.org/", "http://127.0.0.1:8080/", "http://localhost/"):
        r = check(quiet)
        assert r.returncode == 0 and "plain http" not in r.stdout, quiet
    smtp_ok = load_config(_cfg(tmp_path, '[mail]\nsmtp_host = "::1"\n'))
    assert smtp_ok.settings.mail.smtp_host == "::1"
