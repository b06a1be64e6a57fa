"""
Demo content for ``manage.py load_demo`` (and so ``make run``): the words are data, this is the reading.

The prose and metadata live in files under ``data/<app label>/`` (data/README.md describes
them): TOML tables, and HTML pages with TOML front matter. Each content app's ``demo`` module
reads its own folder with the helpers below and creates its models, so this package imports no
content app. Pictures (``covers``) and documents (``documents``) are drawn while the demo
loads: the repository holds no binary demo file.

The demo is in both of the site's languages. An item says ``language = "ru"``; a translation
also says ``translates = "<the original's slug>"``: it joins the original's translation group
and takes its pictures instead of drawing new ones (``originals_first()``, ``Item.original()``).
"""

import datetime
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusterportal import languages
from clusterportal.demo_content.covers import cover_description, cover_picture
from clusterportal.models import Picture, Status

DATA = Path(__file__).resolve().parent / "data"
FRONT_MATTER = "+++\n"  # the line above and below a page's TOML front matter, as in Hugo
COVER_SIZE = (1200, 675)
PHOTO_SIZE = (960, 640)  # 3:2 like a photograph; small enough to keep load_demo quick


@dataclass
class Item:
    """One item of the demo: its fields from a data file, its HTML body if it has one, and where it is from.

    The fields are the model's own field names, so ``create()`` can pass them on as they are;
    a loader first ``pop()``s those that are not (a category's slug, a cover, ``days_ago``).
    """

    source: str
    fields: dict[str, Any]
    body: str = field(default="")

    def pop(self, key: str, *default: Any) -> Any:
        """The value of ``key``, removed from the fields; without ``default`` the file must have it."""
        if key not in self.fields and not default:
            raise ValueError(f"{self.source}: “{key}” is missing.")
        return self.fields.pop(key, *default)

    def choose(self, key: str, choices: dict[str, Any]) -> Any:
        """``choices[value]`` for the value of ``key``, removed from the fields; an unknown one names the file."""
        value = self.pop(key)
        if value not in choices:
            raise ValueError(f"{self.source}: {key} “{value}” is none of {', '.join(choices)}.")
        return choices[value]

    def schedule(self, *, at: datetime.time = datetime.time(12)) -> dict[str, Any]:
        """``status`` and ``published_at`` from the fields ``status``, ``days_ago`` and ``at``.

        An item is published unless it says ``status = "draft"``; a draft has no date.
        ``days_ago`` counts back from today (negative: a scheduled item), ``at`` is the local
        time of day and defaults to the loader's.
        """
        status = self.pop("status", Status.PUBLISHED)
        at = self.pop("at", at)
        if status == Status.DRAFT:
            self.pop("days_ago", None)
            return {"status": status, "published_at": None}
        return {"status": status, "published_at": days_ago_at(self.pop("days_ago"), at)}

    @property
    def is_translation(self) -> bool:
        return "translates" in self.fields

    def original(self, model):
        """The ``model`` item this one translates (``translates``: its slug, removed from the fields), or None.

        The original must exist already (``originals_first()``); one that does not names the file.
        """
        slug = self.pop("translates", None)
        if slug is None:
            return None
        found = model._default_manager.filter(slug=slug).first()
        if found is None:
            raise ValueError(
                f"{self.source}: translates “{slug}”, which is the slug of no {model._meta.verbose_name} of the demo."
            )
        return found

    def cover_of(self, original):
        """A translation's cover: its original's. A translation draws no picture, so it has no ``cover``."""
        if "cover" in self.fields:
            raise ValueError(f"{self.source}: a translation takes its original's cover; it has no “cover” of its own.")
        return original.cover

    def captions(self, key: str, count: int) -> list[str]:
        """A translation's captions for its original's ``count`` pictures (``key``: a list of strings), in order."""
        captions = self.pop(key, [])
        if len(captions) != count or not all(isinstance(caption, str) and caption.strip() for caption in captions):
            raise ValueError(
                f"{self.source}: a translation takes its original's {count} pictures; “{key}” gives "
                f"their captions, {count} words in its language, in order (it has {len(captions)})."
            )
        return captions

    def create(self, model, *, original=None, **extra: Any):
        """Save ``model(**fields, **extra)`` once ``full_clean()`` passes; a bad key or value names the file.

        With ``original`` (see ``original()``), the item joins its translation group.
        """
        if original is not None:
            extra["translation_key"] = original.translation_key
        try:
            instance = model(**self.fields, **extra)
            instance.full_clean()
        except (TypeError, ValidationError) as error:
            raise ValueError(f"{self.source}: {error}") from error
        instance.save()
        return instance


def table(app_label: str, name: str, key: str) -> list[Item]:
    """The ``[[key]]`` tables of ``data/<app_label>/<name>.toml``, in file order."""
    path = DATA / app_label / f"{name}.toml"
    rows = _toml(path.read_text("utf-8"), path).get(key, [])
    return [Item(f"{_shown(path)}, {key} {number}", row) for number, row in enumerate(rows, start=1)]


def pages(app_label: str, folder: str) -> list[Item]:
    """The ``.html`` pages of ``data/<app_label>/<folder>/``, in the order of their file names.

    A page is TOML front matter between two ``+++`` lines, then the HTML body, stored as it is
    (one block per line, as the rich text editor writes it).
    """
    found = []
    for path in sorted((DATA / app_label / folder).glob("*.html")):
        text = path.read_text("utf-8")
        front, separator, body = text.removeprefix(FRONT_MATTER).partition(f"\n{FRONT_MATTER}")
        if not text.startswith(FRONT_MATTER) or not separator:
            raise ValueError(f"{_shown(path)}: a page starts with TOML front matter between two “+++” lines.")
        found.append(Item(_shown(path), _toml(front, path), body.strip()))
    return found


def originals_first(items: Iterable[Item]) -> list[tuple[int, Item]]:
    """``(number, item)``: each item with its place in the file or folder (from 1, what seeds its
    pictures), originals first and translations after them, each in file order, so that every
    original exists when its translation is created."""
    numbered = list(enumerate(items, start=1))
    return sorted(numbered, key=lambda pair: pair[1].is_translation)


def named(item: Item) -> Item:
    """A taxonomy row (category, organization) with a name in every language: ``name_en``,
    ``name_ru``… An old ``name`` key stands for the languages the row does not name."""
    name = item.pop("name", None)
    for field_name in languages.localized_fields("name"):
        if name is not None:
            item.fields.setdefault(field_name, name)
        elif field_name not in item.fields:
            raise ValueError(f"{item.source}: “{field_name}” is missing.")
    return item


def categories(model, app_label: str) -> dict[str, Any]:
    """Create the categories of ``data/<app_label>/categories.toml`` in their order: slug → category."""
    return {
        item.fields["slug"]: named(item).create(model, position=number * 10)
        for number, item in enumerate(table(app_label, "categories", "category"), start=1)
    }


def counted(items: Iterable[Any], noun: str) -> str:
    """How many ``items`` (saved models) there are, per language, default first, and how many
    are translations: “33 articles (24 en, 9 ru; 5 translations)”."""
    items = list(items)
    by_language = Counter(item.language for item in items)
    groups = Counter(item.translation_key for item in items)
    translations = sum(count - 1 for count in groups.values())
    order = {code: index for index, code in enumerate(languages.codes())}
    split = ", ".join(
        f"{by_language[code]} {code}" for code in sorted(by_language, key=lambda code: order.get(code, len(order)))
    )
    return f"{len(items)} {noun} ({split}; {translations} translation{'' if translations == 1 else 's'})"


def picture(
    label: str,
    *,
    seed: int,
    title: str,
    credit: str,
    motif: str | None = None,
    size: tuple[int, int] = COVER_SIZE,
    caption: str = "",
    language: str = "en",
) -> Picture:
    """A drawn picture with ``label`` on it (see ``covers.cover_picture``), described in ``language``
    and in the picture library."""
    image = cover_picture(label, seed=seed, size=size, brand=settings.SITE_NAME, motif=motif)
    alt_text = cover_description(label, seed=seed, motif=motif, language=language)
    drawn = Picture(image=image, title=title, alt_text=alt_text, caption=caption, credit=credit)
    drawn.full_clean()
    drawn.save()
    return drawn


def days_ago_at(days_ago: int, at: datetime.time = datetime.time(12)) -> datetime.datetime:
    """That many days before today, at the local (Moscow) time ``at``: the demo always looks current.

    Past days are never later than half an hour ago, so "today" items are already public; a
    negative ``days_ago`` is in the future (a scheduled item).
    """
    now = timezone.now()
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    moment = datetime.datetime.combine(day, at, tzinfo=timezone.get_current_timezone())
    if days_ago >= 0:
        moment = min(moment, now - datetime.timedelta(minutes=30))
    return moment


def _toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{_shown(path)}: {error}") from error


def _shown(path: Path) -> str:
    """The path from the data folder on, for messages."""
    return str(path.relative_to(DATA))
