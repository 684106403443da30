"""Generate the SPEC §1 scale of data with set-based SQL (``make bench`` calls this).

Full scale: 10,000 partners, 100,000 officials, 1,000,000 contacts, 100,000 visits,
100,000 commitments. ``--scale small`` divides every count by 100 (CI).

Rows are written with ``INSERT … SELECT generate_series`` under
``session_replication_role = replica`` so the audit triggers (which would double the
volume with history rows nobody reads in a benchmark) stay quiet; the trigger-kept
``established_on`` is therefore filled in directly.
"""

from __future__ import annotations

import dataclasses

from django.db import connection, transaction


@dataclasses.dataclass(frozen=True)
class Scale:
    partners: int
    officials: int
    contacts: int
    visits: int
    commitments: int
    officers: int = 50

    @classmethod
    def named(cls, name: str) -> Scale:
        full = cls(
            partners=10_000,
            officials=100_000,
            contacts=1_000_000,
            visits=100_000,
            commitments=100_000,
        )
        divisor = {"full": 1, "medium": 10, "small": 100}[name]
        return cls(
            partners=full.partners // divisor,
            officials=full.officials // divisor,
            contacts=full.contacts // divisor,
            visits=full.visits // divisor,
            commitments=full.commitments // divisor,
        )


STEPS = [
    (
        "users",
        """
        INSERT INTO crm_user (password, is_superuser, username, first_name, last_name, email,
                              is_staff, is_active, date_joined, language, roc_dates, calendar_key)
        SELECT '!', false, 'bench_officer_' || g, '', '', 'bench' || g || '@city.example',
               true, true, now(), CASE WHEN g %% 3 = 0 THEN 'en' ELSE 'zh-hant' END, true,
               md5('bench-calendar-' || g)
        FROM generate_series(1, %(officers)s) g
        """,
    ),
    (
        "partners",
        """
        INSERT INTO relations_partner (name, name_local, kind, jurisdiction, country, region,
            population, time_zone, website, status, owner_id, notes, established_on,
            established_precision, created_at, updated_at, version)
        SELECT 'Bench City ' || g, '測試市' || g,
               (ARRAY['sister','friendship','prospective'])[1 + g %% 3],
               'city', (ARRAY['US','JP','DE','FR','KR','GB','AU','CA'])[1 + g %% 8],
               'Region ' || (g %% 50), 10000 + g * 7, 'America/Los_Angeles', '',
               (ARRAY['active','active','active','dormant','ended'])[1 + g %% 5],
               (SELECT min(id) FROM crm_user WHERE username LIKE 'bench_officer_%%')
                   + g %% %(officers)s,
               '', DATE '1960-01-01' + (g * 37) %% 23000, 'day', now(), now(), 1
        FROM generate_series(1, %(partners)s) g
        """,
    ),
    (
        "agreements",
        """
        INSERT INTO relations_agreement (partner_id, kind, signed_on, signed_precision, title,
            title_local, signatories, reference, notes, commemorate, created_at, updated_at,
            version)
        SELECT p.id, 'sister_city', p.established_on, 'day', '', '', '', '', '', true,
               now(), now(), 1
        FROM relations_partner p WHERE p.name LIKE 'Bench City %%'
        """,
    ),
    (
        "officials",
        """
        INSERT INTO relations_official (name, name_local, form_of_address, title, title_local,
            role, partner_id, email, phone, preferred_language, term_start, term_end, notes,
            created_at, updated_at, version)
        SELECT 'Official ' || g, '官員' || g, '', 'Deputy Mayor', '副市長',
               (ARRAY['mayor','deputy_mayor','council_member','agency_head','other'])[1 + g %% 5],
               first.id + g %% %(partners)s, '', '', '', NULL,
               CASE WHEN g %% 4 = 0 THEN DATE '2020-12-31' END, '', now(), now(), 1
        FROM generate_series(1, %(officials)s) g,
             (SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%') first
        """,
    ),
    (
        "contacts",
        """
        INSERT INTO relations_contact (partner_id, occurred_on, channel, direction, subject,
            summary, created_at, updated_at, version)
        SELECT first.id + g %% %(partners)s, DATE '2026-11-01' - (g %% 3650),
               (ARRAY['meeting','email','phone','video','letter'])[1 + g %% 5],
               'mutual', 'Contact ' || g, '', now(), now(), 1
        FROM generate_series(1, %(contacts)s) g,
             (SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%') first
        """,
    ),
    (
        "visits",
        """
        INSERT INTO visits_visit (title, title_local, direction, category, purpose, start_on,
            end_on, status, summary, insights, recommendations, report_due_on, created_at,
            updated_at, version)
        SELECT 'Bench visit ' || g, '', (ARRAY['outbound','inbound'])[1 + g %% 2], 'exchange',
               '', DATE '2016-01-01' + g %% 3900, DATE '2016-01-06' + g %% 3900, 'completed',
               '', '', '', DATE '2016-04-06' + g %% 3900, now(), now(), 1
        FROM generate_series(1, %(visits)s) g
        """,
    ),
    (
        "visit partners",
        """
        INSERT INTO visits_visitpartner (visit_id, partner_id)
        SELECT v.id, first.id + v.id %% %(partners)s
        FROM visits_visit v,
             (SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%') first
        WHERE v.title LIKE 'Bench visit %%'
        """,
    ),
    (
        "commitments",
        """
        INSERT INTO visits_commitment (title, details, kind, partner_id, owner_id, due_on,
            priority, status, completed_on, outcome, created_at, updated_at, version)
        SELECT 'Bench commitment ' || g, '', 'invitation', first.id + g %% %(partners)s,
               officer.id + g %% %(officers)s, DATE '2026-06-01' + g %% 400, 'normal',
               CASE WHEN g %% 3 = 0 THEN 'done' ELSE 'open' END,
               CASE WHEN g %% 3 = 0 THEN DATE '2026-01-01' END,
               CASE WHEN g %% 3 = 0 THEN 'Done' ELSE '' END, now(), now(), 1
        FROM generate_series(1, %(commitments)s) g,
             (SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%') first,
             (SELECT min(id) AS id FROM crm_user WHERE username LIKE 'bench_officer_%%') officer
        """,
    ),
]


# The reports (SPEC §5.7) also read gifts, events and invitations, and commitments by visit.
# Added to a data set generated before them by ``generate_report_data`` (idempotent).
REPORT_STEPS = [
    (
        "gifts",
        """
        INSERT INTO visits_gift (direction, description, date, partner_id, currency, value_twd,
            disposition, notes, created_at, updated_at, version)
        SELECT (ARRAY['received','given'])[1 + g %% 2], 'Bench gift ' || g,
               DATE '2026-11-01' - (g %% 3650), first.id + g %% %(partners)s, 'TWD',
               CASE WHEN g %% 5 = 0 THEN NULL ELSE (g * 37) %% 20000 END,
               'pending', '', now(), now(), 1
        FROM generate_series(1, %(commitments)s) g,
             (SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%') first
        """,
    ),
    (
        "events",
        """
        INSERT INTO visits_event (title, starts_on, location, description, owner_id, created_at,
            updated_at, version)
        SELECT 'Bench event ' || g, DATE '2016-01-01' + (g * 7) %% 3900, '', '',
               officer.id + g %% %(officers)s, now(), now(), 1
        FROM generate_series(1, GREATEST(1, %(partners)s / 10)) g,
             (SELECT min(id) AS id FROM crm_user WHERE username LIKE 'bench_officer_%%') officer
        """,
    ),
    (
        "invitations",
        """
        INSERT INTO visits_invitation (event_id, invitee_id, owner_id, status, sent_on, notes,
            created_at, updated_at, version)
        SELECT e.first + g %% e.n, o.first + g - 1, officer.id + g %% %(officers)s,
               (ARRAY['sent','accepted','declined'])[1 + g %% 3], DATE '2025-01-01', '',
               now(), now(), 1
        FROM generate_series(1, %(officials)s) g,
             (SELECT min(id) AS first, count(*) AS n FROM visits_event
              WHERE title LIKE 'Bench event %%') e,
             (SELECT min(o.id) AS first FROM relations_official o
              JOIN relations_partner p ON p.id = o.partner_id
              WHERE p.name LIKE 'Bench City %%') o,
             (SELECT min(id) AS id FROM crm_user WHERE username LIKE 'bench_officer_%%') officer
        """,
    ),
    (
        "commitments from visits",
        """
        UPDATE visits_commitment c SET visit_id = v.first + c.id %% %(visits)s
        FROM (SELECT min(id) AS first FROM visits_visit WHERE title LIKE 'Bench visit %%') v
        WHERE c.title LIKE 'Bench commitment %%' AND c.visit_id IS NULL
        """,
    ),
]


def _run_steps(steps: list, scale: Scale, log) -> None:
    """Run ``steps`` (name, SQL) in one transaction without triggers, then ANALYZE."""
    params = dataclasses.asdict(scale)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for name, sql in steps:
            cursor.execute(sql, params)
            log(f"  {name}: {cursor.rowcount:,} rows")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate_report_data(scale: Scale, log=print) -> None:
    """The rows only the reports read, once (a data set from before them gets them too)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM visits_gift WHERE description LIKE 'Bench gift %%')"
        )
        if cursor.fetchone()[0]:
            return
    _run_steps(REPORT_STEPS, scale, log)


def already_generated() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM relations_partner WHERE name LIKE 'Bench City %%')"
        )
        return cursor.fetchone()[0]


def generate(scale: Scale, log=print) -> None:
    """Insert the data set once (a second call is a no-op), then ANALYZE."""
    if already_generated():
        log("bench data already present")
        return
    _run_steps(STEPS, scale, log)


def grant_roles() -> None:
    """The generated officers read through the API as officers do (idempotent)."""
    from django.contrib.auth.models import Group

    from crm.core.models import User

    officer = Group.objects.get(name="officer")
    officer.user_set.add(*User.objects.filter(username__startswith="bench_officer_"))
