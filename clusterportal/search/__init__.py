"""
Site-wide search (``/search/?q=``): one box over every content type that declares
``search_fields`` in its registry entry (clusterportal.registry), with a weight per field
(PostgreSQL's weights, "A" highest)::

    search_fields={"title": "A", "lead": "B", "category__name": "B", "body": "C"},
    snippet_fields=("lead", "body"),

Every word of the query must match, in any of the fields; a word matches the words that start
with it, and Russian words are trimmed of a short ending first (``words``), so that "галерея"
finds "галереи" and "завода" finds "завод". "ё" and "е" are the same letter to the search.

One module a job: ``words`` (reading a query), ``text`` (what is read and shown), ``forms``,
``postgresql`` (stored vectors, full-text queries), ``sqlite`` (substring candidates checked
in Python), ``signals`` (keeping the vectors current). One query per type, whatever the page;
at most ``MAX_HITS_PER_TYPE`` hits each, merged and ranked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from clusterportal import registry
from clusterportal.registry import ContentType
from clusterportal.search import postgresql, sqlite
from clusterportal.search.text import excerpt, first_match, highlight, plain_text, rich_fields, value_of
from clusterportal.search.words import query_words

MAX_HITS_PER_TYPE = 200


@dataclass
class Hit:
    type: ContentType
    object: object
    rank: float
    words: list[str] = field(repr=False)

    @property
    def url(self) -> str:
        return self.object.get_absolute_url()

    @property
    def title(self) -> SafeString:
        return highlight(str(self.object.title), self.words)

    @property
    def snippet(self) -> SafeString:
        rich = rich_fields(self.type)
        texts = [plain_text(value_of(self.object, path), rich=path in rich) for path in self.type.snippet_fields]
        texts = [text for text in texts if text]
        for text in texts:
            start = first_match(text, self.words)
            if start is not None:
                return highlight(excerpt(text, start), self.words)
        return highlight(excerpt(texts[0], 0), self.words) if texts else mark_safe("")


@dataclass
class Results:
    hits: list[Hit]  #: of the chosen type (or every type), best first
    counts: list[tuple[ContentType, int]]  #: per type with hits, in the types' order
    capped: bool  #: a type shown had more than MAX_HITS_PER_TYPE hits; the rest are not shown
    capped_keys: set[str] = field(default_factory=set)  #: the types that had more


def search(query: str, kind: str = "") -> Results:
    """Published items that match every word of ``query``; only type ``kind``'s if given."""
    words = query_words(query)
    types = registry.searchable()
    # Each type answers at most one hit more than it may show: that one says "there are more".
    by_type = {ct.key: _search_type(ct, words) for ct in types}
    capped_keys = {key for key, hits in by_type.items() if len(hits) > MAX_HITS_PER_TYPE}
    by_type = {key: hits[:MAX_HITS_PER_TYPE] for key, hits in by_type.items()}
    counts = [(ct, len(by_type[ct.key])) for ct in types if by_type[ct.key]]
    shown = [hit for key, hits in by_type.items() if not kind or key == kind for hit in hits]
    shown.sort(key=lambda hit: (-hit.rank, -hit.object.published_at.timestamp(), hit.type.position))
    capped = bool(capped_keys & ({kind} if kind else set(by_type)))
    return Results(hits=shown, counts=counts, capped=capped, capped_keys=capped_keys)


def _search_type(content_type: ContentType, words: list[str]) -> list[Hit]:
    if not words:
        return []
    backend = postgresql if connection.vendor == "postgresql" else sqlite
    found = backend.matching(content_type, words, MAX_HITS_PER_TYPE + 1)
    return [Hit(content_type, obj, rank, words) for obj, rank in found]
