"""Run by tests/portal/test_embedded_default.py in a process of its own: the embedded
default that `make run` serves (SQLite, no Redis, eager tasks, DEBUG on), migrated and
seeded with the demo, then walked — the public pages and every page linked from each demo
login's dashboard, in English and Spanish. Prints each failure; exits 1 if any.

    DJANGO_DEBUG=true DATABASE_URL=sqlite:///… REDIS_URL= python tests/portal/embedded_walk.py
"""

import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techhire.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.core.i18n import localized  # noqa: E402
from apps.employers.models import Job  # noqa: E402
from apps.portal.management.commands.seed_demo import DEMO_DOMAIN  # noqa: E402
from apps.trainings.models import Program  # noqa: E402

LINK = re.compile(r'href="([^"#]+)"')
SKIP = ("/static/", "/admin/", "logout", "/accounts/", "/language/", "export", ".csv", ".zip")
PER_PERSONA = 50
LOGINS = ("staff", "seeker", "employer", "provider", "partner", "pending")  # README's


def browser() -> Client:
    """A client that reports a server error as its 500 response, like a browser sees it."""
    return Client(HTTP_HOST="localhost", raise_request_exception=False)


def links(html: str, base: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or any(s in parts.path for s in SKIP):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(client: Client, start: list[str], failures: list[str], who: str) -> int:
    seen, queue = set(), list(start)
    while queue and len(seen) < PER_PERSONA:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 500 or response.status_code in (404, 405):
            failures.append(f"{who}: GET {path} → {response.status_code}")
        elif path in start and response.status_code == 200:  # one level deep from these
            queue += links(response.content.decode(), path)
    return len(seen)


def main() -> int:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    job = Job.objects.published().first()
    program = Program.objects.published().first()
    public = [
        reverse("home"),
        reverse("employers:search"),
        reverse("employers:search") + "?q=python",
        reverse("employers:search") + "?q=analista+de+datos&sort=newest",
        reverse("trainings:catalog"),
        reverse("trainings:catalog") + "?q=datos&sort=soonest",
        reverse("employers:job", args=[job.slug]),
        reverse("trainings:program", args=[program.slug]),
    ]
    failures, walked = [], 0
    for language in ("en", "es"):
        start = [localized(path, language) for path in public]
        walked += walk(
            Client(HTTP_HOST="localhost", raise_request_exception=False),
            start,
            failures,
            f"anonymous ({language})",
        )
    for user in User.objects.filter(email__in=[f"{who}@{DEMO_DOMAIN}" for who in LOGINS]):
        for language in ("en", "es"):
            client = browser()
            client.force_login(user)
            start = [localized(path, language) for path in (reverse("dashboard"), *public[1:6])]
            walked += walk(client, start, failures, f"{user.email} ({language})")
    print(f"{walked} pages walked as {len(LOGINS)} demo logins and anonymously")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
