"""The ground's pages: the root, health for the load balancer, contact, security.txt, and
the CSRF failure page."""

import functools
from datetime import timedelta

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
def root(request):
    """`/`: the home page in the person's language — the one saved on their account, else
    the language cookie, else the browser's (LanguagePrefixMiddleware and
    UserLanguageMiddleware have picked it). A temporary redirect: it differs by person."""
    query = request.GET.urlencode()
    target = f"{get_script_prefix()}{get_language()}/" + (f"?{query}" if query else "")
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@functools.cache
def redis_client(url: str) -> redis.Redis:
    """One client per process: its connection pool keeps the connection between checks
    (a new connection per request held /healthz to a fraction of a plain view's speed).
    The database check uses Django's persistent connection (CONN_MAX_AGE)."""
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


@never_cache
@require_safe
def healthz(request):
    """Liveness for the load balancer: the database, and Redis when configured."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            redis_client(settings.REDIS_URL).ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["redis"] = f"error: {exc.__class__.__name__}"
    else:
        checks["redis"] = "not configured"
    healthy = all(v in ("ok", "not configured") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@require_safe
def contact(request):
    """How to reach Workforce Solutions Borderplex: address, email and phone from settings."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "contact_address": settings.CONTACT_ADDRESS,
        "security_email": settings.SECURITY_CONTACT_EMAIL,
        # For tel: links, digits only (and a leading +).
        "contact_phone_link": "".join(c for c in settings.CONTACT_PHONE if c.isdigit() or c == "+"),
    }
    return TemplateResponse(request, "core/contact.html", context)


# security.txt (RFC 9116) must say until when it is valid, less than a year ahead: it is
# written on each request, valid for this long.
SECURITY_TXT_VALID_DAYS = 180


@require_safe
def security_txt(request):
    """How to report a security problem (RFC 9116), at /.well-known/security.txt."""
    expires = (timezone.now() + timedelta(days=SECURITY_TXT_VALID_DAYS)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en, es",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain, in the visitor's language."""
    return TemplateResponse(request, "403_csrf.html", status=403)
