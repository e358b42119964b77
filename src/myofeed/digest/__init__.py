"""Digest emails: who is due (due.py), what they get (run.py), how it looks
(compose.py + templates/), how it is packed (message.py) and handed over (send.py).

Public API:
    send_due(app, now=..., dry_run=False, out=None) -> DigestReport
    send_confirmation(app, subscriber, now=...) -> bool
"""

from __future__ import annotations

from .confirm import send_confirmation
from .run import DigestReport, PlannedDigest, plan, send_due

__all__ = ["DigestReport", "PlannedDigest", "plan", "send_confirmation", "send_due"]
