"""`make run`'s embedded default works as a newcomer meets it: SQLite, no Redis, tasks run
eagerly, DEBUG on, the demo loaded. The rest of the suite runs on PostgreSQL, so a
PostgreSQL-only statement would pass it and still break the first page a newcomer opens
(it did: the job search's count). tests/portal/embedded_walk.py walks the public pages and
each demo login's pages in both languages in a process of its own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_embedded_default_serves_every_demo_page(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_"))
    }
    env |= {  # the Makefile's EMBEDDED settings
        "DJANGO_DEBUG": "true",
        "DJANGO_READ_DOT_ENV": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "EMAIL_URL": "consolemail://",
        "STAFF_MFA_REQUIRED": "false",
    }
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "tests" / "portal" / "embedded_walk.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = [line for line in done.stdout.splitlines() if line.startswith(("FAIL", "Traceback"))]
    assert done.returncode == 0, "\n".join(report or done.stderr.splitlines()[-30:])
    assert "pages walked" in done.stdout
