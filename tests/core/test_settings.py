"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'mfa': settings.STAFF_MFA_REQUIRED, "
    "'debug': settings.DEBUG, 'ssl': settings.SECURE_SSL_REDIRECT, "
    "'email': settings.EMAIL_BACKEND}))"
)
OURS = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL", "STAFF_MFA", "SITE_URL")


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    clean.update(env, DJANGO_SETTINGS_MODULE="techhire.settings")
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_for(**env):
    result = run_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "env,missing",
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "s" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "x.example"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secret_and_hosts(env, missing):
    result = run_settings(**env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_defaults_are_safe():
    s = settings_for(DJANGO_SECRET_KEY="s" * 50, DJANGO_ALLOWED_HOSTS="portal.example")
    assert s["debug"] is False
    assert s["ssl"] is True
    assert s["mfa"] is True, "staff MFA must be on whenever DEBUG is off"
    assert s["email"].endswith("smtp.EmailBackend")


def test_embedded_default_needs_no_service():
    s = settings_for(DJANGO_DEBUG="true")
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"] == str(ROOT / "var" / "db.sqlite3")
    assert s["eager"] is True and s["broker"] == "memory://"
    assert s["cache"].endswith("LocMemCache")
    assert s["email"].endswith("console.EmailBackend")


def test_redis_url_sets_broker_and_cache():
    s = settings_for(
        DJANGO_DEBUG="true",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/techhire",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["broker"] == "redis://127.0.0.1:6379/3"
    assert s["eager"] is False
    assert s["cache"].endswith("RedisCache")


def test_demo_may_switch_staff_mfa_off_but_production_keeps_it_by_default():
    assert settings_for(DJANGO_DEBUG="true", STAFF_MFA_REQUIRED="false")["mfa"] is False
