"""``make run``: the web app with the reminder worker and scheduler beside it.

Starts ``runserver``, a Celery worker and Celery beat as child processes on the
configured (or embedded) PostgreSQL and Redis, and stops all three on Ctrl-C or
when any one of them exits. The children get ``PORT`` in their environment, so
``SITE_URL`` (links in emails, the calendar address) follows the port when it is not
set explicitly (``crm.settings``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from crm.settings import default_site_url


def site_url_for(port: int) -> str:
    """The SITE_URL the served processes use: the configured one, else the port's."""
    return os.environ.get("SITE_URL") or default_site_url(port)


class Command(BaseCommand):
    help = "Serve the app with a Celery worker and beat (development)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-workers", action="store_true", help="Serve the web app only.")

    def handle(self, *args, port, host, no_workers, **options):
        python = sys.executable
        os.environ["PORT"] = str(port)
        site_url = site_url_for(port)
        commands = {"web": [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"]}
        if not no_workers:
            celery = [python, "-m", "celery", "-A", "crm"]
            commands["worker"] = [*celery, "worker", "--loglevel=INFO", "--concurrency=2"]
            commands["beat"] = [*celery, "beat", "--loglevel=INFO"]
        self.stdout.write(f"Serving on http://{host}:{port}/ (SITE_URL {site_url})")
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        signal.signal(signal.SIGTERM, lambda *_: self._stop(processes))
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)

    def _stop(self, processes):
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        raise SystemExit(0)
