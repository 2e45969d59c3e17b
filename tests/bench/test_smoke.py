"""The benchmarks under bench/ still run: each one as `make bench…` runs it, at a tiny size.

These prove that a bench gets through its whole run (migrate, seed, measure, print its
table) after schema or address changes, not its numbers: at these sizes the targets mean
nothing, so exit status 1 (a target missed) passes, a traceback does not.

All of them share one database, `<DATABASE_URL's database>_bench_smoke` on its server
(BENCH_SMOKE_DATABASE_URL overrides it), created if missing, and one Redis database,
BENCH_SMOKE_REDIS_DB (default 12) on REDIS_URL's server: the suite itself uses REDIS_URL's
database and 14 (tests/notifications/conftest.py), the benches' own defaults 3 and 4.

bench/lighthouse.py is left out, too slow for the suite: before its first page it migrates a
new database, loads the demo data and collects static files into a new folder (about 20 s
on a 2-core machine for migrate and collectstatic alone), then runs Lighthouse in Chromium,
with a 4x CPU slowdown, on ten pages.
"""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 240  # seconds for one bench; each takes 3 to 20 here


def bench_database_url() -> str:
    configured = os.environ.get("BENCH_SMOKE_DATABASE_URL")
    if configured:
        return configured
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path=f"{url.path}_bench_smoke"))


def bench_redis_url() -> str:
    url = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return urlunsplit(url._replace(path=f"/{os.environ.get('BENCH_SMOKE_REDIS_DB', '12')}"))


def bench_environment() -> dict:
    """A shell's environment as `make bench…` sees it: none of the suite's settings (a bench
    that forgot to set one would otherwise use the suite's database or Redis)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"} and not key.startswith(("DJANGO_", "CELERY_"))
    }
    database, redis = bench_database_url(), bench_redis_url()
    env.update(
        BENCH_DATABASE_URL=database,  # search and notifications
        BENCH_MATCHING_DATABASE_URL=database,
        BENCH_GOALS_DATABASE_URL=database,
        BENCH_REDIS_URL=redis,  # search and notifications
        PYTHONUNBUFFERED="1",
    )
    return env


# (script, tiny arguments, what its output must show). The goal dashboard comes first: it
# drops and recreates the shared database, so the others find it migrated.
BENCHES = [
    (
        "goals_dashboard.py",
        ["--seekers", "2000", "--applications", "10000", "--hires", "500"]
        + ["--requests", "3", "--seconds", "0.2"],
        [
            r"^snapshot recompute: tenth / full ",
            r"^feed / healthz ",
            r"^(every target met|targets missed)",
        ],
    ),
    (
        "search.py",
        ["--sizes", "30", "--runs", "1", "--seconds", "0.3"],
        [r"^\| case \| 30 median / p95 ms \|", r"^\| catalog `developer \+ skill` \|"],
    ),
    (
        "matching.py",
        ["--seekers", "400", "--small", "200", "--jobs", "40", "--cohorts", "20"]
        + ["--naive-sample", "20", "--runs", "1"],
        [r"^measure +\| value$", r"^fan-out at 400 seekers ", r"^talent matches \(median\) "],
    ),
    (
        "notifications_delivery.py",
        ["--count", "40", "--capped-count", "20"],
        # Delivering each message exactly once is not a number: it must hold at any size.
        [r"^measure +\| no cap +\| NOTIFICATION_MAX_RATE=", r"^exactly once +\| yes +\| yes"],
    ),
]


@pytest.mark.parametrize(
    "script,arguments,expected", BENCHES, ids=[name.removesuffix(".py") for name, *_ in BENCHES]
)
def test_bench_runs_to_its_table(script, arguments, expected):
    command = [sys.executable, str(ROOT / "bench" / script), *arguments]
    # A group of its own, so that a bench stuck past the timeout goes with its gunicorn.
    bench = subprocess.Popen(  # noqa: S603 - our interpreter, our script
        command,
        cwd=ROOT,
        env=bench_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = bench.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(bench.pid, signal.SIGKILL)
        output, _ = bench.communicate()
        pytest.fail(f"{script} still ran after {TIMEOUT} s:\n{tail(output)}")

    assert bench.returncode in (0, 1), f"{script} exited {bench.returncode}:\n{tail(output)}"
    assert "Traceback" not in output, f"{script} raised:\n{tail(output)}"
    for pattern in expected:
        assert re.search(pattern, output, re.MULTILINE), (
            f"{script} printed no line matching {pattern!r}:\n{tail(output)}"
        )


def tail(output: str, lines: int = 40) -> str:
    return "\n".join(output.splitlines()[-lines:])
