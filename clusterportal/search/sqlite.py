"""Search on SQLite (the demo database): every word, case-folded, must start a word of a field.

SQLite's ``LIKE`` folds ASCII only, so a ``casefold`` SQL function is registered on every
SQLite connection. Candidates (found by substring) are then checked in Python against the
fields' plain text — rich text is HTML: "strong" must not find every article with bold type —
and ranked by the weights of the fields that match.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import F, Func, Q, TextField

from clusterportal.registry import ContentType
from clusterportal.search.text import field_texts
from clusterportal.search.words import fold, loose_prefix, starts_a_word

#: A title match outweighs matches in every other field together (a type has a few of those).
WEIGHTS = {"A": 1.0, "B": 0.2, "C": 0.1, "D": 0.05}
#: At most this many candidates (newest first) are read before ranking them in Python.
MAX_CANDIDATES = 2000


class CaseFold(Func):
    """``casefold(text)``: the SQL function ``register_functions`` adds to SQLite."""

    function = "casefold"
    output_field = TextField()


def register_functions(sender, connection, **kwargs) -> None:
    """On every new SQLite connection (signal ``connection_created``): ``casefold(text)``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("casefold", 1, fold, deterministic=True)


def matching(content_type: ContentType, words: list[str], limit: int) -> list[tuple[object, float]]:
    """The published items of ``content_type`` that match every word, best first, with their rank."""
    prefixes = [loose_prefix(word) for word in words]
    folded = {path: f"search_folded_{number}" for number, path in enumerate(content_type.search_fields)}
    every_word = reduce(
        and_, (reduce(or_, (Q(**{f"{alias}__contains": p}) for alias in folded.values())) for p in prefixes)
    )
    rows = (
        content_type.published()
        .alias(**{alias: CaseFold(F(path)) for path, alias in folded.items()})
        .filter(every_word)
        .order_by("-published_at", "-pk")
    )
    found = []
    for row in rows[:MAX_CANDIDATES]:
        texts = {path: fold(text) for path, text in field_texts(row, content_type).items()}
        if not all(any(starts_a_word(text, p) for text in texts.values()) for p in prefixes):
            continue  # the word was only inside the markup, or inside another word
        matched = [path for path, text in texts.items() if any(starts_a_word(text, p) for p in prefixes)]
        found.append((row, sum(WEIGHTS[content_type.search_fields[path]] for path in matched)))
    found.sort(key=lambda pair: -pair[1])  # stable: newest first among equals
    return found[:limit]
