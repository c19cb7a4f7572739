"""The one place that decides which address a request came from.

Rate limits and login lockout key on this. Behind N trusted proxies (nginx, a load
balancer) each proxy appends the address it saw to `X-Forwarded-For`, so the
client is the N-th entry from the right; anything further left was written by the
client and cannot be trusted. With no trusted proxy the header is ignored.
"""

import ipaddress

from django.conf import settings


def get_client_address(request) -> str:
    """The client's IP address as text, normalised ("" when none can be found)."""
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if trusted > 0:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        # Fewer hops than proxies means the request skipped a proxy: the socket
        # address is the most honest thing left.
        if len(hops) >= trusted:
            address = hops[-trusted]
    return _normalise(address)


def get_client_network(request) -> str:
    """The address as a rate-limit key: IPv4 per address, IPv6 per /64.

    One IPv6 subscriber is usually handed a whole /64, so counting single IPv6
    addresses would let one client rotate through millions of them.
    """
    address = get_client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _normalise(address: str) -> str:
    address = address.strip()
    if address.startswith("[") and "]" in address:
        address = address[1 : address.index("]")]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        # "unknown", an obfuscated nginx identifier or junk: never trusted as an IP.
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ip)
