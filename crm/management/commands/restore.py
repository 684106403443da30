"""``manage.py restore PATH [--database-name NAME] [--replace]`` (``make restore``).

Creates a new database on the configured server, restores a ``manage.py backup`` dump
into it in one transaction, and prints every table's row count. An existing database
is refused unless ``--replace`` (``crm.backup`` explains the details). To switch the
app to the restored copy, point ``DATABASE_URL`` at it.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crm import backup


def default_name(dump: Path) -> str:
    """``crm-20250101-120000.dump`` → ``crm_20250101_120000``."""
    return re.sub(r"\W", "_", dump.name.removesuffix(".dump")).lower()[:63]


class Command(BaseCommand):
    help = "Restore a backup into a new database and print its row counts."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A dump written by `manage.py backup`.")
        parser.add_argument(
            "--database-name",
            help="The database to create (default: from the file name, e.g. crm_20250101_120000).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Drop the database first if it exists (nothing may be connected to it).",
        )
        parser.add_argument(
            "--bin-dir",
            type=Path,
            help="Folder holding pg_restore (default: PATH, then the embedded wheel).",
        )
        parser.add_argument(
            "--database", default="default", help="Django alias of the server to restore on."
        )

    def handle(self, *args, path, database_name=None, replace=False, bin_dir=None, **options):
        name = database_name or default_name(path)
        try:
            counts = backup.restore(
                path,
                name,
                replace=replace,
                database=backup.Database.from_settings(options["database"]),
                bin_dir=bin_dir,
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        width = max((len(table) for table in counts), default=0)
        self.stdout.write(f"Restored {path} into database {name!r}. Rows per table:")
        for table, rows in counts.items():
            self.stdout.write(f"  {table:<{width}}  {rows:>10,}")
        self.stdout.write(f"  {'total':<{width}}  {sum(counts.values()):>10,}")
