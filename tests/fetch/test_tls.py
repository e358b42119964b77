"""https under the deferred CA bundle (fetch/tls.py): a process that fetches only http never reads the
system's CAs, and one that fetches https reads them before its first handshake, so that a certificate
the trusted CAs signed is accepted and any other refused, as with aiohttp's own contexts."""

from __future__ import annotations

import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


class _Feed(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _serve(tls: ssl.SSLContext | None) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module")
def servers(ca: trustme.CA) -> Iterator[tuple[str, str]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    plain, secure = _serve(None), _serve(context)
    yield (f"http://127.0.0.1:{plain[0].server_address[1]}/feed",
           f"https://127.0.0.1:{secure[0].server_address[1]}/feed")
    for server, thread in (plain, secure):
        server.shutdown()
        thread.join(5)


PROBE = """
import json, sys
from myofeed.config.settings import FetchSettings
from myofeed.exceptions import FetchError
from myofeed.fetch import fetch_url

def cas():
    import aiohttp.connector as c
    return c._SSL_CONTEXT_VERIFIED.cert_store_stats()["x509_ca"]

settings = FetchSettings.model_validate({"allow_hosts": ["127.0.0.1"], "timeout": "10s"})
out = {"http": fetch_url(sys.argv[1], settings).status, "cas_after_http": cas()}
try:
    out["https"] = fetch_url(sys.argv[2], settings).status
except FetchError as exc:
    out["https"] = str(exc)
out["cas_after_https"] = cas()
print(json.dumps(out))
"""


def _probe(urls: tuple[str, str], **env: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, *urls], capture_output=True, text=True, check=True,
                          env={**os.environ, **env})
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_cas_are_read_at_the_first_https_fetch_and_a_certificate_they_sign_is_accepted(
    servers: tuple[str, str], ca: trustme.CA, tmp_path: Path
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    out = _probe(servers, SSL_CERT_FILE=str(bundle))  # the trusted CAs are this one
    assert out["http"] == 200 and out["cas_after_http"] == 0  # plain http: no CA read
    assert out["https"] == 200 and out["cas_after_https"] == 1  # read before the handshake, and used


def test_a_certificate_no_trusted_ca_signed_is_refused(servers: tuple[str, str]) -> None:
    out = _probe(servers)  # the system's CAs: our test CA is not among them
    assert out["http"] == 200
    assert isinstance(out["https"], str) and "certificate verify failed" in out["https"].lower(), out["https"]
