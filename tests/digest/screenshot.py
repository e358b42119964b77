"""A sample digest with demo data (.example hosts, invented people), sent to the outbox, and its
HTML part photographed by headless Debian chromium: docs/digest.png.

    .venv/bin/python -m tests.digest.screenshot [OUTPUT.png]
"""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.digest import send_due

from .conftest import DM, IBM, T0, post, store_posts, write_config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

DEMO = [
    post("dm-rash", "What my dermatomyositis rash taught me about sun protection", DM, published="2025-11-19",
         author="Mira Quill", comments=14,
         summary="Three years after diagnosis, a patient shares the routine that finally calmed her heliotrope "
                 "rash: mineral sunscreen, UPF clothing and a frank talk with her dermatologist."),
    post("dm-ivig", "IVIG for refractory dermatomyositis: what the new trial means", (*DM, "treatment"),
         published="2025-11-18T16:20:00+00:00", author="Dr. Tomas Vell", comments=6,
         summary="A plain-language walk through the latest randomized trial of intravenous immunoglobulin, "
                 "who it may help, and the questions to bring to your rheumatologist."),
    post("ibm-swallow", "Swallowing tips from an inclusion body myositis support group", IBM,
         published="2025-11-17", author=None, comments=None,
         summary="Chin tuck, smaller bites and thicker liquids: members of a monthly IBM meeting compare notes "
                 "on dysphagia and when to ask for a swallow study."),
    post("dm-school", "Juvenile dermatomyositis: a teacher's guide for the new school year", DM,
         published="2025-11-15", author="Lena Orrin", comments=9,
         summary="Rest breaks, shade at recess and a plan for flares: a parent's letter to her son's teachers, "
              "shared with permission."),
    post("ibm-cane", "Choosing a cane, then a rollator: one year with IBM", IBM, published="2025-11-14",
         author="Arvid Pell", comments=21,
         summary="Falls were the turning point. A retired engineer compares mobility aids and what he wishes he "
              "had known sooner."),
    post("tx-exercise", "Exercise is medicine, even in myositis", ("treatment",), published="2025-11-16",
         author="Jo Marlow", comments=3,
         summary="Supervised strength training is safe for most people with inflammatory myopathies; a "
                 "physiotherapist explains how to start slowly and track fatigue."),
]


def sample_message(tmp: Path) -> EmailMessage:
    """Send one demo digest to the outbox and read it back."""
    config = write_config(tmp, smtp_port=None)
    app = Myofeed(load_config(config))
    try:
        app.store.add_subscriber("sam.reader@mail.example", ["autoimmune-myopathy", "treatment"], "weekly",
                                 confirmed=True, now=T0)
        store_posts(app, T0 + timedelta(hours=1), *DEMO)
        report = send_due(app, now=T0 + timedelta(hours=2))
        assert report.sent == 1, report
    finally:
        app.close()
    [eml] = (tmp / "outbox").glob("*.eml")
    return email.message_from_bytes(eml.read_bytes(), policy=default_policy)  # type: ignore[return-value]


def chromium() -> str | None:
    return shutil.which("chromium") or (str(Path("/usr/bin/chromium")) if Path("/usr/bin/chromium").exists() else None)


def screenshot(html: str, png: Path, *, size: str = "900,1200") -> None:
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "digest.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--screenshot={png}",
             f"--window-size={size}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else REPO / "docs" / "digest.png"
    with tempfile.TemporaryDirectory() as tmp:
        msg = sample_message(Path(tmp))
    html = [p for p in msg.iter_parts() if p.get_content_type() == "text/html"][0].get_content()
    out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(html, out.resolve())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
