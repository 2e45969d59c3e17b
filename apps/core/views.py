"""The ground's pages: the root, health for the load balancer, the CSRF failure page."""

import functools

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import get_script_prefix
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe


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
@require_GET
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


@require_GET
def contact(request):
    """How to reach Workforce Solutions Borderplex: address, email and phone from settings."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "contact_address": settings.CONTACT_ADDRESS,
        # For tel: links, digits only (and a leading +).
        "contact_phone_link": "".join(c for c in settings.CONTACT_PHONE if c.isdigit() or c == "+"),
    }
    return TemplateResponse(request, "core/contact.html", context)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain, in the visitor's language."""
    return TemplateResponse(request, "403_csrf.html", status=403)
