"""What every storage mixin may rely on: the database it writes through (see _db.py)."""

from __future__ import annotations

from ._db import Database


class MixinBase:
    _db: Database
