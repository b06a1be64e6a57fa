"""
Site-wide search (``/search/?q=``): one box over every content type.

A content app registers a *search source* in its ``AppConfig.ready()``, naming the fields to
search and how much a match in each counts (PostgreSQL's weights, "A" highest); content that is
also in the media center's stream says ``SearchSource.like(stream_source, fields=…)``::

    register_search_source(SearchSource(
        key="news", label="News", item_label="News",
        queryset=lambda: Article.objects.published().select_related("category"),
        fields={"title": "A", "lead": "B", "category__name": "B", "body": "C"},
        snippet_fields=("lead", "body"),
    ))

Every word of the query must match, in any of the fields; a word matches the words that start
with it, and Russian words are trimmed of a short ending first, so that "галерея" finds
"галереи" and "завода" finds "завод". "ё" and "е" are the same letter to the search.

- PostgreSQL: full-text search with the ``russian`` configuration, which stems Cyrillic words
  with the Russian Snowball stemmer and Latin ones with the English stemmer (so "vaccines"
  finds "vaccine"); prefix queries (``word:*``); ranked by ``SearchRank`` with the weights.
- SQLite (the demo database): each word, case-folded, must occur in the case-folded text of a
  field. SQLite's ``LIKE`` folds ASCII only, so a ``casefold`` SQL function is registered on
  every SQLite connection (``register_sqlite_functions``). Candidates are then checked in
  Python against the fields' plain text (rich text is HTML: "strong" must not find every
  article with bold type) and ranked by the weights of the fields that match.

One query per source, whatever the page; at most ``MAX_HITS_PER_SOURCE`` hits each, merged and
ranked in Python. A regional cluster's site holds thousands of items, not millions; should it
grow, a GIN index on the same vector expression is the next step.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django import forms
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.signals import post_save, pre_save
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from clusterportal.filters import FilterForm
from clusterportal.registry import StreamSource
from clusterportal.richtext import RichTextField

MAX_QUERY_LENGTH = 200  # bounds the number of words too: every one of them must match
MIN_WORD_LENGTH = 2
MAX_HITS_PER_SOURCE = 200
SNIPPET_LENGTH = 240
CONFIG = "russian"  # PostgreSQL's: Russian stemmer for Cyrillic words, English for Latin ones

WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class SearchSource:
    key: str  #: the value of ``?type=``, e.g. "news"
    label: str  #: plural, for the type choice: "Photo galleries"
    item_label: str  #: one result's type: "Photo gallery"
    queryset: Callable[[], QuerySet]  #: published items only, with what a result shows
    fields: dict[str, str]  #: field path -> weight "A" (title) … "D"; the first is the title
    #: Where a result's excerpt comes from: the first that matches, else the first of them.
    #: Short labels (a category, an outlet) are searched but make poor excerpts.
    snippet_fields: tuple[str, ...] = ()
    position: int = 100  #: order of the type choices; lower first
    template: str = "includes/search_result.html"  #: renders one result; gets ``hit``

    @classmethod
    def like(cls, stream: StreamSource, **kwargs) -> SearchSource:
        """The search source of a stream source's content: its key, labels, queryset and place."""
        return cls(
            key=stream.key,
            label=stream.label,
            item_label=stream.item_label,
            queryset=stream.queryset,
            position=stream.position,
            **kwargs,
        )


_SOURCES: dict[str, SearchSource] = {}


def register_search_source(source: SearchSource) -> None:
    """Register (or replace, so that ``ready()`` may run twice) a source of search results.

    From then on, saving one of its items writes the item's search vector (PostgreSQL), and so
    does changing what a related object contributes (a category renamed: its articles).
    """
    _SOURCES[source.key] = source
    model = source.queryset().model

    def index_saved(sender, instance, raw=False, **kwargs):
        if not raw:  # fixtures load raw rows; migrate and update_search_index cover them
            index(instance, source)

    post_save.connect(index_saved, sender=model, weak=False, dispatch_uid=f"search-index-{source.key}")
    read_through: dict[str, list[str]] = {}  # a foreign key -> the fields read through it
    for path in source.fields:
        if "__" in path:
            link, field_name = path.split("__", 1)
            read_through.setdefault(link, []).append(field_name)
    for link, names in read_through.items():
        _reindex_through(source, model, link, names)


def _reindex_through(source: SearchSource, model, link: str, names: list[str]) -> None:
    """When the object behind ``link`` changes what it contributes, rewrite its items' vectors."""
    related = model._meta.get_field(link).related_model
    remembered = f"_search_before_{source.key}_{link}"

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            setattr(instance, remembered, sender._base_manager.filter(pk=instance.pk).values(*names).first())

    def reindex(sender, instance, raw=False, **kwargs):
        before = getattr(instance, remembered, None)
        if raw or (before is not None and all(before[name] == getattr(instance, name) for name in names)):
            return  # e.g. a category moved in the list: its name is the same
        for item in model._base_manager.filter(**{link: instance}).select_related(link).iterator():
            index(item, source)

    uid = f"search-index-{source.key}-{link}"
    pre_save.connect(remember, sender=related, weak=False, dispatch_uid=uid)
    post_save.connect(reindex, sender=related, weak=False, dispatch_uid=uid)


def source_for(model) -> SearchSource | None:
    return next((source for source in _SOURCES.values() if source.queryset().model is model), None)


def search_sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.position, source.key))


# --- words -----------------------------------------------------------------------------------


def fold(text: str | None) -> str | None:
    """Case-folded, with "ё" as "е": how the search compares text."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def query_words(query: str) -> list[str]:
    """The words of a query worth searching for, folded, without repeats."""
    words: list[str] = []
    for word in WORD.findall(fold(query)):
        if len(word) >= MIN_WORD_LENGTH and word not in words:
            words.append(word)
    return words


def prefix(word: str) -> str:
    """What a word's forms start with: Russian words lose a short ending, English plurals an "s".

    PostgreSQL stems the result as well, so short Russian words keep their ending here (its
    stemmer already finds "цена" for "цены"; "заво…" would also find "завтра").
    """
    if CYRILLIC.search(word):
        if len(word) >= 7:
            return word[:-2]
        if len(word) == 6:
            return word[:-1]
        return word
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def loose_prefix(word: str) -> str:
    """``prefix`` for plain substring matching (SQLite, highlighting), which has no stemmer:
    Russian words of four or five letters lose their last letter too ("цены" → "цен")."""
    if CYRILLIC.search(word) and 4 <= len(word) <= 5:
        return word[:-1]
    return prefix(word)


# --- the form --------------------------------------------------------------------------------


class SearchForm(FilterForm):
    """``q`` and ``type``; errors tied to their fields and never echoing the visitor's value."""

    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": f"Use at most {MAX_QUERY_LENGTH} characters; a few words find more."},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    type = forms.ChoiceField(label="Search in", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Everywhere")] + [(s.key, s.label) for s in search_sources()]
        self.fields["type"].error_messages["invalid_choice"] = "Choose one of the options in the list."

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query and not query_words(query):
            raise forms.ValidationError(
                f"Type at least {MIN_WORD_LENGTH} letters or digits of a word.", code="too_short"
            )
        return query

    def full_clean(self):
        super().full_clean()
        if "q" in self.errors and "\x00" in self.data.get("q", ""):
            # Refused by Django's validator, and not written back into the page either.
            self.data = self.data.copy()
            self.data["q"] = self.data["q"].replace("\x00", "")


# --- running a search ------------------------------------------------------------------------


@dataclass
class Hit:
    source: SearchSource
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
        rich = rich_fields(self.source)
        texts = [plain_text(value_of(self.object, path), rich=path in rich) for path in self.source.snippet_fields]
        texts = [text for text in texts if text]
        for text in texts:
            start = first_match(text, self.words)
            if start is not None:
                return highlight(excerpt(text, start), self.words)
        return highlight(excerpt(texts[0], 0), self.words) if texts else mark_safe("")


@dataclass
class Results:
    hits: list[Hit]  #: of the chosen type (or every type), best first
    counts: list[tuple[SearchSource, int]]  #: per source with hits, in the sources' order
    capped: bool  #: a source shown had more than MAX_HITS_PER_SOURCE hits; the rest are not shown
    capped_keys: set[str] = field(default_factory=set)  #: the sources that had more


def search(query: str, kind: str = "") -> Results:
    """Published items that match every word of ``query``; only ``kind``'s if given."""
    words = query_words(query)
    # Each source answers at most one hit more than it may show: that one says "there are more".
    by_source = {source.key: _search_source(source, words) for source in search_sources()}
    capped_keys = {key for key, hits in by_source.items() if len(hits) > MAX_HITS_PER_SOURCE}
    by_source = {key: hits[:MAX_HITS_PER_SOURCE] for key, hits in by_source.items()}
    counts = [(source, len(by_source[source.key])) for source in search_sources() if by_source[source.key]]
    shown = [hit for key, hits in by_source.items() if not kind or key == kind for hit in hits]
    shown.sort(key=lambda hit: (-hit.rank, -hit.object.published_at.timestamp(), hit.source.position))
    capped = bool(capped_keys & ({kind} if kind else set(by_source)))
    return Results(hits=shown, counts=counts, capped=capped, capped_keys=capped_keys)


def _search_source(source: SearchSource, words: list[str]) -> list[Hit]:
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _search_postgresql(source, words)
    return _search_by_substring(source, words)


def _search_postgresql(source: SearchSource, words: list[str]) -> list[Hit]:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    # Only letters and digits reach the query (WORD), so no tsquery syntax comes from a visitor.
    # Each word: a stemmed prefix (other forms of the word) or an unstemmed one (a typed word
    # beginning: "vaccinat" is no prefix of the stem "vaccin", but is of "vaccination").
    query = reduce(
        and_,
        (
            SearchQuery(f"{prefix(word)}:*", search_type="raw", config=CONFIG)
            | SearchQuery(f"{word}:*", search_type="raw", config="simple")
            for word in words
        ),
    )
    rows = (
        source.queryset()
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-published_at", "-pk")[: MAX_HITS_PER_SOURCE + 1]
    )
    return [Hit(source, row, row.search_rank, words) for row in rows]


# --- the stored vectors (PostgreSQL) -------------------------------------------------------


def index(obj, source: SearchSource | None = None) -> None:
    """Write ``obj.search_vector``: each weight's fields as plain text, twice — stemmed by the
    russian configuration and unstemmed ("simple"). PostgreSQL only; one UPDATE."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    source = source or source_for(type(obj))
    if source is None:
        return
    rich = rich_fields(source)
    by_weight: dict[str, list[str]] = {}
    for path, weight in source.fields.items():
        text = plain_text(value_of(obj, path), rich=path in rich).replace("ё", "е").replace("Ё", "Е")
        by_weight.setdefault(weight, []).append(text)
    vector = reduce(
        lambda a, b: a + b,
        (
            SearchVector(Value(" ".join(texts)), weight=weight, config=config)
            for config in (CONFIG, "simple")
            for weight, texts in by_weight.items()
        ),
    )
    type(obj)._base_manager.filter(pk=obj.pk).update(search_vector=vector)


def index_all(*, missing_only: bool = False) -> int:
    """(Re)write the search vectors of every item, or of those without one; how many."""
    if connection.vendor != "postgresql":
        return 0
    count = 0
    for source in search_sources():
        items = source.queryset().model._base_manager.all()
        if missing_only:
            items = items.filter(search_vector__isnull=True)
        for item in items.iterator():
            index(item, source)
            count += 1
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
        for source in search_sources():
            table = source.queryset().model._meta.db_table
            if table not in tables:
                return
            columns = {column.name for column in connection.introspection.get_table_description(cursor, table)}
            if "search_vector" not in columns:
                return
    index_all(missing_only=True)


class CaseFold(Func):
    """``casefold(text)``: the SQL function ``register_sqlite_functions`` adds to SQLite."""

    function = "casefold"
    output_field = TextField()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """On every new SQLite connection (signal ``connection_created``): ``casefold(text)``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("casefold", 1, fold, deterministic=True)


#: A title match outweighs matches in every other field together (a source has a few of those).
WEIGHTS = {"A": 1.0, "B": 0.2, "C": 0.1, "D": 0.05}
#: SQLite reads at most this many candidates (newest first) before ranking them in Python.
MAX_CANDIDATES = 2000


def _search_by_substring(source: SearchSource, words: list[str]) -> list[Hit]:
    prefixes = [loose_prefix(word) for word in words]
    folded = {path: f"search_folded_{number}" for number, path in enumerate(source.fields)}
    every_word = reduce(
        and_, (reduce(or_, (Q(**{f"{alias}__contains": p}) for alias in folded.values())) for p in prefixes)
    )
    rows = (
        source.queryset()
        .alias(**{alias: CaseFold(F(path)) for path, alias in folded.items()})
        .filter(every_word)
        .order_by("-published_at", "-pk")
    )
    hits = []
    rich = rich_fields(source)
    for row in rows[:MAX_CANDIDATES]:
        texts = {path: fold(plain_text(value_of(row, path), rich=path in rich)) for path in source.fields}
        if not all(any(_starts_a_word(text, p) for text in texts.values()) for p in prefixes):
            continue  # the word was only inside the markup, or inside another word
        matched = [path for path, text in texts.items() if any(_starts_a_word(text, p) for p in prefixes)]
        rank = sum(WEIGHTS[source.fields[path]] for path in matched)
        hits.append(Hit(source, row, rank, words))
    hits.sort(key=lambda hit: -hit.rank)  # stable: newest first among equals
    return hits[: MAX_HITS_PER_SOURCE + 1]


def _starts_a_word(text: str, word_prefix: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word_prefix)}", text) is not None


# --- showing a hit ---------------------------------------------------------------------------


def value_of(obj, path: str):
    for name in path.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def rich_fields(source: SearchSource) -> set[str]:
    """The source's fields that hold rich text (HTML); the others are plain text as written."""
    model = source.queryset().model
    return {
        path for path in source.fields if "__" not in path and isinstance(model._meta.get_field(path), RichTextField)
    }


#: Where a block of rich text ends (or a line breaks), words end: "<p>a</p><p>b</p>" is "a b".
#: Inline tags are left alone: "<strong>vacc</strong>ine" is one word.
BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|caption|figure|figcaption|div|hr)"
    r"(?:\s[^>]*)?>|<br\s*/?>",
    re.IGNORECASE,
)


def plain_text(value, *, rich: bool) -> str:
    """A field's text as a reader sees it: rich text (HTML) without its markup."""
    if value is None:
        return ""
    text = str(value)
    if rich:
        text = html.unescape(strip_tags(BLOCK_BOUNDARY.sub(" ", text)))
    return " ".join(text.split())


def _word_spans(text: str, words: list[str]):
    prefixes = [loose_prefix(word) for word in words]
    for match in WORD.finditer(text):
        folded = fold(match.group())
        if any(folded.startswith(p) for p in prefixes):
            yield match.start(), match.end()


def first_match(text: str, words: list[str]) -> int | None:
    return next((start for start, _end in _word_spans(text, words)), None)


def excerpt(text: str, start: int) -> str:
    """About SNIPPET_LENGTH characters of ``text`` around ``start``, cut at word boundaries."""
    begin = max(0, start - SNIPPET_LENGTH // 3)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    piece = Truncator(text[begin:]).chars(SNIPPET_LENGTH)
    return ("… " if begin else "") + piece


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with the words that match the query in ``<mark>``."""
    parts, last = [], 0
    for start, end in _word_spans(text, words):
        parts += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
