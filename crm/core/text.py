"""Search text: the spellings of a query in both Chinese scripts.

Records are typed in Traditional Chinese (the office's), Simplified (partners' own
documents, copied names) or Latin letters. A search or a duplicate check folds the two
Chinese scripts by looking for every spelling of the query: as typed, converted to
Simplified (OpenCC ``t2s``) and to Traditional (``s2t``). 塔可玛 therefore finds 塔可瑪 and
塔可瑪 finds 塔可玛; Latin text is unchanged by both conversions, and case is left to the
database (``UPPER(col) LIKE UPPER(%s)``, trigram functions ignore case).
"""

from __future__ import annotations

import re
from functools import cache

from opencc import OpenCC

_SPACES = re.compile(r"\s+")


@cache
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def normalise_query(text: str) -> str:
    """``text`` with runs of white space (and NULs, which PostgreSQL refuses) as one space,
    trimmed."""
    return _SPACES.sub(" ", (text or "").replace("\x00", " ")).strip()


def script_variants(text: str) -> list[str]:
    """The distinct spellings of ``text`` to search for: as typed, Simplified, Traditional
    (normalised; empty text has none)."""
    text = normalise_query(text)
    if not text:
        return []
    found = [text]
    for config in ("t2s", "s2t"):
        converted = _converter(config).convert(text)
        if converted not in found:
            found.append(converted)
    return found
