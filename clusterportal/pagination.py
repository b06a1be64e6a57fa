"""A section list's pages, at a cost that does not grow with the list.

Django's paginator counts every item (``COUNT(*)`` of the whole filtered set) and reaches page N
with ``OFFSET (N - 1) × size``: at a million items both scan most of the table. Here:

- **Bounded count.** A list counts its items up to ``COUNTED_PAGES`` pages and one item more
  (``SELECT COUNT(*) FROM (SELECT … LIMIT k)``): a shorter list knows its length exactly and is
  paginated as before ("23 articles, page 1 of 3"); a longer one says "More than 500 articles,
  page 3", which is true, and offers the pages it can reach cheaply.
- **Pages by number up to that bound.** ``?page=N`` for N ≤ ``COUNTED_PAGES`` is an OFFSET of at
  most a few hundred index entries. A bare deeper ``?page=N`` is 404, like any page out of range.
- **Deeper pages by key (keyset pagination).** Links past the bound carry the key of the item
  next to the page: ``?page=51&after=<key>`` lists the items after that item in the list's order,
  ``?page=60&before=<key>`` the ones just before it. The key is the item's publication time (in
  microseconds since 1970, UTC) and id, the list's own order, so the database starts its index
  scan right there. ``page`` is then the page's label, as the link that led there counted it.

Every list orders by ``published_at`` descending, then ``pk`` descending (``Publishable.Meta``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import BooleanField, DateTimeField, Expression, F, IntegerField, Value
from django.http import Http404
from django.utils.functional import cached_property

#: Pages a list counts exactly and reaches by number; beyond them, by key.
COUNTED_PAGES = 50
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
KEY = re.compile(r"(-?[0-9]{1,17})\.([0-9]{1,18})")


@dataclass(frozen=True)
class Cursor:
    """An item's place in a list: its publication time and id."""

    published_at: datetime.datetime
    pk: int

    def encode(self) -> str:
        delta = self.published_at - EPOCH
        microseconds = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{microseconds}.{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        """The cursor written by ``encode``, or None for anything else (never an exception)."""
        match = KEY.fullmatch(raw or "")
        if match is None:
            return None
        try:
            moment = EPOCH + datetime.timedelta(microseconds=int(match[1]))
        except OverflowError:
            return None
        pk = int(match[2])
        if not 1 <= pk < 2**63 or not 1 <= moment.year <= 9998:
            return None
        return cls(moment, pk)

    @classmethod
    def of(cls, item) -> Cursor:
        return cls(item.published_at, item.pk)


class RowCompare(Expression):
    """``(published_at, id) < (%s, %s)`` (or ``>``): the rows after (or before) an item in a list's
    order, as one row-value comparison that an index on ``(…, published_at, id)`` starts at.
    PostgreSQL and SQLite (3.15+) both read row values; Django has no lookup for them."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, cursor: Cursor, operator: str):
        if operator not in ("<", ">"):
            raise ValueError(operator)
        super().__init__()
        self.operator = operator
        self.source = [
            F("published_at"),
            F("pk"),
            Value(cursor.published_at, output_field=DateTimeField()),
            Value(cursor.pk, output_field=IntegerField()),
        ]

    def get_source_expressions(self):
        return self.source

    def set_source_expressions(self, exprs):
        self.source = list(exprs)

    def as_sql(self, compiler, connection):
        parts, params = [], []
        for expression in self.source:
            sql, more = compiler.compile(expression)
            parts.append(sql)
            params.extend(more)
        return f"({parts[0]}, {parts[1]}) {self.operator} ({parts[2]}, {parts[3]})", params


def older_than(queryset, cursor: Cursor):
    """The items after ``cursor`` in list order (older, or as old with a smaller id)."""
    return queryset.filter(RowCompare(cursor, "<"))


def newer_than(queryset, cursor: Cursor):
    return queryset.filter(RowCompare(cursor, ">"))


@dataclass(frozen=True)
class PageLink:
    """One link of a pagination bar: a page number and the key it needs past the bound."""

    page: int | None = None  #: None: a gap ("…")
    after: str | None = None
    before: str | None = None
    current: bool = False

    @property
    def gap(self) -> bool:
        return self.page is None


def count_up_to(queryset, limit: int) -> int:
    """How many rows ``queryset`` has, counting no further than ``limit``: an index-only scan
    of at most ``limit`` entries, however long the list (``count_up_to(qs, cap + 1) > cap``
    says the list is longer than the cap). The public lists and the admin's change lists both
    count this way."""
    return queryset.order_by().values("pk")[:limit].count()


class ListPaginator:
    """What templates read as ``paginator``: ``count`` (exact, or the bound when
    ``count_is_capped``), ``num_pages`` (None when not known), ``per_page``."""

    def __init__(self, queryset, per_page: int, counted_pages: int | None = None):
        self.queryset = queryset
        self.per_page = per_page
        self.counted_pages = counted_pages or COUNTED_PAGES

    @cached_property
    def _counted(self) -> int:
        return count_up_to(self.queryset, self.per_page * self.counted_pages + 1)

    @property
    def count_is_capped(self) -> bool:
        return self._counted > self.per_page * self.counted_pages

    @property
    def count(self) -> int:
        return self.per_page * self.counted_pages if self.count_is_capped else self._counted

    @property
    def num_pages(self) -> int | None:
        if self.count_is_capped:
            return None
        return max(1, -(-self._counted // self.per_page))

    def page(self, number: int | str, *, after: Cursor | None = None, before: Cursor | None = None) -> ListPage:
        """Page ``number`` (an int, or "last" when the list knows its length); 404 if none."""
        if after is not None or before is not None:
            if (after is not None and before is not None) or number == "last" or number < 2:
                raise Http404("Not a page.")
            return self._keyset_page(number, after, before)
        if number == "last":
            if self.num_pages is None:
                raise Http404("A long list has no last page by number.")
            number = self.num_pages
        if number > (self.num_pages or self.counted_pages):
            raise Http404("No such page.")
        start = (number - 1) * self.per_page
        return ListPage(self, number, list(self.queryset[start : start + self.per_page]))

    def _keyset_page(self, number: int, after: Cursor | None, before: Cursor | None) -> ListPage:
        size = self.per_page
        if after is not None:
            rows = list(older_than(self.queryset, after)[: size + 1])
            more_after, more_before = len(rows) > size, True
            rows, key = rows[:size], {"after": after.encode()}
        else:
            ascending = newer_than(self.queryset, before).order_by("published_at", "pk")
            rows = list(ascending[: size + 1])
            more_after, more_before = True, len(rows) > size
            rows, key = rows[:size][::-1], {"before": before.encode()}
        if not rows:
            raise Http404("No such page.")
        return ListPage(self, number, rows, more=(more_before, more_after), key=key)


class ListPage:
    """What templates read as ``page_obj`` (the parts of Django's ``Page`` they use), and the
    pagination bar's links (``links()``, ``previous_link``, ``next_link``)."""

    def __init__(self, paginator: ListPaginator, number: int, rows: list, *, more=None, key=None):
        """``more``: (newer items exist, older items exist) for a page found by key; ``key``: the
        key it was asked with ({"after": …} or {"before": …}), which its own address needs."""
        self.paginator = paginator
        self.number = number
        self.object_list = rows
        self.by_offset = more is None
        self.key = key or {}
        if self.by_offset:
            last = paginator.num_pages
            self._has_previous, self._has_next = number > 1, (number < last if last is not None else True)
        else:
            self._has_previous, self._has_next = more[0] and number > 1, more[1]

    def __len__(self) -> int:
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self._has_next or self._has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def link_to(self, number: int) -> PageLink | None:
        """A link to page ``number`` if this page can say where it is, else None."""
        bound = self.paginator.counted_pages
        if number == self.number:
            return PageLink(number, current=True, **self.key)
        if 1 <= number <= (self.paginator.num_pages or bound):
            return PageLink(number)  # reached by OFFSET: a bounded one
        if number == self.number + 1 and self._has_next:
            return PageLink(number, after=Cursor.of(self.object_list[-1]).encode())
        if number == self.number - 1 and self._has_previous:
            return PageLink(number, before=Cursor.of(self.object_list[0]).encode())
        return None

    @property
    def next_link(self) -> PageLink | None:
        return self.link_to(self.number + 1) if self._has_next else None

    @property
    def previous_link(self) -> PageLink | None:
        return self.link_to(self.number - 1) if self._has_previous else None

    def links(self) -> list[PageLink]:
        """The bar: 1 … 4 5 [6] 7 8 … 20 when the length is known (Django's elided range), else
        the first page and the pages around this one that can be reached."""
        if not self.has_other_pages():
            return []
        last = self.paginator.num_pages
        if last is not None and self.by_offset:
            numbers = Paginator(range(last), 1).get_elided_page_range(self.number, on_each_side=2, on_ends=1)
            return [PageLink() if n == Paginator.ELLIPSIS else self.link_to(n) for n in numbers]
        found = [link for n in range(self.number - 2, self.number + 3) if n >= 1 and (link := self.link_to(n))]
        bar = []
        if found[0].page > 1:
            bar.append(PageLink(1))
            if found[0].page > 2:
                bar.append(PageLink())
        bar.extend(found)
        return bar


def bar_of(page) -> dict:
    """The pagination bar's context for a page: ``page_links``, ``previous_link``, ``next_link``;
    of a ``ListPage`` or of Django's ``Page`` (a stream, search results: lists held in memory or
    counted otherwise)."""
    if isinstance(page, ListPage):
        return {"page_links": page.links(), "previous_link": page.previous_link, "next_link": page.next_link}
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {
        "page_links": [
            PageLink() if n == Paginator.ELLIPSIS else PageLink(n, current=n == page.number) for n in numbers
        ],
        "previous_link": PageLink(page.previous_page_number()) if page.has_previous() else None,
        "next_link": PageLink(page.next_page_number()) if page.has_next() else None,
    }
