"""The notification outbox: find owed reminders, deliver each exactly once (SPEC §3.1–§3.3).

1. ``scan(today=...)`` asks each reminder source (registered by the domain apps, see
   ``register_source``) what is owed today. A source answers with a fixed number of
   queries whatever the number of partners, commitments or invitations, and returns
   ``Due`` items; recipients are resolved in one query; the rows go into the outbox
   with one ``INSERT … ON CONFLICT DO NOTHING`` against the unique key (kind, object,
   occurrence, lead time, recipient). After the transaction commits, the ids of the
   rows this scan created are queued, ids only.
2. ``deliver(pk)`` claims a row with a conditional update (``pending`` → ``sending``)
   and sends only when it won the claim, outside any transaction; then marks it
   ``sent``, or puts it back to ``pending`` with exponential back-off, or ``failed``
   after ``NOTIFICATION_MAX_ATTEMPTS``.
3. ``sweep()`` puts rows left ``sending`` by a killed worker back to ``pending`` after
   ``NOTIFICATION_STALE_MINUTES`` and queues them again, with pending rows whose task
   was lost (broker down when queued).

**Catch-up.** Every source works out, for each object, the *latest* reminder owed
today — the lead time with the latest send date on or before today (``owed_lead``).
A run after days of outage therefore sends one reminder per object, the one now due;
older lead times it missed are never sent, because no later run owes them either.

Delivery is at least once towards the SMTP server and exactly once per key in the
database: a worker killed after the server accepted a message but before marking it
sent will have it sent again by the sweeper (with the same Message-ID).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from typing import NamedTuple

from celery import signature
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, Q, QuerySet
from django.utils import timezone, translation

from crm.core.formatting import DateFormat, local_today
from crm.core.models import User
from crm.core.roles import MANAGER, in_role
from crm.outbox.emails import message_id, render_email
from crm.outbox.models import Notification

logger = logging.getLogger(__name__)

Kind = Notification.Kind
Status = Notification.Status

# What the domain apps register from their ``AppConfig.ready`` (``register_source``,
# ``register_digest_section``): the outbox never names them.
# A source is ``fn(today) -> Iterable[Due]`` and yields the kinds listed beside it.
SOURCES: list[tuple[Callable, frozenset[str]]] = []
# A context builder is ``fn(notification, fmt) -> dict | None``: the template context, or
# None when what it reminds of was settled in the meantime (the row is then cancelled).
CONTEXTS: dict[str, Callable] = {}
# A digest section is ``fn(today, fmt) -> dict``: its part of the weekly digest's context.
# ``fmt`` is a crm.core.formatting.DateFormat for the recipient: ``fmt(date)``,
# ``fmt(date, precision="month")``, ``fmt.range(start, end)``.
DIGEST_SECTIONS: list[Callable] = []


def register_source(source: Callable, *, kinds: Iterable[str], context: Callable) -> None:
    """Ask ``source`` what is owed every scan; build emails of ``kinds`` with ``context``."""
    kinds = frozenset(kinds)
    if any(registered is source for registered, _ in SOURCES):
        return  # ready() may run twice (tests that reload apps)
    SOURCES.append((source, kinds))
    for kind in kinds:
        CONTEXTS[kind] = context


def register_digest_section(section: Callable) -> None:
    """Add ``section(today, fmt)``'s lists to the managers' weekly digest."""
    if section not in DIGEST_SECTIONS:
        DIGEST_SECTIONS.append(section)


# The managers' digest goes out on Monday at this local hour (SPEC §3.2); the beat
# schedule fires it then, and any later scan in the same ISO week catches it up.
DIGEST_HOUR = 8


class Due(NamedTuple):
    """A reminder owed today, before recipients are resolved.

    A tuple: a scan at full scale builds tens of thousands of them.
    """

    kind: str
    object_type: str
    object_id: int
    occurrence: dt.date
    lead_days: int
    user_ids: tuple[int | None, ...] = ()
    managers: bool = False  # also to every manager with an email address


@dataclasses.dataclass(frozen=True)
class ScanResult:
    today: dt.date
    owed: int  # rows the rules owe today (new or already in the outbox)
    # Rows this scan inserted, queued after commit (a key that already existed keeps its
    # own row and is not among them).
    created_ids: list[int]


@dataclasses.dataclass(frozen=True)
class Outcome:
    status: str  # sent, retry, failed, cancelled, or skipped (someone else holds the row)
    retry_in: int | None = None


# --- The rules of catch-up ----------------------------------------------------------------


def owed_lead(occurrence: dt.date, leads: Iterable[int], today: dt.date) -> int | None:
    """The lead time owed today: the shortest one whose send date is on or before today.

    With leads 30 and 7 before 19 July: None until 19 June, 30 from 19 June, 7 from
    12 July. A run on 15 July after an outage owes 7 only — never 30 again.
    """
    days_ahead = (occurrence - today).days  # send date on or before today: lead >= this
    owed = [lead for lead in leads if lead >= days_ahead]
    return min(owed) if owed else None


def series_lead(
    occurrence: dt.date, leads: Iterable[int], today: dt.date, *, every: int = 7
) -> int | None:
    """Reminders ``leads`` days before a date, then one every ``every`` days after it.

    After the date the lead is ``-every × n`` for the n-th overdue reminder (due + 7,
    due + 14 …); between the date and the first of those, the last lead before the
    date is still what is owed (caught up if it was missed).
    """
    if today > occurrence:
        periods = (today - occurrence).days // every
        if periods:
            return -every * periods
    return owed_lead(occurrence, leads, today)


def digest_week(today: dt.date) -> dt.date:
    """The Monday of ``today``'s ISO week: the digest's occurrence."""
    return today - dt.timedelta(days=today.weekday())


def digest_owed(today: dt.date, now: dt.datetime) -> bool:
    """Is this ISO week's digest owed? From Monday ``DIGEST_HOUR``:00 local time."""
    if today.weekday() > 0:
        return True
    local_now = timezone.localtime(now)
    # An explicit date other than the real today (``reminders run --today``) counts whole.
    return local_now.date() != today or local_now.hour >= DIGEST_HOUR


# --- Scan -----------------------------------------------------------------------------------


def scan(
    *,
    today: dt.date | None = None,
    kinds: Collection[str] | None = None,
    now: dt.datetime | None = None,
    queue: bool = True,
    force_digest: bool = False,
) -> ScanResult:
    """Insert every reminder owed on ``today`` into the outbox; queue the new rows after commit.

    A small, fixed number of queries whatever the data size. Safe to run any number
    of times, also in parallel: the unique key keeps one row per reminder.
    """
    today = today or local_today()
    now = now or timezone.now()
    wanted = set(kinds) if kinds is not None else set(Kind.values)
    due: list[Due] = []
    for source, produces in SOURCES:
        if produces & wanted:
            due.extend(d for d in source(today) if d.kind in wanted)

    with transaction.atomic():
        users, managers = _recipients({uid for d in due for uid in d.user_ids if uid})
        if Kind.WEEKLY_DIGEST in wanted and (force_digest or digest_owed(today, now)):
            monday = digest_week(today)
            due.extend(
                Due(Kind.WEEKLY_DIGEST, "crm.user", m.pk, monday, 0, user_ids=(m.pk,))
                for m in managers
            )
        keys = _keys(due, users, managers)
        created = _insert(keys, users, today=today, now=now) if keys else []
        if queue and created:
            transaction.on_commit(partial(enqueue, created), robust=True)
    return ScanResult(today=today, owed=len(keys), created_ids=created)


def recipients() -> QuerySet[User]:
    """Who a reminder can go to: active users with an email address."""
    return User.objects.filter(is_active=True).exclude(email="")


def managers_reachable() -> Exists:
    """Whether some manager can receive a reminder, as a condition for a source's query.

    A source whose reminders also go to the managers keeps the rows that name no one else
    only then: without it, those rows would be built and read for nobody.
    """
    return Exists(recipients().filter(in_role(MANAGER)))


def _recipients(user_ids: set[int]) -> tuple[dict[int, User], list[User]]:
    """Active users with an email among ``user_ids``, and the managers: one query."""
    is_manager = in_role(MANAGER)
    found = list(
        recipients()
        .annotate(is_manager=is_manager)
        .filter(Q(pk__in=user_ids) | Q(is_manager=True))
        .only("pk", "email", "language")
        .order_by("pk")
    )
    return {u.pk: u for u in found}, [u for u in found if u.is_manager]


def _keys(due: Sequence[Due], users: dict[int, User], managers: Sequence[User]) -> list[tuple]:
    """The outbox keys owed (kind, object type, object id, occurrence, lead, recipient).

    One per reachable recipient, each once, sorted: one insertion order for every scan,
    so two scans racing wait on each other's keys in the same order instead of deadlocking.
    """
    manager_ids = tuple(m.pk for m in managers)  # all among ``users``
    keys = set()
    for kind, object_type, object_id, occurrence, lead_days, user_ids, to_managers in due:
        for uid in (*user_ids, *manager_ids) if to_managers else user_ids:
            if uid in users:
                keys.add((kind, object_type, object_id, occurrence, lead_days, uid))
    return sorted(keys)


# One statement for any number of rows, the keys passed as one array per column (a model
# instance per row and Django's per-value field preparation cost seconds at full scale;
# the arrays go as literals, see ``_array``).
# ``ON CONFLICT DO NOTHING`` against the unique key leaves a reminder already in the outbox
# (from an earlier or a parallel scan) as it is, and RETURNING names only the rows this
# scan created. Email and language are the recipient's, as ``_recipients`` read them;
# ``ORDER BY position`` keeps the order of the keys through the join.
_INSERT_SQL = """
INSERT INTO {table}
    (kind, object_type, object_id, occurrence, lead_days, recipient_id, email, language,
     scheduled_for, status, attempts, last_error, created_at, next_attempt_at)
SELECT k.kind, k.object_type, k.object_id, k.occurrence, k.lead_days, k.recipient_id,
       u.email, u.language, %(today)s, %(status)s, 0, '', %(now)s, %(now)s
FROM unnest(
        %(kinds)s::varchar[], %(object_types)s::varchar[], %(object_ids)s::bigint[],
        %(occurrences)s::date[], %(leads)s::integer[], %(recipients)s::bigint[]
     ) WITH ORDINALITY
     AS k(kind, object_type, object_id, occurrence, lead_days, recipient_id, position)
JOIN unnest(%(user_ids)s::bigint[], %(emails)s::varchar[], %(languages)s::varchar[])
     AS u(id, email, language) ON u.id = k.recipient_id
ORDER BY k.position
ON CONFLICT DO NOTHING
RETURNING id
"""


def _insert(
    keys: list[tuple], users: dict[int, User], *, today: dt.date, now: dt.datetime
) -> list[int]:
    """Insert the ``keys`` not in the outbox yet as pending rows; their ids, in key order."""
    kinds, object_types, object_ids, occurrences, leads, recipient_ids = zip(*keys, strict=True)
    params = {
        "today": today,
        "now": now,
        "status": Status.PENDING.value,
        "kinds": _array(kinds, quoted=True),
        "object_types": _array(object_types, quoted=True),
        "object_ids": _array(object_ids),
        "occurrences": _array(occurrences),
        "leads": _array(leads),
        "recipients": _array(recipient_ids),
        "user_ids": list(users),
        "emails": [u.email for u in users.values()],
        "languages": [u.language for u in users.values()],
    }
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL.format(table=Notification._meta.db_table), params)
        return [pk for (pk,) in cursor.fetchall()]


def _array(values: Sequence, *, quoted: bool = False) -> str:
    """A PostgreSQL array literal of ``values`` (``{1,2}``, ``{"a","b"}``), for ``%s::type[]``.

    Django binds parameters on the client, and psycopg adapts a list element by element
    (about 1 µs each; a full-scale scan passes 200,000): joining the text is ten times
    faster. Numbers and dates need no quoting; ``quoted`` strings are escaped, each distinct
    one once (kinds and object types: a handful of values over thousands of rows).
    """
    if quoted:
        literals = {v: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in set(values)}
        values = [literals[v] for v in values]
    return "{" + ",".join(map(str, values)) + "}"


# The send task (``crm.outbox.tasks.send_notification``) is addressed by its Celery name:
# the tasks call this module, so importing them here would close an import cycle.
SEND_TASK = "crm.tasks.send_notification"


def enqueue(ids: Iterable[int]) -> None:
    """Queue one send task per id. A broker outage is logged; the sweeper queues them later."""
    for pk in ids:
        try:
            signature(SEND_TASK, args=(pk,)).delay()
        except Exception:
            logger.exception("Could not queue notification %s; the sweeper will retry", pk)
            return


def due_ids(*, now: dt.datetime | None = None) -> list[int]:
    """Pending notifications whose time has come (new ones and retries after back-off)."""
    now = now or timezone.now()
    return list(
        Notification.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )


# --- Delivery -------------------------------------------------------------------------------


def deliver(pk: int, *, now: dt.datetime | None = None) -> Outcome:
    """Claim, render and send one notification; never call it inside a transaction.

    Only the caller whose conditional update moved the row from ``pending`` to
    ``sending`` sends it: a second worker, a retry or a parallel ``reminders run``
    gets ``skipped``.
    """
    now = now or timezone.now()
    claimed = Notification.objects.filter(pk=pk, status=Status.PENDING).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    notification = (
        Notification.objects.select_related("recipient").filter(pk=pk).first() if claimed else None
    )
    if notification is None:  # someone else holds it (or it was deleted meanwhile)
        return Outcome("skipped")
    recipient = notification.recipient
    if not recipient.is_active:
        return _finish(notification, Status.CANCELLED, "The recipient's account is inactive.")
    if not recipient.email:
        return _finish(notification, Status.FAILED, "The recipient has no email address.")
    try:
        message = build_message(notification)
        if message is None:
            return _finish(notification, Status.CANCELLED, "It no longer applies.")
        message.send()
    except Exception as exc:
        # SMTP trouble is expected now and then; anything else deserves its traceback.
        expected = isinstance(exc, (OSError, smtplib.SMTPException))
        logger.warning("Notification %s: send failed: %s", pk, exc, exc_info=not expected)
        return _failed(notification, f"{type(exc).__name__}: {exc}")
    Notification.objects.filter(pk=pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", email=recipient.email
    )
    return Outcome("sent")


def build_message(notification: Notification):
    """The email for one outbox row in its recipient's language, or None if moot now."""
    recipient = notification.recipient
    language = notification.language or recipient.language
    fmt = DateFormat(language, roc=recipient.roc_dates)
    with translation.override(language):
        build = digest_context if notification.kind == Kind.WEEKLY_DIGEST else None
        context = (build or CONTEXTS[notification.kind])(notification, fmt)
        if context is None:
            return None
        context = {
            "recipient": recipient,
            "recipient_name": recipient.get_full_name() or recipient.username,
            "notification": notification,
            "today": fmt(notification.scheduled_for),
            **context,
        }
        return render_email(
            notification.kind,
            to=recipient.email,
            language=language,
            context=context,
            headers={
                "X-CRM-Notification": str(notification.pk),
                "Message-ID": message_id(f"notification.{notification.pk}"),
            },
        )


def _finish(notification: Notification, status: str, reason: str) -> Outcome:
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=status, last_error=reason
    )
    return Outcome(status)


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the ``attempts``-th failure: 30, 60, 120, 240 by default."""
    return settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0)


def _failed(notification: Notification, error: str) -> Outcome:
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        _finish(notification, Status.FAILED, error)
        return Outcome(Status.FAILED)
    delay = retry_delay(notification.attempts)
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=Status.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
    )
    return Outcome("retry", retry_in=delay)


# --- Sweeper --------------------------------------------------------------------------------


def sweep(*, now: dt.datetime | None = None, queue: bool = True) -> list[int]:
    """Re-queue what a killed worker or a lost task left behind; return the ids queued.

    * ``sending`` for longer than ``NOTIFICATION_STALE_MINUTES``: its worker died
      mid-send (a send is bounded by ``EMAIL_TIMEOUT`` and the task time limit, so a
      live worker is never that slow). Back to ``pending``, or ``failed`` when it has
      used all its attempts.
    * ``pending`` and due for that long: its task was lost (broker down or flushed).

    Both are queued again and their ``next_attempt_at`` moved to now, so a worker that
    stays down gets each row re-queued once per stale period, not once per sweep.
    """
    now = now or timezone.now()
    stale_before = now - dt.timedelta(minutes=settings.NOTIFICATION_STALE_MINUTES)
    with transaction.atomic():
        stuck = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.SENDING, claimed_at__lt=stale_before)
            .values_list("pk", "attempts")
        )
        spent = [pk for pk, attempts in stuck if attempts >= settings.NOTIFICATION_MAX_ATTEMPTS]
        retry = [pk for pk, attempts in stuck if attempts < settings.NOTIFICATION_MAX_ATTEMPTS]
        lost = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lt=stale_before)
            .values_list("pk", flat=True)
        )
        lost_worker = "The worker sending it stopped before finishing."
        if spent:
            Notification.objects.filter(pk__in=spent).update(
                status=Status.FAILED, last_error=lost_worker
            )
        if retry:
            Notification.objects.filter(pk__in=retry).update(
                status=Status.PENDING, next_attempt_at=now, last_error=lost_worker
            )
        if lost:
            Notification.objects.filter(pk__in=lost).update(next_attempt_at=now)
        requeue = sorted(retry + lost)
        if queue and requeue:
            transaction.on_commit(partial(enqueue, requeue), robust=True)
    if stuck or lost:
        logger.warning(
            "Sweeper: %d stuck in sending (%d failed for good), %d lost pending re-queued",
            len(stuck),
            len(spent),
            len(lost),
        )
    return requeue


# --- One synchronous run (``manage.py reminders run``) --------------------------------------


@dataclasses.dataclass
class RunReport:
    today: dt.date
    owed: int = 0
    created: int = 0
    outcomes: dict[str, int] = dataclasses.field(default_factory=dict)
    would_send: list[Notification] = dataclasses.field(default_factory=list)


def run(*, today: dt.date | None = None, dry_run: bool = False) -> RunReport:
    """Scan and deliver once, in this process (operators, catch-up, tests).

    Safe beside the worker and beat: both claim rows the same way. With ``dry_run``
    the scan happens in a transaction that is rolled back; the report lists what
    would have been sent.
    """
    today = today or local_today()
    if dry_run:
        with transaction.atomic():
            result = scan(today=today, queue=False)
            pending = Notification.objects.filter(pk__in=due_ids()).select_related("recipient")
            report = RunReport(
                today=today,
                owed=result.owed,
                created=len(result.created_ids),
                would_send=list(pending.order_by("kind", "occurrence", "email")),
            )
            transaction.set_rollback(True)
        return report
    sweep(queue=False)
    result = scan(today=today, queue=False)
    report = RunReport(today=today, owed=result.owed, created=len(result.created_ids))
    for pk in due_ids():
        outcome = deliver(pk)
        report.outcomes[outcome.status] = report.outcomes.get(outcome.status, 0) + 1
    return report


# --- The managers' weekly digest ------------------------------------------------------------


def digest_context(notification: Notification, fmt) -> dict | None:
    """The digest's sections (SPEC §3.2), as they stand when it is sent.

    Each registered section caps its lists (the email says how many more there are);
    the web pages hold the full lists. About a dozen queries, whatever the data size.
    """
    recipient = notification.recipient
    if not User.objects.filter(in_role(MANAGER), pk=recipient.pk).exists():
        return None  # no longer a manager
    context = {"week_of": fmt(notification.occurrence)}
    for section in DIGEST_SECTIONS:
        context.update(section(notification.scheduled_for, fmt))
    return context
