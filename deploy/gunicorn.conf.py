"""gunicorn's settings for one app server: `python -m gunicorn -c deploy/gunicorn.conf.py`.

Used by deploy/systemd/reporting.service, and by the scale test (`make scale-test`).

Everything else comes from the environment (deploy/reporting.env.example). Started as a module
(`python -m gunicorn`), not with the `gunicorn` script, so each PDF render process does not load the script again.
"""

import os

from reporting.configuration import check_before_serving

wsgi_app = "reporting:create_app()"

# Where this server listens: loopback, or a private address only nginx can reach (nginx passes the visitor's
# address and scheme in headers the app trusts: TRUSTED_PROXIES). Several addresses: comma-separated.
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address.strip()]

# Sync workers; two per two cores served best in measurement (docs/performance.md).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
# A PDF may render for up to 120 s (reporting/pdf_renderer.py) before the app stops it.
timeout = 130
graceful_timeout = 30
# A worker is replaced after this many requests, so no slow growth of memory lasts.
max_requests = 2000
max_requests_jitter = 200

# The scheme and the visitor's address follow the app's TRUSTED_PROXIES alone (reporting/proxies.py): gunicorn
# must not turn X-Forwarded-Proto into HTTPS by itself, as it would for any request from 127.0.0.1.
forwarded_allow_ips = ""
secure_scheme_headers = {}

# nginx writes the access log (deploy/nginx/reporting.conf), with follow-up tokens and searches masked.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The master checks the settings once and stops with one line per problem, before any worker starts.
on_starting = check_before_serving
