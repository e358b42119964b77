"""Double opt-in, first half: POST /subscribe (manage.py: the pages the mailed links open).

The subscribe answer is the same page whether or not the address is known,
so the form cannot be used to learn who subscribes, and it comes no sooner
than ANSWER_FLOOR after the request (the database work differs). The
confirmation mail is sent after the answer (a background task).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from prometheus_client import Counter
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from ..core import Myofeed, utcnow
from ..exceptions import MyofeedError
from ..metrics import REGISTRY
from ..types import Subscriber
from .security import set_csrf_cookie
from .state import FormRefused, WebState

log = logging.getLogger(__name__)
CADENCES = ("daily", "weekly")
ANSWER_FLOOR = 0.15  # seconds: well above the database work of a subscribe, well below what people notice
MAIL_HEAD_START = 0.02  # seconds the answer gets to leave before the confirmation mail's work starts
SUBSCRIPTIONS = Counter(
    "myofeed_web_subscriptions", "Subscription requests and state changes made on the web, by outcome",
    ["outcome"], registry=REGISTRY,
)


def _state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def refused(state: WebState, request: Request, exc: FormRefused) -> Response:
    # a 413 keeps the connection: closing it while the client still sends would reset it before it reads
    return state.message(request, exc.heading, exc.text, status=exc.status,
                         headers={"connection": "close"} if exc.close else None)


def validate_choices(state: WebState, topics: Sequence[str], cadence: str) -> list[str]:
    errors = []
    known = {t.slug for t in state.config.topics}
    if not topics:
        errors.append("Choose at least one topic.")
    elif any(t not in known for t in topics):
        errors.append("Choose topics from the list.")
    if cadence not in CADENCES:
        errors.append("Choose daily or weekly.")
    return errors


# --- POST /subscribe ---------------------------------------------------------------


async def subscribe(request: Request) -> Response:
    started = time.monotonic()
    state = _state(request)
    client = state.clients.client_ip(request)
    if client is None:
        # a trusted proxy that does not say who it relays: refuse rather than let every visitor
        # share one quota (one client could then lock everyone out); the log tells the operator
        log.warning("POST /subscribe from proxy %s without a %s header: refused (see SECURITY.md)",
                    request.client.host if request.client else "?", state.config.settings.web.proxy_header)
        return state.message(request, "Cannot take this request",
                             "The server in front of this site did not say who is asking. Please try later.",
                             status=400)
    wait = state.limiter.hit(client)
    if wait:
        SUBSCRIPTIONS.labels(outcome="rate_limited").inc()
        return state.message(
            request, "Too many requests", "Please wait a minute before trying again.",
            status=429, headers={"retry-after": str(int(wait) + 1)},
        )
    try:
        form = await state.read_form(request)
    except FormRefused as exc:
        return refused(state, request, exc)
    raw_email = str(form.get("email") or "").strip()
    topics = list(dict.fromkeys(str(t) for t in form.getlist("topics")))
    cadence = str(form.get("cadence") or "daily")
    token, new_token = state.csrf_token(request)

    def form_page(status: int, errors: list[str], heading: str, note: str = "") -> Response:
        response = state.render(
            request, "subscribe_retry.html", status, heading=heading, note=note, errors=errors,
            csrf_token=token, topic_choices=state.topic_choices(),
            form_email=raw_email, form_topics=topics, form_cadence=cadence,
        )
        if new_token:
            set_csrf_cookie(response, token, secure=state.secure_cookies)
        return response

    if not state.csrf_passed(request, form):
        # e.g. the static feeds/index.html (no token) or an expired page: ask once more, with a fresh token
        SUBSCRIPTIONS.labels(outcome="csrf_retry").inc()
        return form_page(403, [], "Confirm your subscription",
                         "Please check the details and press Subscribe once more.")
    errors = validate_choices(state, topics, cadence)
    email = ""
    try:
        if "\ufffd" in raw_email:
            # the form parser makes bytes that are not UTF-8 (%ED%A0%80, %FF) U+FFFD: no one's address
            raise EmailNotValidError("not UTF-8")
        email = validate_email(raw_email, check_deliverability=False).normalized
    except EmailNotValidError:
        errors.insert(0, "Enter a valid email address, like name@example.org.")
    if errors:
        SUBSCRIPTIONS.labels(outcome="invalid").inc()
        return form_page(400, errors, "Subscribe")

    now = utcnow()
    pending = await state.db(_record, email, topics, cadence, now)
    # creating a pending row (a write) takes longer than finding a confirmed one: answer no sooner
    # than ANSWER_FLOOR after the request came in, so the answer's timing says nothing either
    await asyncio.sleep(max(0.0, started + ANSWER_FLOOR - time.monotonic()))
    # one outcome whatever the address's state: the same-answer rule holds for /metrics too
    SUBSCRIPTIONS.labels(outcome="accepted").inc()
    task = BackgroundTask(_send_confirmation, state, pending, now) if pending is not None else None
    paragraphs = [
        f"If {email} can receive mail, a message with a confirmation link is on its way. "
        "Digests start only once you have followed that link.",
        "Already subscribed? Then nothing changes; every digest has a link to your preferences.",
    ]
    if not state.config.settings.mail.smtp_host and state.clients.is_local(request):
        # the operator trying the form: say where the mail went (the path is on /status and in the
        # log, never on a public page)
        paragraphs.append("Operator note: no mail.smtp_host is configured, so this mail was written to the "
                          "outbox directory instead of being sent; the status page and the log name it.")
    return state.message(
        request,
        "Check your inbox",
        *paragraphs,
        links=[("./", "Back to the feeds")],
        background_task=task,
    )


def _record(web: Myofeed, email: str, topics: list[str], cadence: str, now: datetime) -> Subscriber | None:
    """Create or refresh a pending subscription; None when the address is already confirmed."""
    from ..digest.confirm import RESEND_AFTER

    existing = web.subscriber(email)
    if existing is not None and existing.state in ("confirmed", "bouncing"):
        # an unauthenticated form never changes a confirmed subscriber: the preferences page does
        return None
    if existing is not None and existing.state == "pending" and _mailed_since(existing, now - RESEND_AFTER):
        # the confirmation mail describes the choice made then, and its link must confirm just that:
        # a repeat within the 24 h (the owner's, or anyone's who knows the address) changes nothing
        return existing
    sub, _ = web.add_subscriber(email, topics, cadence, confirmed=False, now=now)
    return sub


def _mailed_since(sub: Subscriber, since: datetime) -> bool:
    return sub.confirm_sent_at is not None and sub.confirm_sent_at > since


async def _send_confirmation(state: WebState, sub: Subscriber, now: datetime) -> None:
    # the answer's bytes are queued, not yet sent: a worker thread rendering the mail right now would
    # hold the GIL and delay them, only for unknown addresses. Let them go first.
    await asyncio.sleep(MAIL_HEAD_START)
    def send(web: Myofeed) -> None:
        try:
            from ..digest import send_confirmation  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            log.error("cannot send the confirmation mail: myofeed.digest.send_confirmation is missing")
            return
        # send_confirmation itself refuses a repeat within 24 h
        send_confirmation(web, sub, now=now)

    try:
        await state.mail.run(send)
    except MyofeedError as exc:  # the mail server, the [mail] settings: one line (outside audit 6, #3d)
        log.error("confirmation mail to subscriber %s not sent: %s", sub.id, exc)
    except Exception:  # the answer is already sent; the log is the only place left to report it
        log.exception("confirmation mail to subscriber %s failed", sub.id)
