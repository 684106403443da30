"""``manage.py backup [--output PATH]`` (``make backup``): pg_dump in custom format.

Dumps the configured database (embedded or ``DATABASE_URL``) to
``.data/backups/crm-YYYYmmdd-HHMMSS.dump`` unless ``--output`` says where, and prints
the path. Restore it with ``manage.py restore`` (``crm.backup`` explains both).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crm import backup


class Command(BaseCommand):
    help = "Back up the database with pg_dump (custom format) and print the file's path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Where to write the dump (default: .data/backups/)."
        )
        parser.add_argument(
            "--bin-dir",
            type=Path,
            help="Folder holding pg_dump and pg_restore (default: PATH, then the embedded wheel).",
        )
        parser.add_argument("--database", default="default", help="Django database alias.")

    def handle(self, *args, output=None, bin_dir=None, database="default", **options):
        try:
            path = backup.backup(
                output, database=backup.Database.from_settings(database), bin_dir=bin_dir
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        size = path.stat().st_size
        self.stdout.write(f"Backup written ({size:,} bytes):")
        self.stdout.write(str(path))
