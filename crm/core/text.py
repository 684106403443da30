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

from django.db.models import F, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import IContains, IStartsWith
from opencc import OpenCC

_SPACES = re.compile(r"\s+")


@cache
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def normalise_query(text: str) -> str:
    """``text`` with runs of white space (and NULs, which PostgreSQL refuses) as one space,
    trimmed."""
    return _SPACES.sub(" ", (text or "").replace("\x00", " ")).strip()


def simplified(text: str) -> str:
    """``text`` in Simplified script (OpenCC ``t2s``): one spelling to compare names by."""
    return _converter("t2s").convert(text)


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


#: The longest query a search accepts (characters, after normalising), and the most words.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


def query_words(text: str) -> list[list[str]]:
    """The words of a query, each as its spellings (``script_variants``): ``"塔可玛 Hines"`` →
    ``[["塔可玛", "塔可瑪"], ["Hines"]]``. At most ``MAX_QUERY_WORDS`` words."""
    return [
        script_variants(word) for word in normalise_query(text).split(" ")[:MAX_QUERY_WORDS] if word
    ]


# Chinese (and Japanese, Korean, full-width) characters: each is set apart by spaces in the
# searched text and in the words looked for, so that pg_trgm, which indexes the trigrams of
# each space-separated word, indexes every such character on its own ("  美", " 美 "): a
# two-character word like 美國 is then found through the index too (its characters'
# trigrams, then the LIKE on the spaced text confirms they are adjacent). Latin words keep
# their own trigrams. One rule, applied alike in SQL and in Python (``spaced``).
WIDE_CHARACTERS = r"[\u2e80-\uffff\U00020000-\U0003ffff]"
_WIDE = re.compile(f"({WIDE_CHARACTERS})")


def spaced(text: str) -> str:
    """``text`` as ``SearchDocument`` sets it: every wide character between spaces
    (``美國`` → `` 美  國 ``)."""
    return _WIDE.sub(r" \1 ", text)


class SearchDocument(Func):
    """The columns ``fields`` of a row as one text, space-separated, its wide characters
    spaced apart (``spaced``): ``regexp_replace(("name"::text || ' ' || "name_local"::text),
    '([…])', ' \1 ', 'g')``. A word is matched against this one expression instead of each
    column: a query of several words is then one scan of one trigram GIN index over
    ``UPPER(<document>)`` (relations 0011, visits 0008), which intersects the words'
    trigrams inside the index. The columns must be NOT NULL (a NULL would blank the whole
    document); a word holds no space, so it never matches across two columns.
    """

    template = "regexp_replace((%(expressions)s), '(" + WIDE_CHARACTERS + ")', ' \\1 ', 'g')"
    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self, *fields: str):
        super().__init__(*(Cast(F(field), TextField()) for field in fields))


#: A word of Latin letters or digits shorter than this has no trigram of its own inside a
#: text: it is looked for at the start of a word instead (see ``word_matches``).
SHORT_WORD = 3


def word_matches(document: SearchDocument, spelling: str) -> Q:
    """``document`` contains ``spelling`` (case ignored), as an index condition:
    ``UPPER(<document>) LIKE UPPER('%word%')``, the word spaced as the document is. A
    Latin word of one or two characters (``US``, ``57``, ``LA``) is looked for at the start
    of a word (after a space, or at the start of the text): inside a word it would give
    pg_trgm no trigram, and the whole table would be read."""
    if len(spelling) < SHORT_WORD and not _WIDE.search(spelling):
        return Q(IContains(document, f" {spelling}")) | Q(IStartsWith(document, spelling))
    return Q(IContains(document, spaced(spelling)))


def words_match(fields: tuple[str, ...], words: list[list[str]], extra=None) -> Q:
    """Every word appears (case ignored, any spelling) in one of ``fields``: the AND over
    words of the OR over spellings of ``word_matches`` on the ``SearchDocument`` of
    ``fields``.

    ``extra(spellings)`` may give one more way for a word to match (a ``Q``, or ``None``),
    e.g. a country's name matching the partners of that country. No words: nothing matches.
    """
    if not words:
        return Q(pk__in=[])
    document = SearchDocument(*fields)
    condition = Q()
    for spellings in words:
        either = Q()
        for spelling in spellings:
            either |= word_matches(document, spelling)
        more = extra(spellings) if extra else None
        condition &= either | more if more is not None else either
    return condition
