"""The network guard, as properties (hypothesis, fixed seed) and through a real fetch.

Only loopback forms are ever dialled here (a guard failure would reach our own server on 127.0.0.1);
the other blocked networks are checked as pure functions, never connected to.
"""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myofeed._types import FetchRequest
from myofeed.config import FetchSettings
from myofeed.exceptions import BlockedAddressError, FetchError
from myofeed.fetch import Retriever
from myofeed.fetch.guard import _BLOCKED_NETWORKS, AllowList, is_blocked_address

from ..conftest import FixtureServer, Route

V4_BLOCKED = [n for n in _BLOCKED_NETWORKS if n.version == 4]
V6_BLOCKED = [n for n in _BLOCKED_NETWORKS if n.version == 6]
blocked_v4 = st.sampled_from(V4_BLOCKED).flatmap(lambda n: st.ip_addresses(network=n))
blocked_v6 = st.sampled_from(V6_BLOCKED).flatmap(lambda n: st.ip_addresses(network=n))


@given(blocked_v4 | blocked_v6)
def test_every_address_of_a_blocked_network_is_blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    assert is_blocked_address(ip)


@given(blocked_v4)
def test_ipv6_forms_that_embed_a_blocked_ipv4_are_blocked(ip: ipaddress.IPv4Address) -> None:
    n = int(ip)
    assert is_blocked_address(ipaddress.IPv6Address(f"::ffff:{ip}"))  # v4-mapped
    assert is_blocked_address(ipaddress.IPv6Address((0x2002 << 112) | (n << 80)))  # 6to4
    assert is_blocked_address(ipaddress.IPv6Address((0x0064FF9B << 96) | n))  # NAT64 well-known prefix


@given(st.ip_addresses(v=4))
def test_an_allowed_network_allows_exactly_its_addresses(ip: ipaddress.IPv4Address) -> None:
    allow = AllowList(["10.1.0.0/16", "feeds.internal.example"])
    assert allow.allows_ip(ip) == (ip in ipaddress.ip_network("10.1.0.0/16"))
    assert allow.allows_host(str(ip)) == allow.allows_ip(ip)
    assert allow.allows_ip(ipaddress.IPv6Address(f"::ffff:{ip}")) == allow.allows_ip(ip)


# --- real fetches of loopback in every spelling ------------------------------------------------

_FULLWIDTH = {c: chr(0xFF10 + int(c)) for c in "0123456789"}
_CIRCLED = {c: chr(0x245F + int(c)) for c in "123456789"}
_DOTS = [".", "\u3002", "\uff0e", "\uff61"]


@st.composite
def loopback_spelling(draw: st.DrawFn) -> str:
    """127.0.0.1 or ::1 in the spellings URL parsers accept: IDN digits and dots, mapped IPv6, hex, case."""
    kind = draw(st.sampled_from(["v4", "idn", "mapped", "hex", "name", "v6"]))
    ip = ipaddress.IPv4Address("127.0.0.1")  # where the test server listens: a guard failure shows as a request
    if kind == "v4":
        return str(ip)
    if kind == "idn":
        table = draw(st.sampled_from([_FULLWIDTH, _CIRCLED, {}]))
        parts = ["".join(table.get(c, c) if draw(st.booleans()) else c for c in part) for part in str(ip).split(".")]
        return "".join(p + (draw(st.sampled_from(_DOTS)) if i < 3 else "") for i, p in enumerate(parts))
    if kind == "mapped":
        return f"[::ffff:{ip}]"
    if kind == "hex":
        return f"0x{int(ip):08x}"
    if kind == "name":
        return draw(st.sampled_from(["localhost", "LOCALHOST", "ｌｏｃａｌｈｏｓｔ", "localhost.localdomain"]))
    return draw(st.sampled_from(["[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:7f00:1]"]))


@pytest.fixture(scope="module")
def loop_server() -> FixtureServer:
    import http.server
    import threading

    state = FixtureServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            state.requests.append((self.path, {}))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state  # type: ignore[misc]
    server.shutdown()
    server.server_close()


async def _fetch(url: str, **settings_: object) -> None:
    async with Retriever(FetchSettings.model_validate({"timeout": "3s", **settings_})) as r:
        await r.fetch(FetchRequest(url))


@settings(max_examples=60)
@given(host=loopback_spelling())
def test_no_spelling_of_loopback_reaches_it(loop_server: FixtureServer, host: str) -> None:
    before = len(loop_server.requests)
    with pytest.raises(FetchError):  # BlockedAddressError, or a URL aiohttp refuses to dial at all
        asyncio.run(_fetch(f"http://{host}:{loop_server.port}/x"))
    assert len(loop_server.requests) == before, host


@pytest.mark.parametrize("host", ["１２７.０.０.１", "127。0。0。1", "①②⑦.0.0.1", "ｌｏｃａｌｈｏｓｔ"])
def test_idn_spellings_of_loopback_are_refused_by_the_guard(http_server: FixtureServer, host: str) -> None:
    """Found while attacking: yarl normalises these to 127.0.0.1 and aiohttp dialled it unchecked."""
    with pytest.raises(BlockedAddressError):
        asyncio.run(_fetch(f"http://{host}:{http_server.port}/x"))
    assert http_server.requests == []


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x",
                                    "data:text/html,<script>x</script>", "javascript:alert(1)"])
def test_redirects_to_other_schemes_are_refused(http_server: FixtureServer, target: str) -> None:
    http_server.routes["/r"] = Route(b"", 302, {"Location": target})
    with pytest.raises(FetchError, match="expected an http or https URL"):
        asyncio.run(_fetch(http_server.url("/r"), allow_hosts=["127.0.0.1"]))
    assert [p for p, _ in http_server.requests] == ["/r"]


@pytest.mark.parametrize("target", ["http://１２７.０.０.２:{port}/", "http://127。0。0。2:{port}/",
                                    "http://[::ffff:127.0.0.2]:{port}/", "http://0x7f000002:{port}/"])
def test_redirects_to_other_spellings_of_a_blocked_host_are_refused(http_server: FixtureServer, target: str) -> None:
    """127.0.0.1 is allowed (the source), 127.0.0.2 is not: no spelling of it gets through a redirect."""
    location = target.format(port=http_server.port).encode().decode("latin-1")  # raw UTF-8 bytes on the wire
    http_server.routes["/r"] = Route(b"", 302, {"Location": location})
    with pytest.raises(BlockedAddressError):
        asyncio.run(_fetch(http_server.url("/r"), allow_hosts=["127.0.0.1"]))


def test_endless_redirects_stop_at_max_redirects(http_server: FixtureServer) -> None:
    http_server.routes.update({f"/{i}": Route(b"", 301, {"Location": f"/{i + 1}"}) for i in range(50)})
    with pytest.raises(FetchError, match="too many redirects"):
        asyncio.run(_fetch(http_server.url("/0"), allow_hosts=["127.0.0.1"], max_redirects=5))
    assert len(http_server.requests) == 6
