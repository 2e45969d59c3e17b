"""Make sure PostgreSQL and Redis answer for `make test`.

`start`: for each of DATABASE_URL and REDIS_URL (defaults: localhost), do nothing if a server
answers; otherwise, if the server programs are installed, start a throwaway one on that port
with its data under a temporary folder; otherwise stop with one line saying what to install.
`stop`: stop only the servers `start` started.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

STATE = Path(__file__).resolve().parent.parent / "var" / "services"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/techhire"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(host: str, port: int, what: str, seconds: int = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(host, port):
            return
        time.sleep(0.25)
    sys.exit(f"{what} was started but does not answer on {host}:{port}; see {STATE}")


def postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_postgres(url) -> None:
    host, port = url.hostname or "127.0.0.1", url.port or 5432
    if answers(host, port):
        return
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        sys.exit(
            f"PostgreSQL does not answer on {host}:{port}: install it "
            "(Debian: apt-get install postgresql) or set DATABASE_URL."
        )
    data = Path(tempfile.mkdtemp(prefix="techhire-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    user = url.username or "postgres"
    print(f"Starting a throwaway PostgreSQL on {host}:{port} in {data}")
    subprocess.run(
        as_postgres_user([initdb, "-D", str(data), "-U", user, "-A", "trust", "--no-sync"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -c listen_addresses={host} -k {data} -c fsync=off"
    subprocess.run(
        as_postgres_user(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wait_for(host, port, "PostgreSQL")
    (STATE / "postgres").write_text(f"{pg_ctl}\n{data}\n")


def start_redis(url) -> None:
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    if answers(host, port):
        return
    server = shutil.which("redis-server")
    if not server:
        sys.exit(
            f"Redis does not answer on {host}:{port}: install it "
            "(Debian: apt-get install redis-server) or set REDIS_URL."
        )
    data = Path(tempfile.mkdtemp(prefix="techhire-redis-"))
    print(f"Starting a throwaway Redis on {host}:{port}")
    pidfile = data / "redis.pid"
    subprocess.run(
        [
            server,
            "--port",
            str(port),
            "--bind",
            host,
            "--daemonize",
            "yes",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data),
            "--pidfile",
            str(pidfile),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wait_for(host, port, "Redis")
    (STATE / "redis").write_text(f"{pidfile}\n{data}\n")


def stop() -> None:
    pg = STATE / "postgres"
    if pg.exists():
        pg_ctl, data = pg.read_text().split()
        subprocess.run(
            as_postgres_user([pg_ctl, "-D", data, "-m", "fast", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(data, ignore_errors=True)
        pg.unlink()
    rd = STATE / "redis"
    if rd.exists():
        pidfile, data = rd.read_text().split()
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(Path(pidfile).read_text()), 15)
        shutil.rmtree(data, ignore_errors=True)
        rd.unlink()


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    STATE.mkdir(parents=True, exist_ok=True)
    if command == "stop":
        stop()
        return
    start_postgres(urlparse(os.environ.get("DATABASE_URL") or DEFAULT_DB))
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    if redis_url:
        start_redis(urlparse(redis_url))


if __name__ == "__main__":
    main()
