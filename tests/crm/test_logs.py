"""The calendar address is a credential: it never reaches a log line in full."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from gunicorn.config import Config

from crm.logs import GunicornLogger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Remember(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def remembered():
    handler = Remember()
    loggers = [logging.getLogger(name) for name in ("django.request", "django.server")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def test_a_wrong_calendar_address_is_not_logged_in_full(client, remembered):
    secret = "7-" + "a" * 40
    assert client.get(f"/calendar/{secret}.ics").status_code == 404
    assert remembered.lines, "Django logs the 404"
    assert not any(secret in line for line in remembered.lines)
    assert any("/calendar/….ics" in line for line in remembered.lines)


def test_runservers_access_line_masks_the_calendar_address(remembered):
    user = UserFactory(role="officer")
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /calendar/{user.calendar_token}.ics HTTP/1.1", "200", "512"
    )
    assert remembered.lines == ['"GET /calendar/….ics HTTP/1.1" 200 512']


def test_gunicorns_access_line_masks_the_calendar_address():
    token = "12-" + "b" * 40

    class Response:
        status = "200 OK"
        sent = 512
        headers = ()

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/calendar/{token}.ics",
        "PATH_INFO": f"/calendar/{token}.ics",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
    }
    atoms = GunicornLogger(Config()).atoms(Response(), [], environ, dt.timedelta(seconds=0))
    assert atoms["r"] == "GET /calendar/….ics HTTP/1.1"
    assert atoms["U"] == "/calendar/….ics"
    assert token not in " ".join(str(v) for v in atoms.values())
