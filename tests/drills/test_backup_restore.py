"""Fault drill: back up the demo data and restore it into a new database (SPEC §6).

``manage.py backup`` (``make backup``) and ``manage.py restore`` (``make restore``) run as
operators run them, in subprocesses on the test database; the restored copy must hold
the same rows in every table, the same sequence positions and the same migrations.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import uuid

import pytest
from django.core.management import call_command
from psycopg import sql

from crm import backup
from tests.crm.reminders_support import BASE_DIR, database_url, subprocess_env

pytestmark = [pytest.mark.drills, pytest.mark.django_db(transaction=True)]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def table_digests(database: backup.Database) -> dict[str, str]:
    """md5 of every table's rows, sorted: equal digests, equal contents."""
    digests = {}
    with database.connect(autocommit=True) as conn:
        for table in backup.row_counts(database):
            schema, name = table.split(".", 1)
            query = sql.SQL(
                "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                "FROM {}.{} AS t"
            ).format(sql.Identifier(schema), sql.Identifier(name))
            digests[table] = conn.execute(query).fetchone()[0]
    return digests


def sequences(database: backup.Database) -> dict[str, int | None]:
    with database.connect(autocommit=True) as conn:
        return dict(
            conn.execute(
                "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences"
            ).fetchall()
        )


@pytest.fixture
def restored_name():
    """A database name of this test's own on the test server, dropped afterwards."""
    source = backup.Database.from_settings()
    name = f"{source.name[:40]}_restored_{uuid.uuid4().hex[:8]}"
    yield name
    with backup._maintenance(source) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def test_the_demo_data_restores_into_a_new_database_with_equal_rows(tmp_path, restored_name):
    call_command("load_demo", verbosity=0)
    source = backup.Database.from_settings()
    dump = tmp_path / "crm.dump"

    made = manage("backup", "--output", str(dump))
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip().splitlines()[-1] == str(dump)
    assert not dump.with_name("crm.dump.partial").exists()

    restored = manage("restore", str(dump), "--database-name", restored_name)
    assert restored.returncode == 0, restored.stderr
    target = source.named(restored_name)
    counts = backup.row_counts(source)
    print(
        f"\nBackup drill: {len(counts)} tables, {sum(counts.values())} rows, dump "
        f"{dump.stat().st_size:,} bytes"
    )
    assert sum(counts.values()) > 500  # the demo data, its history and the app's own rows
    assert backup.row_counts(target) == counts
    assert table_digests(target) == table_digests(source)
    assert sequences(target) == sequences(source)
    printed = dict(re.findall(r"^\s+(\S+)\s+([\d,]+)$", restored.stdout, flags=re.MULTILINE))
    assert {k: int(v.replace(",", "")) for k, v in printed.items() if k != "total"} == counts

    # The app runs on the copy: every migration is recorded as applied.
    check = manage(
        "migrate",
        "--check",
        DATABASE_URL=database_url().replace(f"/{source.name}?", f"/{restored_name}?"),
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_restore_refuses_an_existing_database_unless_told_to_replace_it(tmp_path, restored_name):
    dump = backup.backup(tmp_path / "crm.dump")
    backup.restore(dump, restored_name)
    target = backup.Database.from_settings().named(restored_name)
    with target.connect(autocommit=True) as conn:
        conn.execute("CREATE TABLE left_behind (id int)")

    again = manage("restore", str(dump), "--database-name", restored_name)
    assert again.returncode != 0
    assert "already exists" in again.stderr
    assert "public.left_behind" in backup.row_counts(target)  # untouched

    replaced = manage("restore", str(dump), "--database-name", restored_name, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "public.left_behind" not in backup.row_counts(target)


def test_restore_refuses_a_file_that_is_no_dump_before_creating_anything(tmp_path, restored_name):
    junk = tmp_path / "crm.dump"
    junk.write_text("not a dump")
    with pytest.raises(backup.BackupError, match="pg_restore --list failed"):
        backup.restore(junk, restored_name)
    with backup._maintenance(backup.Database.from_settings()) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [restored_name])
        assert found.fetchone() is None


def test_backup_names_its_file_by_the_time_under_data_backups(settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    call_command("backup")
    path = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(rf"{re.escape(str(tmp_path))}/backups/crm-\d{{8}}-\d{{6}}\.dump", path)


def test_a_backup_is_readable_by_its_owner_only(tmp_path, settings):
    """Dumps hold password hashes and token material: 0600 files in a 0700 folder."""
    settings.DATA_DIR = tmp_path / "data"
    (settings.DATA_DIR / "backups").mkdir(parents=True, mode=0o755)
    old_umask = os.umask(0o022)  # the usual umask, which would give 0644 files
    try:
        default = backup.backup()
        chosen = backup.backup(tmp_path / "elsewhere" / "crm.dump")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
