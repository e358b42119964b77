"""scripts/_apt.sh, the root/sudo/apt-get part every install-*.sh shares, run by a real sh.

apt-get, sudo and id are small stand-in scripts on a PATH of their own that log how they were
called, so the test sees exactly which commands (as whom, with which environment) a fresh machine
would run, without installing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
SH = shutil.which("sh") or "/bin/sh"


def _stub(bindir: Path, name: str, body: str) -> None:
    path = bindir / name
    path.write_text(f"#!{SH}\n{body}\n")
    path.chmod(0o755)


def _run(tmp_path: Path, *, uid: int, sudo: bool, update_fails: bool = False,
         call: str = "apt_install alpha beta") -> tuple[subprocess.CompletedProcess[str], list[str]]:
    bindir = tmp_path / "bin"
    bindir.mkdir(parents=True)
    log = tmp_path / "log"
    log.touch()
    for tool in ("env", "basename"):  # the only real tools _apt.sh needs beside the shell's builtins
        found = shutil.which(tool)
        assert found, tool
        os.symlink(found, bindir / tool)
    _stub(bindir, "id", f'[ "$1" = -u ] && echo {uid}')
    _stub(bindir, "apt-get", f'echo "apt-get $* [DEBIAN_FRONTEND=${{DEBIAN_FRONTEND:-}}]" >> {log}\n'
                             + ('[ "$1" = update ] && exit 100\n' if update_fails else "") + "exit 0")
    if sudo:
        _stub(bindir, "sudo", f'echo "sudo $*" >> {log}\nexec "$@"')
    caller = tmp_path / "install-demo.sh"
    caller.write_text(f'set -eu\n. "{SCRIPTS / "_apt.sh"}"\n{call}\n')
    done = subprocess.run([SH, str(caller)], env={"PATH": str(bindir)}, capture_output=True, text=True,
                          timeout=30)
    return done, log.read_text().splitlines()


def test_as_root_apt_get_runs_directly_without_questions(tmp_path: Path) -> None:
    done, log = _run(tmp_path, uid=0, sudo=True)
    assert done.returncode == 0, done.stderr
    assert log == [
        "apt-get update -qq [DEBIAN_FRONTEND=]",
        "apt-get install -y -qq --no-install-recommends alpha beta [DEBIAN_FRONTEND=noninteractive]",
    ]


def test_a_user_with_sudo_goes_through_sudo(tmp_path: Path) -> None:
    done, log = _run(tmp_path, uid=1000, sudo=True)
    assert done.returncode == 0, done.stderr
    assert log == [
        "sudo apt-get update -qq",
        "apt-get update -qq [DEBIAN_FRONTEND=]",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends alpha beta",
        "apt-get install -y -qq --no-install-recommends alpha beta [DEBIAN_FRONTEND=noninteractive]",
    ]


def test_a_user_without_sudo_gets_one_line_naming_the_calling_script(tmp_path: Path) -> None:
    done, log = _run(tmp_path, uid=1000, sudo=False)
    assert done.returncode == 1
    assert done.stderr == "install-demo.sh: need root (or sudo) to apt-get install alpha beta\n"
    assert log == []


def test_need_root_sets_sudo_for_the_callers_own_root_commands(tmp_path: Path) -> None:
    done, _ = _run(tmp_path, uid=1000, sudo=True, call='need_root "write a file"; echo "SUDO=$SUDO"')
    assert done.stdout == "SUDO=sudo\n"
    done, _ = _run(tmp_path / "root", uid=0, sudo=False, call='need_root "write a file"; echo "SUDO=[$SUDO]"')
    assert done.stdout == "SUDO=[]\n"


def test_a_failed_update_fails_the_call_even_where_set_e_is_off(tmp_path: Path) -> None:
    done, log = _run(tmp_path, uid=0, sudo=False, update_fails=True,
                     call='apt_install alpha || echo "apt_install failed: $?"')
    assert done.stdout == "apt_install failed: 100\n"
    assert log == ["apt-get update -qq [DEBIAN_FRONTEND=]"]


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.sh")))
def test_every_script_parses_and_installs_through_apt_sh(script: str) -> None:
    assert subprocess.run([SH, "-n", str(SCRIPTS / script)], capture_output=True).returncode == 0
    text = (SCRIPTS / script).read_text()
    if script != "_apt.sh":
        # one copy of the root/sudo/apt-get preamble: a script that needs Debian packages sources it
        assert "id -u" not in text and "apt-get update" not in text
        assert ("apt_install" in text) == ('. "$here/_apt.sh"' in text)
