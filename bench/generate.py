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


# The partner page and the visit page (``bench/run.py``'s ``measure_pages``) are measured on
# one partner with a long history and one visit with a full programme: the first generated
# partner gets contacts up to ``LONG_HISTORY_CONTACTS`` (with the officials met), and one
# visit, "Bench delegation visit", gets a delegation, 50 engagements, the commitments made
# at them and the gifts exchanged. The same sizes at every scale: they are one page's rows.
# Each step adds only what is missing, so it also completes a data set from before it.
LONG_HISTORY_CONTACTS = 1_000
PAGE_VISIT_TITLE = "Bench delegation visit"
PAGE_VISIT_ENGAGEMENTS = 50
_FIRST_PARTNER = "(SELECT min(id) AS id FROM relations_partner WHERE name LIKE 'Bench City %%')"
_FIRST_OFFICER = "(SELECT min(id) AS id FROM crm_user WHERE username LIKE 'bench_officer_%%')"
_PAGE_VISIT = "(SELECT id, start_on FROM visits_visit WHERE title = %(visit_title)s)"
PAGE_STEPS = [
    (
        "contacts of the long-history partner",
        f"""
        INSERT INTO relations_contact (partner_id, occurred_on, occurred_at, channel, direction,
            subject, subject_local, summary, summary_local, created_by_id, occurred_precision,
            created_at, updated_at, version)
        SELECT first.id, DATE '2026-11-24' - (g * 7) %% 3650,
               TIME '09:00' + (g %% 9) * INTERVAL '1 hour',
               (ARRAY['meeting','email','phone','video','letter'])[1 + g %% 5],
               (ARRAY['incoming','outgoing','mutual'])[1 + g %% 3],
               'Bench history contact ' || g, '歷史聯絡' || g,
               'Agreed next steps on the youth exchange, round ' || g || '. '
                   || repeat('Follow-up notes. ', 8),
               '青年交流第' || g || '輪後續事項。' || repeat('後續紀錄。', 8),
               officer.id + g %% 10, 'day', now() - g * INTERVAL '1 hour', now(), 1
        FROM {_FIRST_PARTNER} first, {_FIRST_OFFICER} officer,
             generate_series(1, GREATEST(0, %(long_history_contacts)s
                 - (SELECT count(*) FROM relations_contact WHERE partner_id = first.id))::int) g
        """,
    ),
    (
        "officials met at those contacts",
        """
        INSERT INTO relations_contact_officials (contact_id, official_id)
        SELECT c.id, o.id
        FROM relations_contact c
        CROSS JOIN LATERAL (
            SELECT id FROM relations_official WHERE partner_id = c.partner_id
            ORDER BY id OFFSET c.id %% 5 LIMIT 1 + c.id %% 2
        ) o
        WHERE c.subject LIKE 'Bench history contact %%'
          AND NOT EXISTS (SELECT 1 FROM relations_contact_officials x WHERE x.contact_id = c.id)
        """,
    ),
    (
        "the page's visit",
        f"""
        INSERT INTO visits_visit (title, title_local, direction, category, purpose, purpose_local,
            start_on, end_on, status, summary, summary_local, insights, insights_local,
            recommendations, recommendations_local, report_due_on, date_precision,
            created_by_id, created_at, updated_at, version)
        SELECT %(visit_title)s, '測試市政參訪團', 'outbound', 'exchange',
               'Sister-city exchange and a municipal study tour.', '姊妹市交流及市政考察。',
               DATE '2026-10-05', DATE '2026-10-16', 'completed', '', '', '', '', '', '',
               DATE '2027-01-14', 'day', officer.id, now(), now(), 1
        FROM {_FIRST_OFFICER} officer
        WHERE NOT EXISTS (SELECT 1 FROM visits_visit WHERE title = %(visit_title)s)
        """,
    ),
    (
        "its partners",
        f"""
        INSERT INTO visits_visitpartner (visit_id, partner_id)
        SELECT v.id, first.id + g
        FROM {_PAGE_VISIT} v, {_FIRST_PARTNER} first, generate_series(0, 2) g
        WHERE NOT EXISTS (SELECT 1 FROM visits_visitpartner x WHERE x.visit_id = v.id)
        """,
    ),
    (
        "its delegation",
        f"""
        INSERT INTO visits_delegationmember (visit_id, "order", name, name_local, department,
            department_local, title, title_local, role, joined_on, left_on, notes, user_id,
            created_at, updated_at, version)
        SELECT v.id, g, 'Member ' || g, '團員' || g, 'Department ' || g %% 6, '局處' || g %% 6,
               'Director', '局長', CASE WHEN g = 1 THEN 'leader' ELSE 'member' END,
               CASE WHEN g %% 7 = 0 THEN v.start_on + 2 END,
               CASE WHEN g %% 9 = 0 THEN v.start_on + 9 END, '',
               CASE WHEN g <= 5 THEN officer.id + g END, now(), now(), 1
        FROM {_PAGE_VISIT} v, {_FIRST_OFFICER} officer, generate_series(1, 20) g
        WHERE NOT EXISTS (SELECT 1 FROM visits_delegationmember x WHERE x.visit_id = v.id)
        """,
    ),
    (
        "absences",
        f"""
        INSERT INTO visits_memberabsence (member_id, starts_on, ends_on, reason)
        SELECT m.id, v.start_on + 3, v.start_on + 4, 'Typhoon'
        FROM {_PAGE_VISIT} v JOIN visits_delegationmember m ON m.visit_id = v.id
        WHERE m."order" %% 4 = 0
          AND NOT EXISTS (SELECT 1 FROM visits_memberabsence x WHERE x.member_id = m.id)
        """,
    ),
    (
        "its engagements",
        f"""
        INSERT INTO visits_engagement (visit_id, date, start_time, end_time, time_zone, kind,
            title, title_local, location, notes, notes_local, "order", partner_id,
            created_at, updated_at, version)
        SELECT v.id, v.start_on + (g - 1) * 12 / %(visit_engagements)s,
               TIME '08:30' + (g %% 5) * INTERVAL '2 hours',
               TIME '09:30' + (g %% 5) * INTERVAL '2 hours',
               (ARRAY['America/Los_Angeles','America/New_York'])[1 + g %% 2],
               (ARRAY['courtesy_call','meeting','company_visit','site_visit','banquet'])
                   [1 + g %% 5],
               'Engagement ' || g, '行程' || g, 'City Hall, room ' || g, '', '', g,
               first.id + g %% 3, now(), now(), 1
        FROM {_PAGE_VISIT} v, {_FIRST_PARTNER} first,
             generate_series(1, %(visit_engagements)s) g
        WHERE NOT EXISTS (SELECT 1 FROM visits_engagement x WHERE x.visit_id = v.id)
        """,
    ),
    (
        "officials met",
        f"""
        INSERT INTO visits_engagement_officials (engagement_id, official_id)
        SELECT e.id, o.id
        FROM {_PAGE_VISIT} v JOIN visits_engagement e ON e.visit_id = v.id
        CROSS JOIN LATERAL (
            SELECT id FROM relations_official WHERE partner_id = e.partner_id
            ORDER BY id OFFSET e."order" %% 5 LIMIT 2
        ) o
        WHERE NOT EXISTS (SELECT 1 FROM visits_engagement_officials x WHERE x.engagement_id = e.id)
        """,
    ),
    (
        "commitments made at them",
        f"""
        INSERT INTO visits_commitment (title, title_local, details, details_local, kind,
            partner_id, owner_id, engagement_id, due_on, priority, status, completed_on,
            outcome, outcome_local, created_at, updated_at, version)
        SELECT 'Bench promise ' || e."order", '測試承諾' || e."order", '', '',
               (ARRAY['invitation','visit','exchange','information'])[1 + e."order" %% 4],
               e.partner_id, officer.id + e."order" %% 10, e.id,
               DATE '2026-11-01' + e."order" * 3, 'normal',
               CASE WHEN e."order" %% 4 = 0 THEN 'done' ELSE 'open' END,
               CASE WHEN e."order" %% 4 = 0 THEN DATE '2026-11-20' END,
               CASE WHEN e."order" %% 4 = 0 THEN 'Done' ELSE '' END, '', now(), now(), 1
        FROM {_PAGE_VISIT} v JOIN visits_engagement e ON e.visit_id = v.id, {_FIRST_OFFICER} officer
        WHERE e."order" <= 30
          AND NOT EXISTS (SELECT 1 FROM visits_commitment x WHERE x.engagement_id = e.id)
        """,
    ),
    (
        "gifts exchanged",
        f"""
        INSERT INTO visits_gift (direction, description, description_local, date, visit_id,
            member_id, partner_id, official_id, estimated_value, currency, value_twd,
            disposition, notes, created_at, updated_at, version)
        SELECT (ARRAY['received','given'])[1 + m."order" %% 2], 'Bench souvenir ' || m."order",
               '紀念品' || m."order", v.start_on + m."order" %% 12, v.id, m.id, first.id,
               (SELECT min(id) FROM relations_official WHERE partner_id = first.id),
               100 * m."order", 'USD', 3200 * m."order", 'pending', '', now(), now(), 1
        FROM {_PAGE_VISIT} v JOIN visits_delegationmember m ON m.visit_id = v.id,
             {_FIRST_PARTNER} first
        WHERE NOT EXISTS (SELECT 1 FROM visits_gift x WHERE x.visit_id = v.id)
        """,
    ),
]


def _run_steps(steps: list, scale: Scale, log) -> None:
    """Run ``steps`` (name, SQL) in one transaction without triggers, then ANALYZE."""
    params = {
        **dataclasses.asdict(scale),
        "long_history_contacts": LONG_HISTORY_CONTACTS,
        "visit_title": PAGE_VISIT_TITLE,
        "visit_engagements": PAGE_VISIT_ENGAGEMENTS,
    }
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


def generate_page_data(scale: Scale, log=print) -> None:
    """The long-history partner's contacts and the full visit, once (each step adds only
    what is missing, so a data set from before them gets them too)."""
    if page_subjects() is not None:
        return
    _run_steps(PAGE_STEPS, scale, log)


def page_subjects() -> tuple[int, int] | None:
    """(partner id, visit id) of the pages ``measure_pages`` opens, once they are complete."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT first.id, v.id FROM {_FIRST_PARTNER} first, {_PAGE_VISIT} v
            WHERE (SELECT count(*) FROM relations_contact WHERE partner_id = first.id)
                  >= %(long_history_contacts)s
              AND EXISTS (SELECT 1 FROM visits_gift g WHERE g.visit_id = v.id)
            """,
            {"visit_title": PAGE_VISIT_TITLE, "long_history_contacts": LONG_HISTORY_CONTACTS},
        )
        return cursor.fetchone()


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
