"""Helpers shared by the reminder tests: pinned days, the demo partners, a real SMTP server,
and subprocesses (``manage.py``, Celery worker and beat) pointed at the test database."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import get_commands
from django.db import connection

from crm.core.models import User
from crm.outbox import notifications
from crm.outbox.models import Notification
from relations.models import Agreement, Partner
from tests.factories import AgreementFactory, PartnerFactory, UserFactory

TAIPEI = ZoneInfo("Asia/Taipei")
BASE_DIR = Path(settings.BASE_DIR)


# --- Days -----------------------------------------------------------------------------------


def at(day: dt.date, hour: int = 6, minute: int = 0) -> dt.datetime:
    """``day`` at ``hour``:``minute`` Taipei time (the scan runs at 06:00 by default)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TAIPEI)


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def run_day(day: dt.date, *, hour: int = 6) -> list:
    """The scheduled job on ``day``: scan, then deliver what is due. Returns the emails sent."""
    before = len(mail.outbox)
    with time_machine.travel(at(day, hour), tick=False):
        notifications.scan(today=day)
        for pk in notifications.due_ids():
            notifications.deliver(pk)
    return mail.outbox[before:]


def notification_of(message) -> Notification:
    return Notification.objects.get(pk=int(message.extra_headers["X-CRM-Notification"]))


# --- People and partners --------------------------------------------------------------------


def manager_emails() -> set[str]:
    """The managers with an email address: every anniversary reminder goes to them too."""
    return set(
        User.objects.filter(groups__name="manager", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def sister_cities() -> dict[str, Agreement]:
    """Tacoma (signed 2000-07-19) and San Diego (1983-11-19) with a desk officer and a manager.

    From the demo data (``load_demo``) when that command exists, else made with factories.
    """
    if "load_demo" in get_commands():
        from django.core.management import call_command

        call_command("load_demo", verbosity=0)
    found = {
        "tacoma": Agreement.objects.filter(
            partner__name="Tacoma", signed_on=dt.date(2000, 7, 19)
        ).first(),
        "san_diego": Agreement.objects.filter(
            partner__name="San Diego", signed_on=dt.date(1983, 11, 19)
        ).first(),
    }
    officer = User.objects.filter(username="officer").first() or UserFactory(
        username="officer", role="officer", language="zh-hant"
    )
    if not officer.email:
        officer.email = "officer@city.example"
        officer.save(update_fields=["email"])
    if not manager_emails():
        UserFactory(username="manager", role="manager", language="en")
    signed = {"tacoma": dt.date(2000, 7, 19), "san_diego": dt.date(1983, 11, 19)}
    names = {"tacoma": ("Tacoma", "塔可瑪市"), "san_diego": ("San Diego", "聖地牙哥市")}
    for key, agreement in found.items():
        if agreement is None:
            name, local = names[key]
            partner = PartnerFactory(name=name, name_local=local, owner=officer)
            found[key] = AgreementFactory(partner=partner, signed_on=signed[key])
        elif agreement.partner.owner_id is None:
            Partner.objects.filter(pk=agreement.partner_id).update(owner=officer)
            agreement.partner.refresh_from_db()
    return found


def make_manager(**kwargs) -> User:
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="manager"))
    return user


# --- A real SMTP server on loopback ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """aiosmtpd on 127.0.0.1 recording every message it accepts.

    ``hang = True`` makes the next message hang in DATA, never answered: the sender is
    stuck mid-send (``hung`` is set), as a worker is when it gets killed.
    """

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list = []
        self.hang = False
        self.hung = threading.Event()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.hang:
            self.hang = False
            self.hung.set()
            await asyncio.sleep(3600)
            return "451 Try again later"
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def start(self) -> SMTPServer:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd narrates every line
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def notification_ids(self) -> list[int]:
        return [int(m["X-CRM-Notification"]) for m in self.messages]


# --- Subprocesses on the test database ------------------------------------------------------


def database_url() -> str:
    """A DATABASE_URL for the test database this session created (pytest-django's name)."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    host, port = s["OPTIONS"].get("host") or s["HOST"], s["OPTIONS"].get("port") or s["PORT"]
    if str(host).startswith("/"):  # a Unix socket directory (the embedded server)
        return f"postgres://{user}{password}@/{s['NAME']}?host={host}&port={port}"
    return f"postgres://{user}{password}@{host}:{port}/{s['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Processes:
    """Child processes in their own process groups, all stopped at teardown."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("wb")
        process = subprocess.Popen(
            args,
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append((name, process))
        return process

    def kill(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        process.wait(timeout=15)

    def stop_all(self) -> None:
        for _, process in self.started:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _, process in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)

    def logs(self) -> str:
        parts = []
        for name, _ in self.started:
            text = (self.log_dir / f"{name}.log").read_text(errors="replace")
            parts.append(f"--- {name} ---\n{text[-4000:]}")
        return "\n".join(parts)


def celery(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "crm", *args]


def worker_args(queue: str) -> list[str]:
    return celery(
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
        f"--queues={queue}",
        f"--hostname=test-{queue}@%h",
    )


def beat_args(schedule_file: Path) -> list[str]:
    return celery("beat", "--loglevel=INFO", "--max-interval=1", f"--schedule={schedule_file}")


def private_queue() -> str:
    """A queue of this test's own, so a developer's running worker never takes its tasks."""
    return f"test-reminders-{uuid.uuid4().hex[:10]}"


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str, logs=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    detail = f"\n{logs()}" if logs else ""
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}{detail}")


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[SMTPServer]:
    server = SMTPServer(port).start()
    try:
        yield server
    finally:
        server.stop()
