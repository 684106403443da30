"""Secrets never reach the logs: the calendar address (a credential in its path) is
masked in runserver's and gunicorn's access lines and in Django's request warnings.

``make run`` (runserver) gets the filter from ``LOGGING``; gunicorn gets the logger class
from its command line (``--logger-class crm.logs.GunicornLogger``, Dockerfile and compose).
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

CALENDAR_PATH = re.compile(r"(/calendar/)[^/\s?\"']+(\.ics)")
MASK = r"\1…\2"


def redact(text: str) -> str:
    return CALENDAR_PATH.sub(MASK, text)


class RedactSecrets(logging.Filter):
    """Masks calendar addresses in a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with every text of an access line masked (request line, path, URI,
    referrer: whichever the access log format uses)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
