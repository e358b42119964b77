"""The network guard: refuse private, loopback, link-local, metadata... addresses (SSRF).

The check runs inside the aiohttp resolver (`GuardedResolver`), so the address
that is checked is the address the connector dials: a DNS answer cannot change
between the check and the connection (no rebinding window). aiohttp never asks
the resolver about IP literals, so those are checked before each request with
`check_literal` (an IP literal cannot rebind).

`allow_hosts` entries (exempt from the guard) may be host names (exact, or
`.example.org` / `*.example.org` for subdomains), IP literals or CIDR networks;
a name resolving only to allowed addresses is allowed too, since the operator
said it runs those.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver

from ..exceptions import BlockedAddressError

if TYPE_CHECKING:
    from aiohttp.abc import ResolveResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Named explicitly although most are covered by `is_global`: the list is what a
# reviewer checks, and `is_global` changed between Python patch releases.
_BLOCKED_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network"
        "10.0.0.0/8",
        "100.64.0.0/10",  # CGNAT (shared address space)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, incl. cloud metadata 169.254.169.254
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, incl. broadcast
        "::/128",
        "::1/128",
        "fc00::/7",  # unique local, incl. AWS metadata fd00:ec2::254
        "fe80::/10",
        "fec0::/10",  # deprecated site-local
        "ff00::/8",  # multicast
        "64:ff9b:1::/48",  # local-use NAT64
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_blocked_address(ip: IPAddress) -> bool:
    """True for any address a feed fetch must not reach without an explicit allow."""
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:a.b.c.d *is* the IPv4 host a.b.c.d (dual-stack sockets): judge that address.
        if ip.ipv4_mapped is not None:
            return is_blocked_address(ip.ipv4_mapped)
        # Other IPv6 forms that embed an IPv4 address can reach it through a gateway.
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and is_blocked_address(embedded):
            return True
    if any(ip in net for net in _BLOCKED_NETWORKS if net.version == ip.version):
        return True
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _normalize_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


@lru_cache(maxsize=1024)
def parse_ip(host: str) -> IPAddress | None:
    """The address for an IP literal host (brackets and zone ids tolerated), else None.

    Cached: a pass asks it two or three times a request for the same few hosts (~10 us each time);
    the addresses are immutable."""
    try:
        return ipaddress.ip_address(_normalize_host(host).split("%", 1)[0])
    except ValueError:
        return None


class AllowList:
    """`[fetch].allow_hosts`, pre-parsed: names, name suffixes, addresses and networks."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.names: set[str] = set()
        self.suffixes: tuple[str, ...] = ()
        self.networks: list[IPNetwork] = []
        suffixes = []
        for raw in entries:
            entry = _normalize_host(raw)
            if not entry:
                continue
            if entry.startswith("*."):
                entry = entry[1:]
            if entry.startswith("."):
                suffixes.append(entry)
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.names.add(entry)
        self.suffixes = tuple(suffixes)
        self._seen: dict[str, bool] = {}  # host -> allowed: asked twice a request, for the same few hosts

    def __bool__(self) -> bool:
        return bool(self.names or self.suffixes or self.networks)

    def allows_host(self, host: str) -> bool:
        """The host, as written in the URL, is exempt (name or IP literal)."""
        found = self._seen.get(host)
        if found is None:
            if len(self._seen) >= 4096:  # bounded, whatever hosts a long-running service meets
                self._seen.clear()
            found = self._seen[host] = self._allows_host(host)
        return found

    def _allows_host(self, host: str) -> bool:
        h = _normalize_host(host)
        if h in self.names or (self.suffixes and h.endswith(self.suffixes)):
            return True
        ip = parse_ip(h)
        return ip is not None and self.allows_ip(ip)

    def allows_ip(self, ip: IPAddress) -> bool:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip.version == net.version and ip in net for net in self.networks)


def blocked_message(host: str, address: str | None = None) -> str:
    where = f"{host} ({address})" if address and address != host else host
    return (
        f"refused to connect to {where}: private, loopback, link-local or metadata address; "
        f"if you run this host, add it to [fetch].allow_hosts"
    )


def check_literal(host: str, allow: AllowList) -> None:
    """Refuse a blocked IP-literal host (aiohttp does not pass literals to the resolver)."""
    ip = parse_ip(host)
    if ip is None or allow.allows_host(host):
        return
    if is_blocked_address(ip):
        raise BlockedAddressError(blocked_message(host))


class GuardedResolver(AbstractResolver):
    """Resolve with the default resolver, then refuse blocked addresses.

    Any blocked address in the answer refuses the whole host: a name that mixes
    public and private addresses is either misconfigured or an attack.
    """

    def __init__(self, allow: AllowList, inner: AbstractResolver | None = None) -> None:
        self._allow = allow
        self._inner = inner if inner is not None else DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self._allow.allows_host(host):
            return results
        for res in results:
            ip = parse_ip(res["host"])
            if ip is None or (is_blocked_address(ip) and not self._allow.allows_ip(ip)):
                raise BlockedAddressError(blocked_message(host, res["host"]))
        return results

    async def close(self) -> None:
        await self._inner.close()
