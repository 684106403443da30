"""Settings come from the environment and fail loudly (SPEC §6); embedded servers on demand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from crm import embedded

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(env: dict[str, str], prelude: str = "") -> subprocess.CompletedProcess:
    code = f"{prelude}\nimport crm.settings as s\nprint(s.DATABASES['default']['NAME'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("EMAIL_PORT", "twenty-five", "is not a whole number"),
        ("EMAIL_USE_TLS", "maybe", "is not a boolean"),
        ("TIME_ZONE", "Mars/Olympus", "is not an IANA time zone"),
        ("ANNIVERSARY_REMINDER_DAYS", "30,seven", "is not a list of whole numbers"),
        ("GIFT_EXCHANGE_RATES_TWD", "USD:32", "is not CODE=RATE"),
    ],
)
def test_a_bad_value_stops_the_process_with_a_clear_message(name, value, message):
    result = _load_settings({name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    result = _load_settings(
        {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 50, "DATABASE_URL": ""}
    )
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr


def test_with_urls_set_nothing_embedded_is_started():
    # If settings called the embedded starters, this prelude makes them fail loudly.
    prelude = (
        "import crm.embedded as e\n"
        "def refuse(*a, **k): raise SystemExit('embedded server started')\n"
        "e.postgres_url = e.redis_socket = refuse"
    )
    result = _load_settings(
        {
            "DATABASE_URL": "postgres://someone@db.invalid:5432/cityhall",
            "CELERY_BROKER_URL": "redis://cache.invalid:6379/0",
        },
        prelude,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cityhall"


def test_the_embedded_servers_start_on_demand_and_are_reused(tmp_path):
    data = tmp_path / "data"
    try:
        url = embedded.postgres_url(data)
        pid = (data / "postgres" / "postmaster.pid").read_text().split()[0]
        assert embedded.postgres_url(data) == url
        assert (data / "postgres" / "postmaster.pid").read_text().split()[0] == pid
        # A process killed while the wheel rewrote its pid list must not block the next
        # start (a new process: this one has the server cached).
        (data / "postgres" / ".handle_pids.json").write_text("")
        again = subprocess.run(
            [sys.executable, "-c",
             f"from pathlib import Path; from crm import embedded; "
             f"print(embedded.postgres_url(Path({str(data)!r})))"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == url
        host = url.split("host=")[1].split("&")[0]
        with psycopg.connect(host=host, user="postgres", dbname="crm") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)

        sock = embedded.redis_socket(data)
        assert embedded.redis_socket(data) == sock
        import redis

        client = redis.Redis(unix_socket_path=str(sock))
        assert client.ping() is True
    finally:
        embedded.stop_all(data)
