"""The physical-limit controls of the benchmark: raw SQL returning the same page as JSON.

Each query picks the page's rows first, then builds, in PostgreSQL alone, the JSON page
the API returns (same rows, same fields in the same order, computed columns and the
``count`` of the whole list included; the ``next``/``previous`` links left out, time
stamps in UTC where the API writes the office's zone), so the ratio
API time / raw time says how much the Django + DRF layers cost on top of the database
work that cannot be avoided.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection


def _in_year(year: str) -> str:
    """The anniversary of a.signed_on in ``year``: its month and day, clamped to the
    month's end (29 February → 28 February in common years)."""
    first = f"make_date({year}, EXTRACT(MONTH FROM a.signed_on)::int, 1)"
    return (
        f"LEAST({first} + (EXTRACT(DAY FROM a.signed_on)::int - 1), "
        f"({first} + interval '1 month - 1 day')::date)"
    )


_THIS_YEAR = _in_year("GREATEST(EXTRACT(YEAR FROM %(today)s::date)::int, "
                      "EXTRACT(YEAR FROM a.signed_on)::int + 1)")  # fmt: skip
_NEXT_YEAR = _in_year("GREATEST(EXTRACT(YEAR FROM %(today)s::date)::int, "
                      "EXTRACT(YEAR FROM a.signed_on)::int + 1) + 1")  # fmt: skip

PARTNERS_PAGE = f"""
SELECT json_build_object(
  'count', (SELECT count(*) FROM relations_partner),
  'results', COALESCE(json_agg(row_to_json(page)), '[]'))
FROM (
  SELECT p.id, p.name, p.name_local, p.kind, p.jurisdiction, p.country, p.region, p.population,
         p.time_zone, p.website, p.status, p.owner_id AS owner,
         COALESCE((SELECT array_agg(t.slug ORDER BY t.name, t.id) FROM relations_partner_topics pt
                   JOIN relations_topic t ON t.id = pt.topic_id WHERE pt.partner_id = p.id),
                  '{{}}') AS topics,
         p.notes, p.established_on, p.established_precision,
         (SELECT json_build_object(
                     'date', n.d,
                     'years', EXTRACT(YEAR FROM n.d) - EXTRACT(YEAR FROM a.signed_on),
                     'is_milestone',
                     (EXTRACT(YEAR FROM n.d) - EXTRACT(YEAR FROM a.signed_on))::int %% 5 = 0,
                     'approximate', a.signed_precision <> 'day')
            FROM relations_agreement a,
                 LATERAL (SELECT CASE WHEN {_THIS_YEAR} >= %(today)s::date
                                      THEN {_THIS_YEAR} ELSE {_NEXT_YEAR} END AS d) n
           WHERE a.partner_id = p.id AND a.commemorate ORDER BY n.d, a.id LIMIT 1)
           AS next_anniversary,
         lc.last_contact_on,
         (SELECT count(*) FROM visits_commitment c WHERE c.partner_id = p.id
             AND c.status IN ('open', 'in_progress')) AS open_commitments,
         (SELECT count(*) FROM visits_commitment c WHERE c.partner_id = p.id
             AND c.status IN ('open', 'in_progress') AND c.due_on < %(today)s)
             AS overdue_commitments,
         CASE WHEN GREATEST(lc.last_contact_on, lv.last_visit_on) >= %(today)s::date - 180
              THEN 'active'
              WHEN GREATEST(lc.last_contact_on, lv.last_visit_on) >= %(today)s::date - 365
              THEN 'cooling'
              ELSE 'dormant' END AS health,
         p.version, p.created_at, p.updated_at, p.created_by_id AS created_by
  FROM (SELECT * FROM relations_partner ORDER BY name, id LIMIT 100 OFFSET %(offset)s) p
  LEFT JOIN LATERAL (SELECT max(occurred_on) AS last_contact_on FROM relations_contact c
                     WHERE c.partner_id = p.id AND c.occurred_on <= %(today)s) lc ON TRUE
  LEFT JOIN LATERAL (SELECT max(LEAST(v.end_on, %(today)s::date)) AS last_visit_on
                     FROM visits_visitpartner vp JOIN visits_visit v ON v.id = vp.visit_id
                     WHERE vp.partner_id = p.id AND v.start_on <= %(today)s
                       AND v.status <> 'cancelled') lv ON TRUE
  ORDER BY p.name, p.id
) page
"""

CONTACTS_PAGE = """
SELECT json_build_object(
  'count', (SELECT count(*) FROM relations_contact WHERE partner_id = %(partner)s),
  'results', COALESCE(json_agg(row_to_json(page)), '[]'))
FROM (
  SELECT c.id, c.partner_id AS partner, c.organization_id AS organization, c.occurred_on,
         c.occurred_precision, c.occurred_at, c.channel, c.direction, c.subject_local,
         c.subject, c.summary_local, c.summary,
         COALESCE((SELECT array_agg(o.official_id ORDER BY f.name, f.name_local, o.official_id)
                   FROM relations_contact_officials o
                   JOIN relations_official f ON f.id = o.official_id
                   WHERE o.contact_id = c.id), '{}') AS officials,
         COALESCE((SELECT array_agg(s.user_id ORDER BY u.username, s.user_id)
                   FROM relations_contact_staff s JOIN crm_user u ON u.id = s.user_id
                   WHERE s.contact_id = c.id), '{}') AS staff,
         COALESCE((SELECT array_agg(t.slug ORDER BY t.name, t.id) FROM relations_contact_topics ct
                   JOIN relations_topic t ON t.id = ct.topic_id WHERE ct.contact_id = c.id),
                  '{}') AS topics,
         c.visit_id AS visit, c.version, c.created_at, c.updated_at, c.created_by_id AS created_by
  FROM relations_contact c
  WHERE c.partner_id = %(partner)s
  ORDER BY c.occurred_on DESC, c.occurred_at DESC NULLS LAST, c.id DESC
  LIMIT 100
) page
"""

# The bare indexed query the anniversary selector is held against: the same rows — the
# commemorated agreements whose month-day is in the window, read through the same
# month-day index, with the names of their partners that are not ended (what every
# anniversary shows) — with nothing computed (no date, no years, no flags) and no sort.
# Until 2026-11-30 it read the agreements alone; README "Benchmark" gives both ratios.
ANNIVERSARY_BARE = """
SELECT a.id, a.partner_id, a.signed_on, p.name, p.name_local FROM relations_agreement a
JOIN relations_partner p ON p.id = a.partner_id
WHERE a.commemorate AND p.status <> 'ended' {window_filter}
"""

# The earlier control: the agreements alone, without their partners.
ANNIVERSARY_AGREEMENTS_ONLY = """
SELECT a.id, a.partner_id, a.signed_on FROM relations_agreement a
WHERE a.commemorate {window_filter}
"""


def window_filter(start: dt.date, end: dt.date) -> str:
    """The anniversary controls' WHERE: the month-days the selector reads for [start, end]
    (``relations.anniversaries.month_day_parts``), the same index reads."""
    from relations.anniversaries import month_day_parts

    parts = " OR ".join(
        f"a.month_day BETWEEN {part.first} AND {part.last}" for part in month_day_parts(start, end)
    )
    return f"AND ({parts})"


def fetch_json(sql: str, params: dict) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def partners_page(today: dt.date, offset: int = 0):
    return fetch_json(PARTNERS_PAGE, {"today": today, "offset": offset})


def contacts_page(partner_id: int):
    return fetch_json(CONTACTS_PAGE, {"partner": partner_id})


def fetch_rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
