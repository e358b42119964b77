"""Raw RFC 5322 messages, built once per rendered body and finished per recipient.

The email package's generator costs milliseconds per message (pure-Python
quoted-printable); at 10,000 recipients that alone would blow the time budget.
So the MIME skeleton and the quoted-printable encoding of everything above the
footer are done once per body, and each recipient costs a few headers plus the
encoding of the short footer that carries their address and token. Quoted-
printable works line by line, so encoding the footer on its own (it starts at a
line boundary) gives exactly the bytes encoding the whole part would.
"""

from __future__ import annotations

import binascii
import html
import secrets
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.utils import format_datetime, parseaddr
from urllib.parse import quote

from .compose import PLACEHOLDERS, PREFERENCES_URL, RECIPIENT, UNSUBSCRIBE_URL, RenderedBody

_SMTP = policy.SMTP


@dataclass(frozen=True)
class ListHeaders:
    """What every mail of the list carries, from [mail] and [publish] config."""

    from_: str
    list_id: str
    base_url: str
    unsubscribe_mailto: str | None = None

    @property
    def domain(self) -> str:
        addr = parseaddr(self.from_)[1]
        return addr.rsplit("@", 1)[-1] if "@" in addr else "myofeed.invalid"

    @property
    def sender(self) -> str:
        """The envelope sender (MAIL FROM): the bare address of `from`."""
        return parseaddr(self.from_)[1] or self.from_

    def unsubscribe_url(self, token: str) -> str:
        return self.base_url + "unsubscribe/" + token

    def preferences_url(self, token: str) -> str:
        return self.base_url + "preferences/" + token


def fold(name: str, value: str) -> str:
    """One header line (CRLF-terminated), RFC 2047-encoded and folded only when it must be."""
    if value.isascii() and len(name) + len(value) < 76 and "\n" not in value and "\r" not in value:
        return f"{name}: {value}\r\n"
    value = value.replace("\r", " ").replace("\n", " ")
    return _SMTP.header_factory(name, value).fold(policy=_SMTP)


def address_header(name: str, address: str) -> str:
    """A bare recipient address. An internationalised one stays raw UTF-8: it is only
    deliverable over SMTPUTF8 (which send.py asks for), where RFC 6532 headers are UTF-8."""
    return f"{name}: {address}\r\n" if not address.isascii() else fold(name, address)


def qp(text: str) -> bytes:
    """UTF-8 quoted-printable with CRLF line ends (binascii: C speed)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return binascii.b2a_qp(data, quotetabs=False, istext=True, header=False).replace(b"\n", b"\r\n")


def _split(text: str) -> tuple[str, str]:
    """(constant prefix, per-recipient suffix): cut at the line holding the first placeholder."""
    first = min((i for i in (text.find(p) for p in PLACEHOLDERS) if i >= 0), default=-1)
    if first < 0:
        return text, ""
    cut = text.rfind("\n", 0, first) + 1
    return text[:cut], text[cut:]


def crlf(text: str) -> bytes:
    """UTF-8 with CRLF line ends, unencoded (the 7bit / 8bit transfer encodings)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").encode("utf-8")


MAX_LINE = 998 - 200  # RFC 5321's limit, less room for an address or link put in per recipient


def _encoding(prefix: str, suffix: str, eight_bit: bool) -> str:
    """7bit or 8bit keeps links whole in the raw message (greppable, no soft line breaks);
    quoted-printable when a line is too long for SMTP or the server lacks 8BITMIME."""
    text = prefix + suffix
    if any(len(line.encode("utf-8")) > MAX_LINE for line in text.split("\n")):
        return "quoted-printable"
    if text.isascii():
        return "7bit"
    return "8bit" if eight_bit else "quoted-printable"


def _part_head(boundary: str, subtype: str, encoding: str) -> bytes:
    return (
        f"--{boundary}\r\nContent-Type: text/{subtype}; charset=\"utf-8\"\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    ).encode("ascii")


class MessageTemplate:
    """One rendered body, ready to be addressed to many recipients cheaply.

    `eight_bit`: the receiving server takes 8BITMIME (the outbox always does).
    """

    def __init__(self, body: RenderedBody, lists: ListHeaders, *, eight_bit: bool = True) -> None:
        self.lists = lists
        # 96 random bits: never found in a body by chance
        self.boundary = "=_myofeed_" + secrets.token_hex(12)
        text_prefix, self._text_suffix = _split(body.text.replace("\r\n", "\n"))
        html_prefix, self._html_suffix = _split(body.html.replace("\r\n", "\n"))
        text_enc = _encoding(text_prefix, self._text_suffix, eight_bit)
        html_enc = _encoding(html_prefix, self._html_suffix, eight_bit)
        # the recipient's address may be non-ASCII even when the body is not
        self._text_encode = qp if text_enc == "quoted-printable" else crlf
        self._html_encode = qp if html_enc == "quoted-printable" else crlf
        text_enc = "8bit" if text_enc == "7bit" and eight_bit else text_enc
        html_enc = "8bit" if html_enc == "7bit" and eight_bit else html_enc
        self._constant_headers = (
            fold("From", lists.from_)
            + fold("Subject", body.subject)
            + "MIME-Version: 1.0\r\n"
            + fold("List-Id", lists.list_id)
            + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            + "Auto-Submitted: auto-generated\r\n"
            + f'Content-Type: multipart/alternative;\r\n boundary="{self.boundary}"\r\n\r\n'
        ).encode("utf-8")
        self._text_head = _part_head(self.boundary, "plain", text_enc) + self._text_encode(text_prefix)
        self._html_head = _part_head(self.boundary, "html", html_enc) + self._html_encode(html_prefix)
        self._end = f"--{self.boundary}--\r\n".encode("ascii")

    def message_id(self, when: datetime) -> str:
        return f"<{when:%Y%m%d%H%M%S}.{secrets.token_hex(10)}@{self.lists.domain}>"

    def build(
        self, *, to: str, token: str, prefs_token: str, when: datetime, message_id: str | None = None
    ) -> tuple[str, bytes]:
        """(Message-ID, the complete message) for one recipient. `token` unsubscribes (and is in the
        headers); `prefs_token` is the signed, expiring preference link's (links.py), never the same."""
        mid = message_id or self.message_id(when)
        unsub = self.lists.unsubscribe_url(token)
        prefs = self.lists.preferences_url(prefs_token)
        list_unsub = f"<{unsub}>"
        if self.lists.unsubscribe_mailto:
            mailto = self.lists.unsubscribe_mailto.removeprefix("mailto:")
            list_unsub += f",\r\n <mailto:{mailto}?subject={quote('unsubscribe ' + token)}>"
        head = (
            address_header("To", to)
            + f"Date: {format_datetime(when)}\r\n"
            + f"Message-ID: {mid}\r\n"
            + f"List-Unsubscribe: {list_unsub}\r\n"
        ).encode("utf-8")
        text = (self._text_suffix.replace(UNSUBSCRIBE_URL, unsub).replace(PREFERENCES_URL, prefs)
                .replace(RECIPIENT, to))
        markup = (self._html_suffix.replace(UNSUBSCRIBE_URL, html.escape(unsub))
                  .replace(PREFERENCES_URL, html.escape(prefs)).replace(RECIPIENT, html.escape(to)))
        text_part = self._text_head + self._text_encode(text)
        html_part = self._html_head + self._html_encode(markup)
        # the CRLF before a boundary belongs to the delimiter, so each part must end with one
        return mid, b"".join((
            head, self._constant_headers,
            text_part, b"" if text_part.endswith(b"\r\n") else b"\r\n",
            html_part, b"" if html_part.endswith(b"\r\n") else b"\r\n",
            self._end,
        ))


def personalise(body: RenderedBody, lists: ListHeaders, *, to: str, token: str, prefs_token: str) -> RenderedBody:
    """The body one recipient sees (for previews): placeholders filled in."""
    unsub, prefs = lists.unsubscribe_url(token), lists.preferences_url(prefs_token)
    text = body.text.replace(UNSUBSCRIBE_URL, unsub).replace(PREFERENCES_URL, prefs).replace(RECIPIENT, to)
    markup = (body.html.replace(UNSUBSCRIBE_URL, html.escape(unsub)).replace(PREFERENCES_URL, html.escape(prefs))
              .replace(RECIPIENT, html.escape(to)))
    return RenderedBody(subject=body.subject, text=text, html=markup)
