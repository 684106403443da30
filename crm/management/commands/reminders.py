"""``manage.py reminders run [--today YYYY-MM-DD] [--dry-run]`` (SPEC §6).

Runs the reminder scan and delivers what is due, once and synchronously, in this
process: for operators (catch-up after an outage), scripts and tests. Safe to run any
number of times and in parallel with the worker and beat: the outbox's unique key and
the claim keep every reminder to one email.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.core.management.base import BaseCommand

from crm.outbox import notifications


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Reminders: `run` scans for owed reminders and sends them now."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("run", help="Scan and deliver once, synchronously.")
        run.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Scan as if today were this date (Taipei); default: today.",
        )
        run.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; write and send nothing.",
        )

    def handle(self, *args, action, today=None, dry_run=False, verbosity=1, **options):
        report = notifications.run(today=today, dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"Dry run for {report.today}: {report.owed} reminders owed, "
                f"{report.created} not yet in the outbox; would send {len(report.would_send)}:"
            )
            for n in report.would_send:
                self.stdout.write(
                    f"  {n.kind:<22} {n.occurrence} lead {n.lead_days:>4}  "
                    f"{n.object_type}#{n.object_id} → {n.email} ({n.language})"
                )
            return
        sent = ", ".join(f"{count} {status}" for status, count in sorted(report.outcomes.items()))
        self.stdout.write(
            f"Reminders for {report.today}: {report.owed} owed, {report.created} new; "
            f"delivery: {sent or 'nothing due'}."
        )
