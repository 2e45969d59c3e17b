"""Benchmark: notification emails through a real Celery worker, with and without a rate cap.

    .venv/bin/python bench/notifications_delivery.py [--count 10000] [--rate 50]
                                                     [--capped-count 500] [--concurrency 2]

Queues notifications the way the portal does (one `notify_many()` fan-out, delivery
enqueued in batches after commit) and lets a real `celery worker` subprocess deliver them
to a local aiosmtpd sink running in a process of its own, twice:

1. with no cap (`NOTIFICATION_MAX_RATE=0`): the worker's throughput, messages per second;
2. with `NOTIFICATION_MAX_RATE=--rate`: the rate the sink actually received at, which must
   not pass the cap (and is "at the cap" within 10% under it, when the machine is fast
   enough for the cap, not the worker, to set the pace).

Both runs check that every notification arrived exactly once.

It needs PostgreSQL and Redis. It works in a database and a Redis database of its own,
which it empties: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/techhire_bench,
created if missing) and BENCH_REDIS_URL (default redis://127.0.0.1:6379/3). The ambient
DATABASE_URL and REDIS_URL are deliberately ignored, so it never empties a real outbox.
Exit status: 0 when delivery was exactly once and the cap held, 1 otherwise.
"""

import argparse
import bisect
import contextlib
import multiprocessing
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _common import ensure_database

ROOT = Path(__file__).resolve().parent.parent
# The link as the portal stores it since pages have language prefixes: reverse() under the
# sender's language (delivery moves it to each reader's). An unprefixed path would take
# the slower fallback kept for notifications made before the prefixes.
CONTEXT = {"organization_name": "Desert Data", "url": "/en/dashboard/"}
KIND = "organization_approved"
# The cap holds when the rate received is at most the cap (+2% for the clocks); at least
# 90% of it is "at the cap" (below: the worker, not the cap, set the pace).
CAP_TOLERANCE = (0.90, 1.02)


# ---------------------------------------------------------------------------
# The SMTP sink, in a process of its own
# ---------------------------------------------------------------------------
def run_sink(port, ready, stop, counters, accepted_at):
    """Accept everything; count connections, messages and distinct Message-IDs, and note
    when each message was accepted (`time.monotonic()`, the same clock in every process)."""
    import logging
    import time

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    connections, accepted, distinct = counters
    seen = set()

    def add(counter, n=1):
        with counter.get_lock():
            counter.value += n

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            content = envelope.content
            start = content.find(b"Message-ID:")
            message_id = content[start : content.find(b"\n", start)].strip()
            with accepted.get_lock():
                if accepted.value < len(accepted_at):
                    accepted_at[accepted.value] = time.monotonic()
                accepted.value += 1
            if message_id not in seen:
                seen.add(message_id)
                add(distinct)
            return "250 2.0.0 Accepted"

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            add(connections)
            super().connection_made(transport)

    class CountingController(Controller):
        def factory(self):
            return CountingSMTP(self.handler, **self.SMTP_kwargs)

    controller = CountingController(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class Sink:
    """The sink process, and its counters: (connections, accepted, distinct Message-IDs)."""

    def __init__(self, capacity: int):
        context = multiprocessing.get_context("spawn")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._counters = tuple(context.Value("q", 0) for _ in range(3))
        self._accepted_at = context.Array("d", capacity)
        self._ready, self._stop = context.Event(), context.Event()
        self.process = context.Process(
            target=run_sink,
            args=(self.port, self._ready, self._stop, self._counters, self._accepted_at),
            daemon=True,
        )

    def __enter__(self):
        self.process.start()
        if not self._ready.wait(30):
            raise RuntimeError("the SMTP sink did not start")
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()

    def counts(self) -> tuple[int, int, int]:
        """(connections, accepted messages, distinct Message-IDs) so far."""
        return tuple(counter.value for counter in self._counters)

    def accepted(self) -> int:
        return self._counters[1].value

    def accepted_times(self, first: int, last: int) -> list[float]:
        """When messages number `first` to `last` (exclusive) were accepted."""
        with self._counters[1].get_lock():
            return list(self._accepted_at[first:last])


# ---------------------------------------------------------------------------
# Environment: a database and a Redis database of the benchmark's own
# ---------------------------------------------------------------------------
def configure(database_url: str, redis_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="techhire.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=f"bench-only-{uuid.uuid4().hex}",
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_HTTPS="false",
        DJANGO_READ_DOT_ENV="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    sys.path.insert(0, str(ROOT))


def bench_users(count: int):
    from apps.accounts.models import User

    emails = [f"bench-{i}@people.example" for i in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = []
    for i, email in enumerate(emails):
        if email not in existing:
            user = User(email=email, preferred_language=("en", "es")[i % 2])
            user.set_unusable_password()
            missing.append(user)
    User.objects.bulk_create(missing, batch_size=2000, ignore_conflicts=True)
    return list(User.objects.filter(email__in=emails).order_by("pk"))


def empty_outbox() -> None:
    from django.db import connection

    from apps.notifications.models import Digest, Notification

    with connection.cursor() as cursor:
        tables = ", ".join(m._meta.db_table for m in (Notification, Digest))
        cursor.execute(f"TRUNCATE {tables}")  # noqa: S608 - model table names


# ---------------------------------------------------------------------------
# A run: a real worker delivers one fan-out
# ---------------------------------------------------------------------------
class Worker:
    """`celery worker` in its own process group, stopped (and if need be killed) at exit."""

    def __init__(self, *, env: dict, concurrency: int, log_path: str):
        self.name = f"bench-{uuid.uuid4().hex[:10]}@{socket.gethostname()}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "techhire",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                self.name,
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def running(self) -> bool:
        if self.proc.returncode is not None:
            return False
        # WNOWAIT: the leader is never reaped before its group is signalled.
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, self.proc.pid, flags) is None

    def wait_ready(self, app, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"the worker exited:\n{self.output()}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise RuntimeError(f"the worker was not ready after {timeout}s:\n{self.output()}")

    def _signal_group(self, signum: int) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signum)

    def stop(self, timeout: float = 15) -> None:
        self._signal_group(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        self._signal_group(signal.SIGKILL)
        self.proc.wait(10)
        self._log.close()

    def output(self, last_lines: int = 60) -> str:
        if not self._log.closed:
            self._log.flush()
        lines = Path(self.log_path).read_text(errors="replace").splitlines()
        return "\n".join(lines[-last_lines:])


def worker_run(*, sink: Sink, users, concurrency: int, max_rate: float) -> dict:
    """Queue one notification per user, let a real worker deliver them; what happened."""
    from django.db import transaction
    from django.db.models import Count

    from apps.notifications.models import Notification, Status
    from apps.notifications.services import Message, notify_many
    from techhire.celery import app

    empty_outbox()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_BROKER")}
    env.update(
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        NOTIFICATION_MAX_RATE=str(max_rate),
        PYTHONUNBUFFERED="1",
    )
    count = len(users)
    run = uuid.uuid4().hex[:8]
    with tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log", delete=False) as f:
        log_path = f.name
    worker = Worker(env=env, concurrency=concurrency, log_path=log_path)
    try:
        worker.wait_ready(app)
        before = sink.counts()
        messages = [Message(u, KIND, f"bench-{run}-{u.pk}", CONTEXT) for u in users]
        with transaction.atomic():
            notify_many(messages)
            start = time.perf_counter()  # delivery is enqueued when this block commits
        progress, progress_at = 0, time.monotonic()
        while sink.accepted() - before[1] < count:
            time.sleep(0.05)
            done = sink.accepted() - before[1]
            if done != progress:
                progress, progress_at = done, time.monotonic()
            elif time.monotonic() - progress_at > 60 or not worker.running():
                raise RuntimeError(
                    f"delivery stalled at {done}/{count} messages:\n{worker.output()}"
                )
        while Notification.objects.filter(status=Status.SENT).count() < count:
            if time.monotonic() - progress_at > 60:
                raise RuntimeError(f"rows not marked sent:\n{worker.output()}")
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    finally:
        worker.stop()
        os.unlink(log_path)
    connections, accepted, distinct = (b - a for a, b in zip(before, sink.counts(), strict=True))
    times = sorted(sink.accepted_times(before[1], before[1] + count))
    rows = dict(Notification.objects.values_list("status").annotate(n=Count("pk")))
    return {
        "count": count,
        "seconds": seconds,
        "rate": count / seconds,
        # As the relay sees it: messages after the first ÷ time from the first to the last.
        "received_rate": (count - 1) / (times[-1] - times[0]) if count > 1 else 0.0,
        "busiest_second": max(bisect.bisect_left(times, t + 1) - i for i, t in enumerate(times)),
        "connections": connections,
        "exactly_once": accepted == distinct == count and rows == {"sent": count},
        "delivery": f"{accepted} accepted, {distinct} distinct, rows {rows}, "
        f"{Notification.objects.filter(attempts__gt=1).count()} retried",
    }


def table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    line = " | ".join("{:<%d}" % w for w in widths)  # noqa: UP031 - a format of formats
    out = [line.format(*rows[0]), "-+-".join("-" * w for w in widths)]
    return "\n".join(out + [line.format(*row) for row in rows[1:]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="notifications, no cap")
    parser.add_argument("--rate", type=float, default=50, help="the cap of the second run")
    parser.add_argument(
        "--capped-count", type=int, default=500, help="notifications in the capped run"
    )
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/techhire_bench"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")

    configure(database_url, redis_url)
    ensure_database(database_url)
    import django
    import redis

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    redis.Redis.from_url(redis_url).flushdb()  # the benchmark's own broker database
    users = bench_users(max(args.count, args.capped_count))

    with Sink(capacity=args.count + args.capped_count) as sink:
        free = worker_run(
            sink=sink, users=users[: args.count], concurrency=args.concurrency, max_rate=0
        )
        capped = worker_run(
            sink=sink,
            users=users[: args.capped_count],
            concurrency=args.concurrency,
            max_rate=args.rate,
        )
    low, high = (args.rate * bound for bound in CAP_TOLERANCE)
    held = capped["received_rate"] <= high
    pace = "at the cap" if capped["received_rate"] >= low else "below the cap: the worker set it"
    exactly_once = free["exactly_once"] and capped["exactly_once"]
    print(
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"worker --concurrency={args.concurrency}, {time.strftime('%Y-%m-%d')}\n"
    )
    print(
        table(
            [
                ("measure", "no cap", f"NOTIFICATION_MAX_RATE={args.rate:g}"),
                ("messages", f"{free['count']}", f"{capped['count']}"),
                ("seconds", f"{free['seconds']:.2f}", f"{capped['seconds']:.2f}"),
                ("worker rate (msg/s)", f"{free['rate']:.0f}", f"{capped['rate']:.1f}"),
                (
                    "rate received (msg/s)",
                    f"{free['received_rate']:.0f}",
                    f"{capped['received_rate']:.1f}",
                ),
                (
                    "busiest second (msgs)",
                    f"{free['busiest_second']}",
                    f"{capped['busiest_second']}",
                ),
                ("SMTP connections", f"{free['connections']}", f"{capped['connections']}"),
                ("cap held", "-", f"≤ {high:.1f} msg/s → {'PASS' if held else 'FAIL'}"),
                ("pace", "-", pace),
                (
                    "exactly once",
                    "yes" if free["exactly_once"] else "NO",
                    "yes" if capped["exactly_once"] else "NO",
                ),
            ]
        )
    )
    print(f"\nno cap: {free['delivery']}\ncapped: {capped['delivery']}")
    return 0 if held and exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())
