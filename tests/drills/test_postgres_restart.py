"""Fault drill: PostgreSQL restarted under load (SPEC §6, §7: ``CONN_HEALTH_CHECKS``).

A PostgreSQL of the drill's own (the embedded wheel, in a temporary folder) gets a copy of
the migrated test database; gunicorn serves the app on it, on loopback. Four clients
request ``/healthz`` and the partners API list (token auth) in a loop for about fifteen
seconds; five seconds in, the server is restarted with ``pg_ctl restart -m fast``, which
cuts every session the app holds. Requests may fail only while the server is down, and
requests succeed again within ten seconds of it being back (in practice at once).

Then the server is restarted once more while the app is idle and the load resumes: every
gunicorn worker now holds a dead persistent connection (``CONN_MAX_AGE``), and not one
request may fail — ``CONN_HEALTH_CHECKS`` must replace those connections. (Under load
alone a worker without health checks would fail a request during the outage, drop its
connection and look healthy after it, so the idle restart is what tests the setting.)
"""

from __future__ import annotations

import dataclasses
import http.client
import sys
import threading
import time
from collections import Counter

import pytest

from crm import backup
from crm.core import api_tokens
from tests.crm.reminders_support import free_port, subprocess_env, wait_until
from tests.factories import PartnerFactory, UserFactory

pytestmark = [pytest.mark.drills, pytest.mark.django_db(transaction=True)]

BEFORE_SECONDS = 5
AFTER_SECONDS = 7
QUIET_SECONDS = 3
RECOVERY_LIMIT = 10  # seconds, SPEC: recovery within 10 s
CLIENTS = 4


@dataclasses.dataclass(frozen=True)
class Request:
    path: str
    started: float
    ended: float
    outcome: str  # "200", "503", "500", or the exception's name

    @property
    def ok(self) -> bool:
        return self.outcome == "200"


def request(port: int, path: str, token: str | None = None) -> Request:
    started = time.monotonic()
    headers = {"Authorization": f"Token {token}"} if token else {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        outcome = str(response.status)
    except OSError as exc:  # refused, reset, timed out
        outcome = type(exc).__name__
    finally:
        conn.close()
    return Request(path, started, time.monotonic(), outcome)


class Load:
    """``CLIENTS`` threads, each alternating /healthz and the API list as fast as answered."""

    PATHS = ("/healthz", "/api/v1/partners/?page_size=5")

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.results: list[Request] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(CLIENTS)]

    def _run(self) -> None:
        i = 0
        while not self._stop.is_set():
            path = self.PATHS[i % 2]
            token = self.token if path.startswith("/api/") else None
            self.results.append(request(self.port, path, token))  # list.append is atomic
            i += 1

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


def postmaster_start(server):
    with server.database().connect(autocommit=True) as conn:
        return conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0]


def test_requests_fail_only_while_postgresql_restarts_and_recover_within_10_s(
    throwaway_postgres, processes, tmp_path
):
    token = api_tokens.issue(UserFactory(role="viewer"))[0]
    PartnerFactory.create_batch(5)
    # The app's database on the drill's server: a copy of the migrated test database.
    dump = backup.backup(tmp_path / "app.dump")
    backup.restore(dump, "crm", database=throwaway_postgres.database())
    port = free_port()
    env = subprocess_env(
        DATABASE_URL=throwaway_postgres.url("crm"),
        CONN_MAX_AGE="60",  # persistent connections: the restart breaks them all
        API_THROTTLE_USER="off",
        DEBUG="false",
    )
    gunicorn = [sys.executable, "-m", "gunicorn", "crm.wsgi", f"--bind=127.0.0.1:{port}"]
    processes.start("gunicorn", [*gunicorn, "--workers=3", "--timeout=30"], env)
    wait_until(
        lambda: request(port, "/healthz").ok and request(port, Load.PATHS[1], token).ok,
        timeout=60,
        what="gunicorn to answer",
        logs=processes.logs,
    )
    starts = [postmaster_start(throwaway_postgres)]

    # 1. Under load: the restart cuts the sessions of requests in flight.
    with Load(port, token) as load:
        time.sleep(BEFORE_SECONDS)
        down = time.monotonic()
        throwaway_postgres.restart()
        up = time.monotonic()  # pg_ctl -w returns once the server accepts connections
        time.sleep(AFTER_SECONDS)
    results = sorted(load.results, key=lambda r: r.started)
    starts.append(postmaster_start(throwaway_postgres))

    # 2. While the app is idle: each gunicorn worker keeps a dead connection (CONN_MAX_AGE),
    # which CONN_HEALTH_CHECKS must notice before the next request uses it.
    throwaway_postgres.restart()
    starts.append(postmaster_start(throwaway_postgres))
    with Load(port, token) as quiet:
        time.sleep(QUIET_SECONDS)

    failures = [r for r in results if not r.ok]
    after = [r for r in results if r.started > up]
    first_ok_after = next((r for r in after if r.ok), None)
    last_failure_end = max((r.ended for r in failures), default=down)
    recovery = max(0.0, last_failure_end - up)
    quiet_failures = Counter(r.outcome for r in quiet.results if not r.ok)
    print(
        f"\nPostgreSQL drill: {len(results)} requests in "
        f"{results[-1].ended - results[0].started:.1f} s; restart took {up - down:.2f} s; "
        f"{len(failures)} failed "
        f"({dict(Counter((r.path.split('?')[0], r.outcome) for r in failures))}), the first "
        f"{min((r.started for r in failures), default=down) - down:+.2f} s from the restart, "
        f"the last ending {last_failure_end - up:+.2f} s from the server being back; "
        f"recovery {recovery:.2f} s; first success "
        f"{(first_ok_after.ended - up) if first_ok_after else float('nan'):.2f} s after it; "
        f"{sum(r.ok for r in after)}/{len(after)} requests started after it succeeded. "
        f"After an idle restart: {len(quiet.results)} requests, failures {dict(quiet_failures)}"
    )
    assert starts[0] < starts[1] < starts[2]  # the server really restarted, twice
    assert len(results) > 100
    assert failures, "the restart cut no request: the drill tested nothing"
    assert all(r.ok for r in results if r.ended < down)  # before the outage: no error
    # Failures only during the outage: each overlaps [restart issued, server back].
    assert all(down <= r.ended and r.started <= up for r in failures)
    assert recovery <= RECOVERY_LIMIT
    assert all(r.ok for r in results if r.started > up + RECOVERY_LIMIT)
    assert first_ok_after is not None
    assert sum(r.ok for r in after) > 50  # and it kept serving afterwards
    assert len(quiet.results) > 20
    assert not quiet_failures  # no request met a dead connection
