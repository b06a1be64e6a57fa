"""The client's address, as the lockout counts it (``AXES_CLIENT_IP_CALLABLE``).

Behind ``TRUSTED_PROXIES`` reverse proxies, each of which appends the address it received the
request from to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``, Caddy's default),
the client is the address the outermost trusted proxy saw: counted from the right of the chain
``X-Forwarded-For`` + ``REMOTE_ADDR``, past the trusted hops. Whatever a client writes into the
header itself stays on the left and is never read, so a forged header cannot dodge a lockout.
With ``TRUSTED_PROXIES=0`` the header is ignored altogether.

Written here rather than with django-ipware: its proxy count expects the proxies' own addresses
in the header, so behind one nginx it finds no client address at all.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[::1]:1234" or "[::1]"
        value = value[1 : value.index("]")]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return _address(remote)
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    # Fewer entries than trusted hops: the request did not come through every proxy; the
    # farthest address known is the best there is.
    found = chain[max(len(chain) - 1 - proxies, 0)]
    return _address(found) or _address(remote)
