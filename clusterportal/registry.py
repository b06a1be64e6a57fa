"""
Cross-app registries: how pages that gather several sections (the media center's stream, the home
page) find content without importing the apps that own it.

A content app registers a *stream source* in its ``AppConfig.ready()``::

    register_stream_source(StreamSource(
        key="news", label="News", item_label="News",
        queryset=lambda: Article.objects.published().select_related("category"),
    ))

``Stream`` merges the sources newest first. It costs two queries per source whatever the page:
a COUNT (for the paginator) and the newest ``stop`` rows of each; the merge happens in Python.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class StreamSource:
    key: str  #: the value of ``?type=`` that shows only this source, e.g. "galleries"
    label: str  #: plural, for the type filter and navigation: "Photo galleries"
    item_label: str  #: one item's type, shown on its row: "Photo gallery"
    queryset: Callable[[], QuerySet]  #: published items only, newest first, with what the row needs
    template: str = "includes/stream_item.html"  #: renders one row; gets ``item`` and ``object``
    position: int = 100  #: order of the type filter's choices; lower first


_SOURCES: dict[str, StreamSource] = {}


def register_stream_source(source: StreamSource) -> None:
    """Register (or replace, so that ``ready()`` may run twice) a source of the stream."""
    _SOURCES[source.key] = source


def stream_sources() -> list[StreamSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.position, source.key))


@dataclass(frozen=True)
class StreamItem:
    source: StreamSource
    object: object

    @property
    def template(self) -> str:
        return self.source.template

    @property
    def sort_key(self):
        return (self.object.published_at, self.source.key, self.object.pk)


class Stream(Sequence):
    """The published items of several sources, newest first, as Django's Paginator wants them.

    Slicing ``[a:b]`` fetches the newest ``b`` items of each source (one query each) and merges
    them; ``count()`` is one COUNT per source.
    """

    def __init__(self, sources: list[StreamSource] | None = None):
        self.sources = stream_sources() if sources is None else list(sources)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(source.queryset().count() for source in self.sources)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, index.stop
        if stop is None or stop < 0 or start < 0 or index.step not in (None, 1):
            raise ValueError("A stream is sliced with non-negative bounds: stream[start:stop].")
        items = [StreamItem(source, obj) for source in self.sources for obj in source.queryset()[:stop]]
        items.sort(key=lambda item: item.sort_key, reverse=True)
        return items[start:stop]
