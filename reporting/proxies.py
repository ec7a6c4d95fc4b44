"""Running behind proxies: with `TRUSTED_PROXIES` set, the client's address and scheme come from the proxies' headers.

A TLS-terminating proxy (nginx, a load balancer) connects to the app itself, so without this every
visitor would share the proxy's address: one person could use up the sign-in and reporting limits of
everyone. Werkzeug's `ProxyFix` takes the address from `X-Forwarded-For` and the scheme from
`X-Forwarded-Proto`, trusting only the last `TRUSTED_PROXIES` values (those the operator's own proxies
added); anything a client wrote in front of them is ignored. With 0 (the default) the headers are not
read at all, so a client cannot claim another address by sending them.

`X-Forwarded-Host` is never trusted: links printed on receipts (follow-up links and their QR codes) are
built from the host, and a proxy that passes the header on from the client would let anyone choose it.
Proxies pass the `Host` header on instead (nginx: `proxy_set_header Host $host`), or `PUBLIC_BASE_URL`
is set. The rate limits, the audit trail and the self-report protections all read `request.remote_addr`,
which is the corrected address.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def trusted_proxies(value) -> int:
    """The number of proxies in front of the app, from a setting: a whole number, 0 or more."""
    try:
        count = int(value or 0)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise RuntimeError(f"TRUSTED_PROXIES must be a whole number of proxies, 0 or more, not {value!r}")
    return count


def init_app(app: Flask) -> None:
    count = trusted_proxies(app.config.get("TRUSTED_PROXIES"))
    app.config["TRUSTED_PROXIES"] = count
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0, x_prefix=0)
