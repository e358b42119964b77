"""The network guard: loopback/private/metadata refused unless allowed, on every hop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest

from myofeed._types import FetchRequest, FetchResult
from myofeed.config import FetchSettings
from myofeed.exceptions import BlockedAddressError, FetchError
from myofeed.fetch import Retriever
from myofeed.fetch.guard import AllowList, GuardedResolver, check_literal, is_blocked_address

from .conftest import Server


def fetch(url: str, settings: FetchSettings) -> FetchResult:
    async def run() -> FetchResult:
        async with Retriever(settings) as r:
            return await r.fetch(FetchRequest(url))

    return asyncio.run(run())


def test_loopback_refused_without_allow(server: Server) -> None:
    with pytest.raises(BlockedAddressError) as info:
        fetch(server.url("/feed"), FetchSettings())
    msg = str(info.value)
    assert "127.0.0.1" in msg and "[fetch].allow_hosts" in msg and server.url("/feed") in msg
    assert isinstance(info.value, FetchError)


def test_localhost_name_refused_by_resolver(server: Server) -> None:
    url = server.url("/feed").replace("127.0.0.1", "localhost")
    with pytest.raises(BlockedAddressError, match=r"localhost .*127\.0\.0\.1.*allow_hosts"):
        fetch(url, FetchSettings())
    # Allowing the name lets it through.
    assert fetch(url, FetchSettings(allow_hosts=("localhost",))).status == 200


def test_allowed_literal_passes(server: Server) -> None:
    assert fetch(server.url("/feed"), FetchSettings(allow_hosts=("127.0.0.1",))).status == 200
    assert fetch(server.url("/feed"), FetchSettings(allow_hosts=("127.0.0.0/8",))).status == 200


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:1/",
        "http://[fd00:ec2::254]/",
        "http://192.168.1.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_redirect_to_private_address_refused(server: Server, target: str) -> None:
    # 127.0.0.1 itself is allowed; the redirect target is not, and is refused before any connection.
    with pytest.raises(BlockedAddressError, match="allow_hosts"):
        fetch(server.url("/to?to=" + target), FetchSettings(allow_hosts=("127.0.0.1",), timeout=3))


def test_redirect_to_other_scheme_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="expected an http or https URL"):
        fetch(server.url("/to?to=file:///etc/passwd"), FetchSettings(allow_hosts=("127.0.0.1",)))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.255",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "240.0.0.1",
        "198.18.0.1",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
        "192.0.2.1",
    ],
)
def test_blocked_addresses(address: str) -> None:
    assert is_blocked_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "100.128.0.1", "::ffff:8.8.8.8"]
)
def test_public_addresses(address: str) -> None:
    assert not is_blocked_address(ipaddress.ip_address(address))


def test_allow_list_forms() -> None:
    allow = AllowList(["Feeds.Example.ORG.", "*.intra.example", "10.0.0.0/8", "[::1]"])
    assert allow.allows_host("feeds.example.org")
    assert allow.allows_host("a.b.intra.example") and not allow.allows_host("intra.example.com")
    assert allow.allows_host("10.2.3.4") and allow.allows_host("[::1]") and allow.allows_host("::1")
    assert not allow.allows_host("11.0.0.1")
    check_literal("10.9.9.9", allow)  # allowed: no exception
    with pytest.raises(BlockedAddressError):
        check_literal("192.168.0.1", allow)
    check_literal("example.org", AllowList([]))  # names are the resolver's job


class _FakeResolver:
    """Answers like DNS would for a rebinding attacker: the test controls the address."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = addresses

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict[str, object]]:
        return [
            {
                "hostname": host,
                "host": a,
                "port": port,
                "family": socket.AF_INET6 if ":" in a else socket.AF_INET,
                "proto": 0,
                "flags": 0,
            }
            for a in self.addresses
        ]

    async def close(self) -> None:
        pass


def test_resolver_refuses_private_answers() -> None:
    async def run() -> None:
        public = GuardedResolver(AllowList([]), _FakeResolver("93.184.216.34"))  # type: ignore[arg-type]
        assert (await public.resolve("example.org", 80))[0]["host"] == "93.184.216.34"
        for answer in (("10.0.0.5",), ("93.184.216.34", "127.0.0.1"), ("fd00:ec2::254",)):
            guarded = GuardedResolver(AllowList([]), _FakeResolver(*answer))  # type: ignore[arg-type]
            with pytest.raises(BlockedAddressError, match=r"evil\.example.*allow_hosts"):
                await guarded.resolve("evil.example", 80)
        allowed = GuardedResolver(AllowList(["evil.example"]), _FakeResolver("10.0.0.5"))  # type: ignore[arg-type]
        assert len(await allowed.resolve("evil.example", 80)) == 1

    asyncio.run(run())


@pytest.mark.parametrize("url", ["http://2130706433/", "http://127.1/", "http://0x7f.0.0.1/", "http://0177.0.0.1/"])
def test_legacy_ipv4_spellings_never_connect(url: str) -> None:
    # Decimal/short/hex/octal forms of 127.0.0.1: refused by aiohttp or by the guard, never fetched.
    with pytest.raises(FetchError):
        fetch(url, FetchSettings(timeout=3))
