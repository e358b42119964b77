"""DKIM signing (RFC 6376) of finished messages, with dkimpy.

Bulk senders must sign since 2024 (Gmail, Yahoo): a digest that is not signed
lands in spam or is refused. The signature covers the list headers too, so a
relay cannot strip or rewrite the one-click unsubscribe without breaking it.
"""

from __future__ import annotations

from pathlib import Path

import dkim

from ..config.load import dkim_key_problem
from ..exceptions import ConfigError

# Over the SPEC's minimum: a header absent from a message is signed as absent,
# so none can be added later without breaking the signature.
SIGNED_HEADERS = (
    b"From", b"To", b"Subject", b"Date", b"Message-ID", b"MIME-Version", b"Content-Type",
    b"List-Id", b"List-Unsubscribe", b"List-Unsubscribe-Post", b"Auto-Submitted",
)


class DkimSigner:
    """rsa-sha256, relaxed/relaxed (what every receiver verifies)."""

    def __init__(self, domain: str, selector: str, private_key: bytes) -> None:
        self.domain = domain.encode("ascii")
        self.selector = selector.encode("ascii")
        self.key = private_key
        # a broken key must fail at start-up with the key's name, not on the first digest (config loading
        # checks the same: this holds for a key swapped after the config was read)
        why = dkim_key_problem(private_key)
        if why is not None:
            raise ConfigError("", "mail.dkim_private_key", f"not a usable RSA private key: {why}")

    @classmethod
    def from_files(cls, domain: str, selector: str, key_path: Path) -> DkimSigner:
        return cls(domain, selector, key_path.read_bytes())

    def sign(self, message: bytes) -> bytes:
        header = dkim.sign(
            message, self.selector, self.domain, self.key,
            canonicalize=(b"relaxed", b"relaxed"), include_headers=list(SIGNED_HEADERS),
        )
        return header.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + message
