"""Fixtures for the real-worker tests: an SMTP sink in this process, Celery workers in
subprocesses of their own, and a Redis database of their own for the broker.

The workers get a Redis database apart from the one the rest of the suite uses, because
every test's cache.clear() runs FLUSHDB there (tests/conftest.py): a parallel test run would
otherwise wipe the queue under a running worker. Only that database (14 on the suite's
Redis server, or WORKER_TEST_REDIS_URL) is flushed here.
"""

import asyncio
import contextlib
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.db import connection

from apps.notifications import delivery, sendrate
from techhire.celery import app as celery_app

# The Redis database the worker tests use as their broker (flushed before and after each).
WORKER_REDIS_DB = 14
NOTIFICATION_ID = re.compile(rb"^Message-ID:\s*<notification-(\d+)@", re.IGNORECASE | re.MULTILINE)


@pytest.fixture(autouse=True)
def _fresh_send_schedule():
    """No pause or reserved slot carries over from one test to the next."""
    sendrate.schedule().reset()
    yield
    sendrate.schedule().reset()


# ---------------------------------------------------------------------------
# The SMTP sink
# ---------------------------------------------------------------------------
class HoldingSink:
    """Counts the notifications it accepted (a 250 reply to DATA), by notification id, and
    notes when each arrived (`accepted_at`, monotonic seconds).

    `hold()` keeps every message arriving from then on waiting for the reply to DATA, so
    the sender is stuck in the middle of a delivery, until `release()`. A held message is
    never counted as accepted: it gets a 451, or its connection drops first.

    `throttle(seconds)` makes it answer as a busy relay does for that long (and for at least three
    tries): each message
    tried meanwhile is refused with 451 at MAIL FROM, 452 at RCPT TO or 421 at DATA (in
    turn; 421 also closes the connection). `throttled` counts those refusals.
    """

    REFUSALS = (
        ("MAIL", "451 4.7.1 Sending rate exceeded, slow down"),
        ("RCPT", "452 4.5.3 Too many recipients this minute"),
        ("DATA", "421 4.7.0 Too many messages, closing connection"),
    )

    def __init__(self):
        self._lock = threading.Lock()
        self._holding = threading.Event()
        self.accepted: Counter = Counter()
        self.accepted_at: list[float] = []
        self.held: list[int | None] = []
        self.port: int | None = None
        self._throttle_until = 0.0
        self._throttle_at_least = 0
        self.throttled: Counter = Counter()

    def throttle(self, seconds: float, *, at_least: int = 3) -> None:
        """Refuse for `seconds`, and in any case the next `at_least` tries (so each kind of
        refusal is met even when a loaded machine makes few tries in that time)."""
        self._throttle_until = time.monotonic() + seconds
        self._throttle_at_least = sum(self.throttled.values()) + at_least

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        envelope.refusal = None
        with self._lock:
            tried = sum(self.throttled.values())
            if time.monotonic() < self._throttle_until or tried < self._throttle_at_least:
                envelope.refusal = self.REFUSALS[tried % len(self.REFUSALS)]
                self.throttled[envelope.refusal[0]] += 1
        if envelope.refusal and envelope.refusal[0] == "MAIL":
            return envelope.refusal[1]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = getattr(envelope, "refusal", None)
        if refusal and refusal[0] == "RCPT":
            return refusal[1]
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    def hold(self) -> None:
        self._holding.set()

    def release(self) -> None:
        self._holding.clear()

    def snapshot(self) -> tuple[Counter, list]:
        with self._lock:
            return Counter(self.accepted), list(self.held)

    async def handle_DATA(self, server, session, envelope):
        refusal = getattr(envelope, "refusal", None)
        if refusal and refusal[0] == "DATA":
            return refusal[1]
        match = NOTIFICATION_ID.search(envelope.original_content or envelope.content)
        pk = int(match.group(1)) if match else None
        if self._holding.is_set():
            with self._lock:
                self.held.append(pk)
            # Cancelled by aiosmtpd when the client's connection drops (a killed worker).
            while self._holding.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.2 Held by the test; try again later"
        with self._lock:
            self.accepted[pk] += 1
            self.accepted_at.append(time.monotonic())
        return "250 2.0.0 Accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def holding_sink():
    # aiosmtpd logs every SMTP command at INFO: thousands of lines in a failure report.
    mail_log = logging.getLogger("mail.log")
    level = mail_log.level
    mail_log.setLevel(logging.WARNING)
    sink = HoldingSink()
    for attempt in range(5):
        sink.port = _free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
        try:
            controller.start()
            break
        except (OSError, RuntimeError):  # the free port was taken meanwhile
            if attempt == 4:
                raise
    yield sink
    sink.release()
    controller.stop()
    mail_log.setLevel(level)


# ---------------------------------------------------------------------------
# The broker: a Redis database of its own, used by this process too
# ---------------------------------------------------------------------------
def _worker_broker_url() -> str:
    configured = os.environ.get("WORKER_TEST_REDIS_URL")
    if configured:
        return configured
    base = urlsplit(django_settings.REDIS_URL or "redis://127.0.0.1:6379/0")
    return urlunsplit(base._replace(path=f"/{WORKER_REDIS_DB}"))


def _forget_broker_connections() -> None:
    # The app caches its connection and producer pools; forget them so the next task is
    # published through the broker URL configured now (as Celery does after a fork). The
    # pools stay in kombu's registry, keyed by URL, for the next time that URL is used.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker_broker():
    """Tasks enqueued by this process go to a real, empty Redis queue, not run eagerly."""
    url = _worker_broker_url()
    redis.Redis.from_url(url).flushdb()
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    _forget_broker_connections()
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    yield url
    _forget_broker_connections()
    celery_app.conf.update(saved)
    # A killed worker leaves its unacknowledged messages behind: leave nothing.
    redis.Redis.from_url(url).flushdb()


# ---------------------------------------------------------------------------
# Workers
# ---------------------------------------------------------------------------
def _test_database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


class WorkerProcess:
    """`celery worker` in a process group of its own, which only this object signals.

    The leader is never reaped before its group is signalled (liveness is checked with
    WNOWAIT), so the group id cannot have been reused by anybody else's process.
    """

    def __init__(self, *, env: dict, log_dir: str, concurrency: int = 2):
        self.name = f"test-{uuid.uuid4().hex[:10]}@{socket.gethostname()}"
        self.log_path = os.path.join(log_dir, f"{self.name.split('@')[0]}.log")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()/kill()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "techhire",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                self.name,
            ],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def running(self) -> bool:
        if self.proc.returncode is not None:
            return False
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, self.proc.pid, flags) is None

    def wait_ready(self, timeout: float = 45) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"worker {self.name} exited early:\n{self.output()}")
            if celery_app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise TimeoutError(f"worker {self.name} not ready after {timeout}s:\n{self.output()}")

    def _signal_group(self, signum: int) -> None:
        if self.proc.returncode is not None:
            return  # reaped: its group id is no longer ours to signal
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signum)

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, mid-whatever they do."""
        self._signal_group(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self._log.close()

    def stop(self, timeout: float = 10) -> None:
        """A warm shutdown, then SIGKILL for whatever of the group is left."""
        self._signal_group(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.kill()

    def output(self, last_lines: int = 200) -> str:
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as log:
            lines = log.read().decode("utf-8", "replace").splitlines()
        return "\n".join(lines[-last_lines:])


@pytest.fixture
def start_worker(transactional_db, worker_broker, holding_sink, settings):
    """Start a real worker against the test database, the worker broker and the sink.

    Claims expire after 3 s (NOTIFICATION_SENDING_LEASE) and the sweep has no grace period,
    here and in the workers, so a killed worker's rows are due again quickly.
    """
    settings.NOTIFICATION_SENDING_LEASE = 3
    settings.NOTIFICATION_SWEEP_GRACE = 0
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_BROKER", "PYTEST_", "COV_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="techhire.settings",
        DJANGO_READ_DOT_ENV="false",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=worker_broker,
        CELERY_TASK_ALWAYS_EAGER="false",
        EMAIL_URL=f"smtp://127.0.0.1:{holding_sink.port}",
        NOTIFICATION_SENDING_LEASE="3",
        NOTIFICATION_SWEEP_GRACE="0",
        PYTHONUNBUFFERED="1",
    )
    started: list[WorkerProcess] = []
    with tempfile.TemporaryDirectory(prefix="worker-test-") as log_dir:

        def start(*, concurrency: int = 2, **settings_env: str) -> WorkerProcess:
            """`settings_env`: more environment for the worker, e.g. NOTIFICATION_MAX_RATE."""
            worker = WorkerProcess(
                env={**env, **settings_env}, log_dir=log_dir, concurrency=concurrency
            )
            started.append(worker)
            worker.wait_ready()
            return worker

        try:
            yield start
        finally:
            for worker in started:
                worker.stop()
            # Shown by pytest only when the test failed.
            for worker in started:
                print(f"----- {worker.name} (exit {worker.proc.returncode}) -----")
                print(worker.output())
            delivery.drop_smtp_connection()
