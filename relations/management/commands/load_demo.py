"""``manage.py load_demo``: demo users and the reference trip report's data (``make run``).

The data are the Taichung City Government's July 2024 US trip report (SPEC, reference
document): five partners, their agreements, organizations and officials, the visit with
its delegation, itinerary, commitments and gift. They live in Django JSON fixtures with
fixed primary keys (``fixtures/topics.json``, ``fixtures/demo.json``), so loading again
rewrites the same rows instead of adding new ones; users are referred to by username
(natural key), which is why the users are created first. Unchanged rows are rewritten
with identical values, which the audit triggers ignore, so a second run adds no history.

Partner ``established_on`` is in the fixture only so that re-loading leaves the row
unchanged; the database trigger on Agreement recomputes it from the agreements loaded
after the partners either way.

Fixed keys mean the command is for demo and development databases: rows you created
with the same ids before the first load would be overwritten.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import string
import tempfile
from functools import cache
from pathlib import Path

import pghistory
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ForeignKey

FIXTURES = ("topics.json", "demo.json")


# username, role group (None: superuser, no group), interface language
DEMO_USERS = (
    ("admin", None, "en"),
    ("manager", "manager", "en"),
    ("officer", "officer", "zh-hant"),
    ("viewer", "viewer", "zh-hant"),
)
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 16


def credentials_path() -> Path:
    """Where the demo passwords are kept: ``settings.DEMO_CREDENTIALS_FILE`` or under .data/."""
    default = Path(settings.DATA_DIR) / "demo-credentials.json"
    return Path(getattr(settings, "DEMO_CREDENTIALS_FILE", default))


def read_credentials(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as error:
        raise CommandError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise CommandError(f"{path} should hold an object of username → password")
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def write_credentials(path: Path, credentials: dict[str, str]) -> None:
    """Write atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(credentials, file, indent=2, sort_keys=True)
        file.write("\n")
    os.replace(temporary, path)


@contextlib.contextmanager
def locked(path: Path):
    """Serialise runs that share one credentials file (two test runs, make run twice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_password(user) -> str:
    """A random password that passes the configured password validators."""
    while True:
        candidate = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        try:
            validate_password(candidate, user)
        except ValidationError:
            continue
        return candidate


def fixtures_with_user_ids(directory: Path) -> list[Path]:
    """The fixtures, written into ``directory`` with each reference to a user (its natural
    key, ``["officer"]``) replaced by the user's id. loaddata looks a natural key up once
    per reference: some 200 queries for the four demo users, a third of the load's time
    (every test with the demo data pays it)."""
    usernames = [username for username, _group, _language in DEMO_USERS]
    ids = dict(
        get_user_model().objects.filter(username__in=usernames).values_list("username", "pk")
    )
    paths = []
    for name in FIXTURES:
        objects = json.loads((Path(settings.BASE_DIR) / "fixtures" / name).read_text("utf-8"))
        for obj in objects:
            _resolve_user_keys(obj, ids)
        paths.append(directory / name)
        paths[-1].write_text(json.dumps(objects, ensure_ascii=False), "utf-8")
    return paths


def _resolve_user_keys(obj: dict, ids: dict[str, int]) -> None:
    fields = obj["fields"]
    for name in _user_foreign_keys(obj["model"]):
        key = fields.get(name)
        if isinstance(key, list) and len(key) == 1 and key[0] in ids:
            fields[name] = ids[key[0]]


@cache
def _user_foreign_keys(label: str) -> tuple[str, ...]:
    """The names of ``label``'s foreign keys to the user model."""
    return tuple(
        field.name
        for field in apps.get_model(label)._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is get_user_model()
    )


class Command(BaseCommand):
    help = (
        "Create the demo users admin (superuser, English), manager (English), officer "
        "(Traditional Chinese) and viewer (Traditional Chinese), each in the group of the same "
        "name, then load the topics and the demo data of the reference trip report. A new "
        "user gets a random password, kept in .data/demo-credentials.json "
        "(settings.DEMO_CREDENTIALS_FILE) and printed on every run; existing users keep "
        "their password unless --reset-passwords is given. The desk officer of every demo "
        "partner and the owner of every demo commitment is `officer`. Safe to run again: "
        "the same rows are rewritten, nothing is added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the four demo users new random passwords (and store them).",
        )

    def handle(self, *args, reset_passwords=False, verbosity=1, **options):
        path = credentials_path()
        with locked(path):
            credentials = read_credentials(path)
            with transaction.atomic():
                report = self._ensure_users(credentials, path, reset=reset_passwords)
                admin = get_user_model().objects.get(username="admin")
                with (
                    tempfile.TemporaryDirectory() as directory,
                    pghistory.context(user=admin.pk, command="load_demo"),
                ):
                    call_command(
                        "loaddata",
                        *fixtures_with_user_ids(Path(directory)),
                        verbosity=max(verbosity - 1, 0),
                        stdout=self.stdout,
                    )
        if verbosity >= 1:
            self._print(report, path)

    def _ensure_users(self, credentials: dict[str, str], path: Path, *, reset: bool):
        """Create or complete the four demo users; returns ``[(username, password, note)]``.

        Passwords are written to the credentials file before the users are saved: if the
        transaction fails, the next run finds them there and uses them.
        """
        user_model = get_user_model()
        names = [username for username, _, _ in DEMO_USERS]
        existing = {u.username: u for u in user_model.objects.filter(username__in=names)}
        to_set: dict[str, str] = {}
        for username, _group, language in DEMO_USERS:
            user = existing.get(username)
            if user is None and username in credentials and not reset:
                # Known from an earlier run (another database, or a run that rolled back).
                to_set[username] = credentials[username]
            elif user is None or reset or not user.has_usable_password():
                candidate = user or user_model(username=username, language=language)
                to_set[username] = new_password(candidate)
        if any(credentials.get(name) != password for name, password in to_set.items()):
            write_credentials(path, {**credentials, **to_set})
            credentials = {**credentials, **to_set}

        report = []
        for username, group, language in DEMO_USERS:
            user = existing.get(username)
            if user is None:
                user = user_model(
                    username=username,
                    email=f"{username}@example.com",
                    language=language,
                )
            changed = user.pk is None
            for field, value in (("is_staff", True), ("is_superuser", group is None)):
                if getattr(user, field) != value:
                    setattr(user, field, value)
                    changed = True
            if username in to_set:
                user.set_password(to_set[username])
                changed = True
            if changed:
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            report.append((username, *self._password_shown(user, credentials, to_set)))
        return report

    def _password_shown(self, user, credentials, to_set) -> tuple[str, str]:
        username = user.username
        if username in to_set:
            return to_set[username], ""
        stored = credentials.get(username)
        if stored is None:
            return "", "existing user: password unchanged (--reset-passwords to set one)"
        if not user.check_password(stored):
            return "", "password changed since load_demo set it (--reset-passwords to reset)"
        return stored, ""

    def _print(self, report, path: Path) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded (reference trip report, July 2024).")
        )
        self.stdout.write(f"Demo users (passwords kept in {path}):")
        for username, password, note in report:
            self.stdout.write(f"  {username:<8} {password or '-':<18} {note}".rstrip())
