"""
The media center's stream: the published items of every type declared ``in_stream``, newest
first, as one list (the landing page, the home page's "From the media center").

It costs two queries per type whatever the page: a COUNT (for the paginator) and the newest
``stop`` rows of each; the merge happens in Python.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from clusterportal import registry
from clusterportal.registry import ContentType


@dataclass(frozen=True)
class StreamItem:
    type: ContentType
    object: object

    @property
    def template(self) -> str:
        return self.type.stream_template

    @property
    def sort_key(self):
        return (self.object.published_at, self.type.key, self.object.pk)


class Stream(Sequence):
    """The published items of several types, newest first, as Django's Paginator wants them.

    Slicing ``[a:b]`` fetches the newest ``b`` items of each type (one query each) and merges
    them; ``count()`` is one COUNT per type.
    """

    def __init__(self, types: list[ContentType] | None = None):
        self.types = registry.in_stream() if types is None else list(types)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(ct.published().count() for ct in self.types)
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
        items = [StreamItem(ct, obj) for ct in self.types for obj in ct.published()[:stop]]
        items.sort(key=lambda item: item.sort_key, reverse=True)
        return items[start:stop]
