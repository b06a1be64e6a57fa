"""Keeping the stored vectors (PostgreSQL) up to date; connected in ``ClusterportalConfig.ready()``.

- Saving an item of a searchable type writes its vector.
- Saving an object that a searchable type reads through a foreign key (``category__name``)
  rewrites its items' vectors (in SQL, a batch at a time), but only when what they read of it changed: a category moved
  in the list keeps its name, and its items are left alone.

The receivers take every model's saves and look the model up in the registry: content apps
need not wire anything, and types registered later (a test's) are covered too.
"""

from django.db import connection

from clusterportal import registry
from clusterportal.search.postgresql import index, index_rows


def _read_through(model) -> list[tuple[registry.ContentType, str, list[str]]]:
    """(type, link, fields read) for each searchable type that reads ``model`` through ``link``."""
    found = []
    for content_type in registry.searchable():
        links: dict[str, list[str]] = {}
        for path in content_type.search_fields:
            if "__" in path:
                link, name = path.split("__", 1)
                links.setdefault(link, []).append(name)
        for link, names in links.items():
            if content_type.model._meta.get_field(link).related_model is model:
                found.append((content_type, link, names))
    return found


def remember_read_fields(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save``: what the searchable types read of ``instance`` before the save."""
    if raw or instance.pk is None or connection.vendor != "postgresql":
        return
    readers = _read_through(sender)
    if readers:
        names = sorted({name for _ct, _link, fields in readers for name in fields})
        instance._search_read_before = sender._base_manager.filter(pk=instance.pk).values(*names).first()


def index_saved(sender, instance, raw=False, **kwargs) -> None:
    """``post_save``: write the vector of a saved item, and of the items that read a saved object."""
    if raw or connection.vendor != "postgresql":  # fixtures load raw rows; migrate covers them
        return
    content_type = registry.for_model(sender)
    if content_type is not None and content_type.search_fields:
        index(instance, content_type)
        return
    before = getattr(instance, "_search_read_before", None)
    for reader, link, names in _read_through(sender):
        if before is not None and all(before[name] == getattr(instance, name) for name in names):
            continue  # e.g. a category moved in the list: its name is the same
        index_rows(reader.model._base_manager.filter(**{link: instance}), reader)
