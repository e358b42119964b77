"""Double opt-in, second half: the pages the mailed links open.

- `/confirm/<token>`: GET (and HEAD) show a page with a Confirm button; only
  its POST confirms (mail scanners and link previews follow links with GET).
  The POST is CSRF-checked like every form of ours. A confirm link works
  once (confirming replaces the token; the used link then opens an "already
  confirmed" page) and for CONFIRM_VALID after its mail.
- `/unsubscribe/<token>`: GET shows a button; POST (RFC 8058 one-click, or
  the button) unsubscribes. The token is the key: no cookie, no CSRF token,
  so a mail provider's one-click POST works.
- `/preferences/<token>`: a signed, expiring token (myofeed.links), never the
  unsubscribe token that every mail's headers carry.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response

from ..core import Myofeed, utcnow
from ..links import check_preferences_token, preferences_token, token_subscriber_id
from ..types import Subscriber
from .security import set_csrf_cookie
from .state import FormRefused, WebState
from .subscribe import SUBSCRIPTIONS, refused, validate_choices

CONFIRM_VALID = timedelta(days=7)
_ONE_CLICK = b"List-Unsubscribe=One-Click"


def _state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def preferences_link(sub: Subscriber, now: datetime | None = None) -> str:
    """`preferences/<signed token>`, relative to the site root."""
    return "preferences/" + preferences_token(sub, now or utcnow())


def unknown_link(state: WebState, request: Request) -> Response:
    return state.message(request, "Link not found",
                         "This link is not valid (any more). Confirmation links work once; "
                         "check that the link was copied whole.",
                         status=404, links=[("../", "Back to the feeds")])


def _expired(state: WebState, request: Request, text: str) -> Response:
    return state.message(request, "This link has expired", text, status=410,
                         links=[("../#subscribe", "Subscribe"), ("../", "Back to the feeds")])


# --- /confirm/<token> ----------------------------------------------------------------------


def confirm_expired(sub: Subscriber, now: datetime) -> bool:
    sent = sub.confirm_sent_at or sub.created
    return now - sent > CONFIRM_VALID


async def confirm(request: Request) -> Response:
    state = _state(request)
    token = request.path_params["token"]
    now = utcnow()
    sub = await state.db(lambda web: web.subscriber_by_token("confirm", token))
    if sub is None:
        if await state.db(lambda web: web.used_confirm_link(token)) is not None:
            # clicked again, or opened by the mail client before: no address shown, nothing changed
            return state.message(request, "Already confirmed",
                                 "This link has confirmed its subscription already: digests are on their way. "
                                 "Every digest has links to change topics or unsubscribe.",
                                 links=[("../", "Back to the feeds")])
        return unknown_link(state, request)
    if sub.state == "unsubscribed":
        return state.message(request, "This subscription was cancelled",
                             "You unsubscribed from this address. To receive digests again, subscribe anew.",
                             links=[("../#subscribe", "Subscribe again")])
    if sub.state != "pending":  # confirmed by the operator meanwhile: nothing left to do here
        return state.message(request, "Already confirmed", f"{sub.email} already receives digests.",
                             links=[("../", "Back to the feeds")])
    if confirm_expired(sub, now):
        return _expired(state, request, "Confirmation links work for 7 days. Subscribe again for a new one.")
    if request.method == "GET" and state.config.settings.web.confirm_on_get:
        return await _confirmed(state, request, sub, now)
    csrf, new_cookie = state.csrf_token(request)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            form = await state.read_form(request)
        except FormRefused as exc:
            return refused(state, request, exc)
        if state.csrf_passed(request, form):
            return await _confirmed(state, request, sub, now)
        errors, status = ["The page expired. Please press Confirm once more."], 403
    titles = dict(state.topic_choices())
    response = state.render(
        request, "confirm.html", status, email=sub.email, cadence=sub.cadence, csrf_token=csrf, errors=errors,
        topics=[titles.get(t, t) for t in sub.topics],
    )
    if new_cookie:
        set_csrf_cookie(response, csrf, secure=state.secure_cookies)
    return response


async def _confirmed(state: WebState, request: Request, sub: Subscriber, now: datetime) -> Response:
    def run(web: Myofeed) -> Subscriber | None:
        web.set_subscriber_state(sub.id, "confirmed", now)
        return web.subscriber_by_id(sub.id)

    fresh = await state.db(run)
    if fresh is None:
        return unknown_link(state, request)
    SUBSCRIPTIONS.labels(outcome="confirmed").inc()
    titles = dict(state.topic_choices())
    named = ", ".join(titles.get(t, t) for t in fresh.topics) or "the topics you chose"
    return state.message(
        request, "Subscription confirmed",
        f"{fresh.email} will receive a {fresh.cadence} digest of new posts on {named}. "
        "Your first digest holds the posts stored since you subscribed.",
        links=[("../" + preferences_link(fresh, now), "Change topics or how often"),
               (f"../unsubscribe/{fresh.unsubscribe_token}", "Unsubscribe"), ("../", "Back to the feeds")],
    )


# --- /unsubscribe/<token> --------------------------------------------------------------------


async def unsubscribe(request: Request) -> Response:
    state = _state(request)
    token = request.path_params["token"]
    if request.method == "POST":
        try:
            form = await state.read_form(request)
        except FormRefused as exc:
            return refused(state, request, exc)
        # RFC 8058 names the two form encodings; a sender that omits the content type still sends this body
        one_click = form.get("List-Unsubscribe") == "One-Click" or (await request.body()).strip() == _ONE_CLICK
    else:
        one_click = False
    now = utcnow()

    def run(web: Myofeed) -> Subscriber | None:
        sub = web.subscriber_by_token("unsubscribe", token)
        if sub is not None and one_click and sub.state != "unsubscribed":
            web.set_subscriber_state(sub.id, "unsubscribed", now)
            SUBSCRIPTIONS.labels(outcome="unsubscribed").inc()
            return web.subscriber_by_token("unsubscribe", token)
        return sub

    sub = await state.db(run)
    if sub is None:
        return unknown_link(state, request)
    status = 400 if request.method == "POST" and not one_click else 200
    return state.render(request, "unsubscribe.html", status, email=sub.email, state=sub.state)


# --- /preferences/<token> ----------------------------------------------------------------------


async def preferences(request: Request) -> Response:
    state = _state(request)
    token = request.path_params["token"]
    now = utcnow()
    sub_id = token_subscriber_id(token)
    if sub_id is None and await state.db(lambda web: web.subscriber_by_token("unsubscribe", token)) is not None:
        # a digest mailed before preference links were signed linked the unsubscribe token: say so, show
        # nothing of the subscriber (outside audit 6, minor 4: a bare 404 after the upgrade)
        return _expired(state, request, "This link is from an older digest. Links to your preferences "
                                        "now come fresh in every digest: use the one in your latest digest.")
    sub = await state.db(lambda web: web.subscriber_by_id(sub_id)) if sub_id is not None else None
    verdict = check_preferences_token(token, sub, now) if sub is not None else "invalid"
    if sub is None or verdict == "invalid":
        return unknown_link(state, request)
    if verdict == "expired":
        return _expired(state, request, "Links to your preferences work for a few weeks. "
                                        "Every digest carries a fresh one.")
    csrf, new_cookie = state.csrf_token(request)
    topics, cadence, errors, saved, status = list(sub.topics), sub.cadence, [], False, 200
    if request.method == "POST":
        try:
            form = await state.read_form(request)
        except FormRefused as exc:
            return refused(state, request, exc)
        topics = list(dict.fromkeys(str(t) for t in form.getlist("topics")))
        cadence = str(form.get("cadence") or "")
        if not state.csrf_passed(request, form):
            errors, status = ["The form expired. Please press Save again."], 403
        else:
            errors = validate_choices(state, topics, cadence)
            status = 400 if errors else 200
        if not errors:
            await state.db(lambda web: web.update_subscriber(sub.id, topics=topics, cadence=cadence))
            saved = True
    response = state.render(
        request, "preferences.html", status, email=sub.email, state=sub.state, unsubscribe=sub.unsubscribe_token,
        csrf_token=csrf, topic_choices=state.topic_choices(), form_topics=topics, form_cadence=cadence,
        errors=errors, saved=saved,
    )
    if new_cookie:
        set_csrf_cookie(response, csrf, secure=state.secure_cookies)
    return response
