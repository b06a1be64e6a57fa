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
from django.db.models import Case, F, Func, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Replace

from clusterportal import languages, registry
from clusterportal.registry import ContentType
from clusterportal.search.text import BLOCK_BOUNDARY, rich_fields
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
    # Ranked among the newest CANDIDATES matches only: the GIN index of search_vector finds the
    # matches, and a word in half a million items does not make half a million ranks (each reads
    # a vector of kilobytes). Past that many matches, newer ones outrank older ones.
    newest = (
        content_type.model.objects.published()
        .in_language()
        .filter(search_vector=query)
        .order_by("-published_at", "-pk")
        .values("pk")[: max(limit, CANDIDATES)]
    )
    rows = (
        content_type.published()
        .filter(pk__in=newest)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-published_at", "-pk")[:limit]
    )
    return [(row, row.search_rank) for row in rows]


#: The most matches of one type a search ranks (the newest): twice what the page may show.
CANDIDATES = 400


TEXT = TextField()


def vector(content_type: ContentType):
    """The stored vector of each item of ``content_type``, as one SQL expression: each weight's
    fields as plain text, twice — stemmed in the item's language's configuration and unstemmed
    ("simple"). Computed by the database, so that a million items are one UPDATE per batch rather
    than a million round trips; rich text loses its markup there too (``sql_plain_text``)."""
    model = content_type.model
    rich = rich_fields(content_type)
    by_weight: dict[str, list] = {}
    for path, weight in content_type.search_fields.items():
        text = Cast(_field(model, path), TextField())
        by_weight.setdefault(weight, []).append(_fold_yo(sql_plain_text(text) if path in rich else text))
    language_config = Case(
        *(When(language=code, then=Value(config)) for code, config in languages.SEARCH_CONFIGS.items()),
        default=Value("simple"),
    )
    return reduce(
        lambda a, b: a + b,
        (
            SearchVector(*texts, weight=weight, config=config)
            for config in (language_config, "simple")
            for weight, texts in by_weight.items()
        ),
    )


def sql_plain_text(expression):
    """Rich text (HTML) as plain text, in SQL: what ``text.plain_text`` does in Python. Block
    boundaries become spaces, tags go, and the entities the sanitizer writes are decoded."""
    text = Func(
        expression, Value(BLOCK_BOUNDARY.pattern), Value(" "), Value("gi"), function="regexp_replace", output_field=TEXT
    )
    text = Func(text, Value("<[^>]*>"), Value(""), Value("g"), function="regexp_replace", output_field=TEXT)
    for entity, character in (("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'")):
        text = Replace(text, Value(entity, TEXT), Value(character, TEXT))
    return Replace(text, Value("&amp;", TEXT), Value("&", TEXT))


def _fold_yo(expression):
    """ "ё" is written "е" as often as not: both are indexed as "е" (the query folds alike)."""
    return Replace(Replace(expression, Value("ё", TEXT), Value("е", TEXT)), Value("Ё", TEXT), Value("Е", TEXT))


def _field(model, path: str):
    """A searched field as an expression on ``model``'s rows: a column, or for ``link__name`` a
    subquery reading the linked row (UPDATE may not join)."""
    if "__" not in path:
        return F(path)
    link, name = path.split("__", 1)
    field = model._meta.get_field(link)
    related = field.related_model._base_manager.filter(pk=OuterRef(field.attname)).values(name)[:1]
    return Subquery(related, output_field=TextField())


def index(obj, content_type: ContentType | None = None) -> None:
    """Write ``obj.search_vector`` (PostgreSQL only; one UPDATE)."""
    if connection.vendor != "postgresql":
        return
    content_type = content_type or registry.for_model(type(obj))
    if content_type is None or not content_type.search_fields:
        return
    type(obj)._base_manager.filter(pk=obj.pk).update(search_vector=vector(content_type))


def index_rows(queryset, content_type: ContentType) -> int:
    """Write the vectors of the items in ``queryset``, in batches of ``BATCH`` rows by primary key
    (each one UPDATE, its own short statement); how many were written."""
    if connection.vendor != "postgresql":
        return 0
    ids = queryset.order_by("pk").values_list("pk", flat=True)
    count, after = 0, None
    while True:
        batch = ids.filter(pk__gt=after) if after is not None else ids
        bounds = list(batch[:BATCH])
        if not bounds:
            return count
        count += content_type.model._base_manager.filter(pk__in=bounds).update(search_vector=vector(content_type))
        if len(bounds) < BATCH:
            return count
        after = bounds[-1]


#: Rows per UPDATE when vectors are rewritten in bulk: large enough that round trips do not
#: matter, small enough that no statement holds its row locks for long.
BATCH = 5000


def index_all(*, missing_only: bool = False) -> int:
    """(Re)write the search vectors of every item, or of those without one; how many."""
    if connection.vendor != "postgresql":
        return 0
    count = 0
    for content_type in registry.searchable():
        items = content_type.model._base_manager.all()
        if missing_only:
            items = items.filter(search_vector__isnull=True)
        count += index_rows(items, content_type)
    return count


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


def search_index_operation(table: str):
    """A migration operation that gives ``table``'s ``search_vector`` a GIN index, on PostgreSQL
    only (SQLite has no GIN, and no vector to index): what makes ``search_vector @@ query`` an
    index lookup instead of a read of every row. Not in the models' ``Meta.indexes``, which every
    database would be asked to create."""
    from django.db import migrations

    name = f"{table}_search"

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} "
                f"ON {schema_editor.quote_name(table)} USING gin (search_vector)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop, elidable=False)
