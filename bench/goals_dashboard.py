"""Benchmark: the goal dashboard, the snapshot recompute and the public feed at volume.

    .venv/bin/python bench/goals_dashboard.py [--seekers 100000] [--applications 1000000]
        [--hires 50000] [--requests 30] [--seconds 10]

Fills a database of its own (BENCH_GOALS_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/techhire_bench_goals; emptied and migrated first) with
a tenth of the volume through the set-based generator in bench/goals_data.py, computes the
goal's snapshot and measures the staff dashboard (server time and query count); then adds
the other nine tenths and measures again: the recompute time of one goal's snapshot, the
dashboard's median server time and its query count (which must not grow), and, under
gunicorn (2 workers) in the same run, the requests per second of the public feed
(/progress.json) and of /healthz. Targets: dashboard median ≤ 200 ms, equal query counts,
recompute ≤ 15 s, feed ≥ 50% of /healthz. Exit status 1 when a target is missed.
"""

import argparse
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date
from pathlib import Path

from _common import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_DASHBOARD_MS = 200
TARGET_RECOMPUTE_S = 15
TARGET_FEED_RATIO = 0.50


def configure(database_url: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "techhire.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": f"bench-only-{uuid.uuid4().hex}",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "STAFF_MFA_REQUIRED": "false",
    }
    os.environ.update(env)
    return env


def measure_dashboard(requests: int) -> tuple[float, int]:
    """(median milliseconds, queries) of GET /staff/goal/ as staff, in this process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from apps.accounts.models import Role, User

    # Serve templates' static URLs without a collected manifest (no collectstatic here).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    staff, _ = User.objects.get_or_create(
        email="bench-staff@people.example", defaults={"role": Role.STAFF}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    dashboard = reverse("goals:dashboard")
    assert client.get(dashboard).status_code == 200  # warm up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(dashboard).status_code == 200
    queries = len(captured)  # now: the next requests empty Django's query log
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(dashboard)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return statistics.median(times), queries


def recompute() -> float:
    from apps.goals import snapshots
    from apps.goals.models import Goal

    goal = Goal.objects.get(name="Reboot El Paso")
    began = time.perf_counter()
    snapshots.refresh_snapshot(goal=goal)
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(port: int, path: str, seconds: float, threads: int = 4) -> float:
    """Requests per second of GET `path` from `threads` keep-alive clients for `seconds`."""
    counts = [0] * threads
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            conn.request("GET", path, headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            counts[n] += 1
        conn.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    began = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / (time.monotonic() - began)


def measure_http(env: dict, seconds: float) -> tuple[float, float]:
    """(feed req/s, healthz req/s) under gunicorn with 2 sync workers, alternating rounds."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "techhire.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz", headers={"Host": "localhost"})
                if conn.getresponse().status == 200:
                    conn.close()
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer")
            time.sleep(0.3)
        for path in ("/healthz", "/progress.json"):  # both answer, and warm up
            hammer(port, path, 1)
        feed, health = [], []
        for _ in range(2):
            health.append(hammer(port, "/healthz", seconds))
            feed.append(hammer(port, "/progress.json", seconds))
        return max(feed), max(health)
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--hires", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=30, help="dashboard requests timed")
    parser.add_argument("--seconds", type=float, default=10, help="length of each HTTP round")
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_GOALS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/techhire_bench_goals"
    )
    env = configure(database_url)
    recreate_database(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True
    )

    import django

    django.setup()
    from django.db import connection
    from goals_data import generate  # bench/ is on sys.path when run as a script

    tenth = {k: getattr(args, k) // 10 for k in ("seekers", "applications", "hires")}
    rest = {k: getattr(args, k) - tenth[k] for k in tenth}
    began = time.perf_counter()
    generate(connection, batch="a", **tenth)
    fill_small = time.perf_counter() - began
    recompute_small = recompute()
    small_ms, small_queries = measure_dashboard(args.requests)

    began = time.perf_counter()
    generate(connection, batch="b", **rest)
    fill_rest = time.perf_counter() - began
    recompute_full = recompute()
    full_ms, full_queries = measure_dashboard(args.requests)
    connection.close()
    feed_rps, health_rps = measure_http(env, args.seconds)

    from apps.goals.models import GoalSnapshot

    snapshot = GoalSnapshot.objects.order_by("-computed_at").first()
    ratio = feed_rps / health_rps if health_rps else 0
    rows = [
        (
            "machine",
            f"{os.cpu_count()} cores, {platform.python_implementation()} "
            f"{platform.python_version()}, {date.today().isoformat()}",
        ),
        (
            "data (full)",
            f"{args.seekers:,} seekers, {args.applications:,} applications, {args.hires:,} hires",
        ),
        ("fill: a tenth / the rest", f"{fill_small:.1f} s / {fill_rest:.1f} s"),
        ("people counted / jobs filled", f"{snapshot.people:,} / {snapshot.jobs_filled:,}"),
        (
            "snapshot recompute: tenth / full",
            f"{recompute_small:.2f} s / {recompute_full:.2f} s (target ≤ {TARGET_RECOMPUTE_S} s)",
        ),
        (
            "dashboard median: tenth / full",
            f"{small_ms:.0f} ms / {full_ms:.0f} ms (target ≤ {TARGET_DASHBOARD_MS} ms)",
        ),
        ("dashboard queries: tenth / full", f"{small_queries} / {full_queries} (must be equal)"),
        ("/progress.json req/s", f"{feed_rps:.0f}"),
        ("/healthz req/s", f"{health_rps:.0f}"),
        ("feed / healthz", f"{ratio:.0%} (target ≥ {TARGET_FEED_RATIO:.0%})"),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    missed = [
        name
        for name, ok in [
            ("recompute", recompute_full <= TARGET_RECOMPUTE_S),
            ("dashboard time", full_ms <= TARGET_DASHBOARD_MS),
            ("query count", small_queries == full_queries),
            ("feed ratio", ratio >= TARGET_FEED_RATIO),
        ]
        if not ok
    ]
    print("targets missed: " + ", ".join(missed) if missed else "every target met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
