"""Handing finished messages over: SMTP (one reused connection) or an outbox of .eml files.

`Transport.send` returns only when the message was accepted (the SMTP server's
250 after DATA, or the .eml file renamed into place); otherwise it raises:

- TemporaryMailError: a 4xx answer or a lost connection: left for the next run;
- PermanentMailError: a 5xx answer for this recipient (RCPT or DATA): a bounce;
- MailError: the run cannot send at all (authentication, sender refused).
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..config import Config
from ..exceptions import MailError, PermanentMailError, TemporaryMailError

if TYPE_CHECKING:
    from ..config import MailSettings

log = logging.getLogger(__name__)


class ServerUnavailable(TemporaryMailError):
    """No answer at all (refused, reset, timed out): the digests wait for the next run, but
    unlike a 4xx this is the operator's problem, so `digest send` exits 1."""


class Transport(Protocol):
    def accepts_8bit(self) -> bool: ...
    def send(self, sender: str, recipient: str, message: bytes) -> None: ...
    def close(self) -> None: ...


def open_transport(config: Config) -> Transport:
    """SMTP when [mail].smtp_host is set, else the outbox directory (the offline default);
    DKIM-signed when [mail] names a key."""
    mail = config.settings.mail
    tx: Transport = SMTPTransport(mail, ca_file=config.smtp_ca_file) if mail.smtp_host else OutboxTransport(config.outbox)
    if config.dkim_private_key is not None and mail.dkim_domain and mail.dkim_selector:
        from .dkim import DkimSigner

        signer = DkimSigner.from_files(mail.dkim_domain, mail.dkim_selector, config.dkim_private_key)
        tx = SigningTransport(tx, signer)
    return tx


class _Signer(Protocol):
    def sign(self, message: bytes) -> bytes: ...


class SigningTransport:
    """Signs each finished message, then hands it to the real transport (SMTP or outbox alike,
    so what an operator inspects in the outbox is what a server would receive)."""

    def __init__(self, inner: Transport, signer: _Signer) -> None:
        self.inner = inner
        self.signer = signer

    def accepts_8bit(self) -> bool:
        return self.inner.accepts_8bit()

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        self.inner.send(sender, recipient, self.signer.sign(message))

    def close(self) -> None:
        self.inner.close()


def dot_stuff(message: bytes) -> bytes:
    """RFC 5321 transparency: a line starting with '.' gets another; CRLF-terminated for DATA."""
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    stuffed = message.replace(b"\r\n.", b"\r\n..")
    return b"." + stuffed if stuffed.startswith(b".") else stuffed


def _raise_for(code: int, reply: bytes, stage: str, *, recipient: bool) -> None:
    text = f"{stage}: {code} {reply.decode('utf-8', 'replace')}".strip()
    if 400 <= code < 500:
        raise TemporaryMailError(text)
    if recipient:
        raise PermanentMailError(text)
    raise MailError(text)


class SMTPTransport:
    """One SMTP session reused for every message of a run.

    A connection dropped before a message's transaction began is reopened once;
    one dropped after the data went out is not retried in this run, since the
    server may have accepted it (the next run retries: at-least-once, never lost).
    Once the server is unreachable the rest of the run fails fast instead of
    waiting for a timeout per recipient.
    """

    def __init__(self, mail: MailSettings, *, ca_file: Path | None = None) -> None:
        self.mail = mail
        self.ca_file = ca_file
        self._conn: smtplib.SMTP | None = None
        self._down: MailError | None = None

    def _connect(self) -> smtplib.SMTP:
        m = self.mail
        host = m.smtp_host or "localhost"
        try:
            conn: smtplib.SMTP
            if m.smtp_security == "ssl":
                conn = smtplib.SMTP_SSL(host, m.smtp_port, timeout=m.smtp_timeout, context=self._tls())
            else:
                conn = smtplib.SMTP(host, m.smtp_port, timeout=m.smtp_timeout)
            if conn.sock is not None:
                # small pipelined commands must not wait on Nagle + the peer's delayed ACK
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.ehlo_or_helo_if_needed()
            if m.smtp_security == "starttls":
                conn.starttls(context=self._tls())
                conn.ehlo()
            if m.smtp_user:
                conn.login(m.smtp_user, m.smtp_password or "")
        except ssl.SSLError as exc:  # before OSError: a certificate problem is no outage
            self._down = MailError(f"TLS with SMTP server {host}:{m.smtp_port} failed: {exc.reason or exc}")
            raise self._down from exc
        except smtplib.SMTPAuthenticationError as exc:
            self._down = MailError(f"SMTP authentication failed at {host}:{m.smtp_port}: {exc.smtp_code}")
            raise self._down from exc
        except smtplib.SMTPNotSupportedError as exc:  # e.g. smtp_security = "starttls" but none offered
            self._down = MailError(f"SMTP server {host}:{m.smtp_port}: {exc}")
            raise self._down from exc
        except smtplib.SMTPResponseException as exc:
            err: MailError = (TemporaryMailError if 400 <= exc.smtp_code < 500 else MailError)(
                f"SMTP server {host}:{m.smtp_port} refused the session: {exc.smtp_code} {exc.smtp_error!r}")
            self._down = err
            raise err from exc
        except (OSError, smtplib.SMTPException) as exc:
            self._down = ServerUnavailable(f"cannot reach SMTP server {host}:{m.smtp_port}: {exc}")
            raise self._down from exc
        return conn

    def _tls(self) -> ssl.SSLContext:
        """Certificate and host name always verified; a private CA only when the operator names it."""
        context = ssl.create_default_context()
        if self.ca_file is not None:
            context.load_verify_locations(cafile=str(self.ca_file))
        return context

    def accepts_8bit(self) -> bool:
        """Whether the server announced 8BITMIME (connects if needed; an unreachable server
        says yes here and fails on send)."""
        if self._conn is None and self._down is None:
            try:
                self._conn = self._connect()
            except MailError:
                return True
        return self._conn is None or bool(self._conn.has_extn("8bitmime"))

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        if self._down is not None:
            raise type(self._down)(str(self._down))
        payload = dot_stuff(message)
        for attempt in (0, 1):
            if self._conn is None:
                self._conn = self._connect()
            try:
                self._transaction(self._conn, sender, recipient, payload)
                return
            except _Started as exc:
                self._drop()
                raise ServerUnavailable(f"connection lost while sending to {recipient}: {exc.__cause__}") from exc
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                # died before this message's transaction began (an idle timeout, a 421 on the last one)
                self._drop()
                if attempt:
                    raise ServerUnavailable(f"connection lost while sending to {recipient}: {exc}") from exc

    def _transaction(self, conn: smtplib.SMTP, sender: str, recipient: str, payload: bytes) -> None:
        options = " BODY=8BITMIME" if conn.has_extn("8bitmime") else ""
        if not (sender.isascii() and recipient.isascii()):
            if not conn.has_extn("smtputf8"):
                # RFC 6531: without the extension such an address cannot be carried at all;
                # a bounce for this recipient, not a failure of the run
                raise PermanentMailError(
                    f"{recipient}: an internationalised address needs SMTPUTF8, which "
                    f"{self.mail.smtp_host}:{self.mail.smtp_port} does not offer")
            options += " SMTPUTF8"
        if conn.does_esmtp and conn.has_extn("pipelining"):
            # RFC 2920: MAIL, RCPT and DATA in one write, then their three replies; two round
            # trips per message instead of four
            conn.send(f"MAIL FROM:{smtplib.quoteaddr(sender)}{options}\r\n"
                      f"RCPT TO:{smtplib.quoteaddr(recipient)}\r\nDATA\r\n")
            (mail_code, mail_reply), (rcpt_code, rcpt_reply), (data_code, data_reply) = (
                conn.getreply(), conn.getreply(), conn.getreply())
            if data_code == 354 and (mail_code != 250 or rcpt_code not in (250, 251)):
                conn.send(b".\r\n")  # a 354 despite a refused envelope: end the empty message
                conn.getreply()
        else:
            mail_code, mail_reply = conn.mail(sender, options.split())
            rcpt_code, rcpt_reply = (conn.rcpt(recipient) if mail_code == 250 else (0, b""))
            data_code, data_reply = 0, b""
            if mail_code == 250 and rcpt_code in (250, 251):
                conn.putcmd("data")
                data_code, data_reply = conn.getreply()
        if mail_code != 250:
            self._reset(conn, mail_code)
            _raise_for(mail_code, mail_reply, "MAIL FROM", recipient=False)
        if rcpt_code not in (250, 251):
            self._reset(conn, rcpt_code)
            _raise_for(rcpt_code, rcpt_reply, "RCPT TO", recipient=True)
        if data_code != 354:
            self._reset(conn, data_code)
            _raise_for(data_code, data_reply, "DATA", recipient=True)
        try:
            # smtplib.data() would dot-stuff with a regex per message; dot_stuff() did it with bytes.replace
            conn.send(payload + b".\r\n")
            code, reply = conn.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Started() from exc
        if code != 250:
            self._reset(conn, code)
            _raise_for(code, reply, "end of DATA", recipient=True)

    def _reset(self, conn: smtplib.SMTP, code: int) -> None:
        if code == 421:  # the server is closing the session
            self._drop()
            return
        try:
            conn.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except OSError:
                pass
        self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (smtplib.SMTPException, OSError):
                pass
        self._drop()


class _Started(Exception):
    """The connection died after RCPT: the message may or may not have been accepted."""


class OutboxTransport:
    """Writes each message as an .eml file; 'accepted' means renamed into place (atomic)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._count = 0

    def accepts_8bit(self) -> bool:
        return True

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._count += 1
            safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in recipient.replace("@", "_at_"))[:80]
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{self._count:06d}-{safe}.eml"
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".eml")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(message)
                path = self._unique(name)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise MailError(f"cannot write to outbox {self.directory}: {exc}") from exc
        # no SMTP host: say where the mail went, or an operator waits for it in vain
        log.info("mail to %s written to the outbox: %s", recipient, path)

    def _unique(self, name: str) -> Path:
        path = self.directory / name
        stem = path.stem
        n = 1
        while path.exists():
            path = self.directory / f"{stem}-{n}.eml"
            n += 1
        return path

    def close(self) -> None:
        pass


