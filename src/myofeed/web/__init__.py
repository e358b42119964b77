"""The web service: feeds, the index page, double opt-in subscriptions, operator status, metrics."""

from .app import make_app

__all__ = ["make_app"]
