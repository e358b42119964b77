"""The double opt-in mail: one confirmation per pending address per 24 h, nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..core import Myofeed
from ..types import Subscriber
from .compose import render_confirmation
from .message import ListHeaders, MessageTemplate
from .send import Transport, open_transport

RESEND_AFTER = timedelta(hours=24)


def send_confirmation(
    app: Myofeed, subscriber: Subscriber, *, now: datetime, transport: Transport | None = None
) -> bool:
    """Mail the confirm/<token> link (no posts) to a pending address.

    Returns False, sending nothing, when the address is not pending or a
    confirmation went to it less than 24 h before `now`. The slot is claimed in
    the database before sending, so two simultaneous sign-ups send one mail.
    Raises MailError (TemporaryMailError for a 4xx or an unreachable server)
    when the mail could not be handed over; the 24 h slot is then given back.
    """
    claimed, previous = app.claim_confirmation(subscriber.id, now, now - RESEND_AFTER)
    if not claimed:
        return False
    fresh = app.subscriber(subscriber.email) or subscriber
    s = app.config.settings
    lists = ListHeaders(from_=s.mail.from_, list_id=s.mail.list_id, base_url=s.publish.base_url,
                        unsubscribe_mailto=s.mail.unsubscribe_mailto)
    tx: Transport | None = transport
    try:
        if tx is None:
            # inside the try: a transport that cannot be made (a DKIM key that cannot sign) sent
            # nothing, and its slot must not say "a confirmation went less than 24 h ago"
            tx = open_transport(app.config)
        template = MessageTemplate(render_confirmation(app.config, fresh), lists, eight_bit=tx.accepts_8bit())
        # no preference link in this mail (nothing to change before confirming): no prefs token either
        _, message = template.build(to=fresh.email, token=fresh.unsubscribe_token, prefs_token="", when=now)
        tx.send(lists.sender, fresh.email, message)
    except BaseException:  # not sent, whatever the reason: give the 24 h slot back
        app.release_confirmation(subscriber.id, previous)
        raise
    finally:
        if transport is None and tx is not None:
            tx.close()
    # not counted in /metrics: a counter that moves only for unknown addresses would tell a
    # metrics reader who is subscribed (the same-answer rule of POST /subscribe); callers log failures
    return True

