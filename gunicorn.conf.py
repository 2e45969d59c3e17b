"""gunicorn's settings for the Docker image and the compose stack (docs/security.md).

gunicorn reads ./gunicorn.conf.py from its working directory (/app in the image); the
commands also name it (`-c gunicorn.conf.py`) so nobody wonders. Values can be changed with
GUNICORN_* variables without rebuilding the image.

Limits, and where each one lives:
- the request line and headers: here (`limit_request_*`, gunicorn's defaults written out);
  a longer request line or more or larger headers get gunicorn's 400 before Django runs;
- the body: gunicorn has no body limit. Django refuses a body whose Content-Length is over
  the portal's limit (UPLOAD_MAX_REQUEST_SIZE for uploads, DATA_UPLOAD_MAX_MEMORY_SIZE for
  forms) with a 413 page before reading it (apps.core.middleware.RequestSizeLimitMiddleware).
  The bytes themselves still cross the network to gunicorn: in production, the reverse proxy
  or load balancer in front stops them (nginx `client_max_body_size 8m;`, Caddy
  `request_body { max_size 8MB }`, or the platform's equivalent);
- the `Server` header: gunicorn always sends `Server: gunicorn` (no version) and has no
  setting to leave it out; Django adds none. The proxy in front can drop it
  (nginx `proxy_hide_header Server;` with `server_tokens off;`).
"""

import os

# Inside the container: every interface, published by compose on localhost:8000.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# A request slower than this (a stuck upload, a slow client) frees its worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))

limit_request_line = 4094  # bytes in the request line (method, path and query)
limit_request_fields = 100  # headers per request
limit_request_field_size = 8190  # bytes per header
