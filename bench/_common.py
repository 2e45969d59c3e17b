"""What the bench scripts share (they run as `python bench/<name>.py`, so this folder is on
sys.path and they import it as `_common`)."""

import http.client
import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def _server(database_url: str):
    """(a connection to the server's `postgres` database, the benchmark database's name)."""
    import psycopg

    url = urlsplit(database_url)
    with psycopg.connect(
        host=url.hostname or "localhost",
        port=url.port or 5432,
        user=unquote(url.username or "postgres"),
        password=unquote(url.password or "") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        yield conn, unquote(url.path.lstrip("/"))


def ensure_database(database_url: str) -> None:
    """Create the benchmark's PostgreSQL database if it does not exist yet."""
    from psycopg import sql

    with _server(database_url) as (conn, name):
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(database_url: str) -> None:
    from psycopg import sql

    with _server(database_url) as (conn, name):
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))


def recreate_database(database_url: str) -> None:
    drop_database(database_url)
    ensure_database(database_url)


def start_gunicorn(env: dict, port: int, *, ready_path: str) -> subprocess.Popen:
    """gunicorn (2 sync workers) on 127.0.0.1:`port` with `env`, once `ready_path` answers."""
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "techhire.wsgi:application",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", ready_path, headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")
