"""Search on PostgreSQL: full-text search over a vector stored with every item.

The vector is two vectors in one: the item's language's configuration (``russian`` for a Russian
item: its Snowball stemmer for Cyrillic words and English for Latin ones; ``english`` for an
English item) and ``simple`` (unstemmed, so a typed word beginning always matches). A query is
stemmed in the page's language and finds that language's items only (the registry's
``published()`` is the page's language). Queries are prefix queries
(``word:*``) ranked by ``SearchRank`` with the fields' weights. Only letters and digits ever
reach a tsquery (``words.WORD``), so no tsquery syntax comes from a visitor.
"""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value

from clusterportal import languages, registry
from clusterportal.registry import ContentType
from clusterportal.search.text import field_texts
from clusterportal.search.words import prefix


def matching(content_type: ContentType, words: list[str], limit: int) -> list[tuple[object, float]]:
    """The published items of ``content_type`` that match every word, best first, with their rank."""
    # Each word: a stemmed prefix (other forms of the word) or an unstemmed one (a typed word
    # beginning: "vaccinat" is no prefix of the stem "vaccin", but is of "vaccination").
    config = languages.SEARCH_CONFIGS[languages.current()]
    query = reduce(
        and_,
        (
            SearchQuery(f"{prefix(word)}:*", search_type="raw", config=config)
            | SearchQuery(f"{word}:*", search_type="raw", config="simple")
            for word in words
        ),
    )
    rows = (
        content_type.published()
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-published_at", "-pk")[:limit]
    )
    return [(row, row.search_rank) for row in rows]


def index(obj, content_type: ContentType | None = None) -> None:
    """Write ``obj.search_vector``: each weight's fields as plain text, twice — stemmed in the
    item's language and unstemmed ("simple"). PostgreSQL only; one UPDATE."""
    if connection.vendor != "postgresql":
        return
    content_type = content_type or registry.for_model(type(obj))
    if content_type is None or not content_type.search_fields:
        return
    by_weight: dict[str, list[str]] = {}
    for path, text in field_texts(obj, content_type).items():
        by_weight.setdefault(content_type.search_fields[path], []).append(text.replace("ё", "е").replace("Ё", "Е"))
    vector = reduce(
        lambda a, b: a + b,
        (
            SearchVector(Value(" ".join(texts)), weight=weight, config=config)
            for config in (languages.SEARCH_CONFIGS.get(obj.language, "simple"), "simple")
            for weight, texts in by_weight.items()
        ),
    )
    type(obj)._base_manager.filter(pk=obj.pk).update(search_vector=vector)


def index_all(*, missing_only: bool = False) -> int:
    """(Re)write the search vectors of every item, or of those without one; how many."""
    if connection.vendor != "postgresql":
        return 0
    count = 0
    for content_type in registry.searchable():
        items = content_type.model._base_manager.select_related(*_links(content_type))
        if missing_only:
            items = items.filter(search_vector__isnull=True)
        for item in items.iterator(chunk_size=500):
            index(item, content_type)
            count += 1
    return count


def _links(content_type: ContentType) -> set[str]:
    return {path.split("__", 1)[0] for path in content_type.search_fields if "__" in path}


def index_missing_after_migrate(sender, **kwargs) -> None:
    """``post_migrate``: items saved before the search existed (or loaded raw) get a vector.

    Not when a migration back in time has taken the table or the column away (``migrate news
    0001``, ``migrate media_center zero``).
    """
    if connection.vendor != "postgresql":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for content_type in registry.searchable():
            table = content_type.model._meta.db_table
            if table not in tables:
                return
            columns = {column.name for column in connection.introspection.get_table_description(cursor, table)}
            if "search_vector" not in columns:
                return
    index_all(missing_only=True)
