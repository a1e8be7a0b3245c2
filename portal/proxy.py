"""The address of the person behind a request, when the portal runs behind a reverse proxy.

Behind the documented proxy every request comes from the proxy's own address (REMOTE_ADDR), so
keying sign-in lockouts (django-axes) on it would let anyone lock any staff account out for
everybody. The proxy appends the address it saw to X-Forwarded-For; a client can write anything
before that. So the client is the rightmost address of X-Forwarded-For that is not one of our own
proxies (TRUSTED_PROXIES), and a request that did not come through a trusted proxy is taken at its
REMOTE_ADDR, whatever headers it sends.
"""

import ipaddress

from django.conf import settings


def _networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _is_trusted(address, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address as described above."""
    remote = request.META.get("REMOTE_ADDR")
    networks = _networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if _is_trusted(address, networks):
            continue
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:  # garbage written by the client: it is the client's doing
            return remote
    return remote
