import pytest
import redis
from django.conf import settings
from django.urls import reverse

from apps.core import views

pytestmark = pytest.mark.django_db


def test_healthy_with_database_and_redis(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_redis_makes_it_unhealthy(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error")


def test_redis_is_optional(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "not configured"


def test_redis_connection_is_reused_between_checks(client, monkeypatch):
    """One client (and its pooled connection) per process, not a new one per request."""
    views.redis_client.cache_clear()
    made = []
    real = redis.Redis.from_url

    def counting(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(redis.Redis, "from_url", counting)
    for _ in range(3):
        assert client.get(reverse("healthz")).status_code == 200
    assert len(made) == 1
    pool = views.redis_client(settings.REDIS_URL).connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
