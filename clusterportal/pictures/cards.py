"""
Social cards: the 1200×630 picture a page is shared with, for items without a cover picture.

A card is drawn with Pillow (~40 ms) when an item with a page of its own is saved, never while a
page renders. Each item has one folder, ``social/<app>/<model>/<pk>/``, holding one file whose
name is a digest of what the card shows (``3f9a0c…e1.jpg``): the address stays the same while the
title does, and changes with it, so that sites that cached the old card fetch the new one. Drawing
a new card removes the old one; deleting the item (or giving it a cover) removes its card.

The digest is keyed with ``SECRET_KEY`` (an HMAC): nobody can compute a card's name from a title
they guess, so a card's address says nothing about an item that is not public yet. Rotating the
key renames every card: each is drawn again on its item's next save.

Only items that are public or scheduled have a card. A scheduled item goes public at its time
without a save, so its card is drawn when it is scheduled; a draft is shared with nobody, so it
gets none (and saving drafts, which editors do often, costs no drawing), and an item that goes
back to draft loses its card: files of unpublished items are never at a public address.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete
from django.utils import translation
from django.utils.crypto import salted_hmac
from PIL import Image, ImageDraw

from clusterportal.pictures.drawing import fit, font
from clusterportal.pictures.images import SOCIAL_SIZE

#: Change it when the card's design changes: every card is then drawn again on its next save.
DESIGN = 1
TITLE_SIZES = (64, 56, 48)
TITLE_LINES = 4
TITLE_WIDTH = SOCIAL_SIZE[0] - 2 * 80


def draw_social_card(title: str, section: str) -> bytes:
    """A 1200×630 branded JPEG with the title, for items without a cover picture."""
    width, height = SOCIAL_SIZE
    image = Image.new("RGB", SOCIAL_SIZE, "#0b5563")
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a quiet vertical gradient
        shade = int(20 * y / height)
        draw.line([(0, y), (width, y)], fill=(11 - shade // 4, 85 - shade, 99 - shade))
    draw.rectangle([(0, height - 18), (width, height)], fill="#b4451f")
    draw.text((80, 70), settings.SITE_NAME.upper(), font=font(bold=True, size=30), fill="#cfe7ea")
    draw.text((80, 112), section, font=font(bold=False, size=28), fill="#cfe7ea")
    title_font, lines = title_layout(draw, title)
    line_height = int(getattr(title_font, "size", TITLE_SIZES[-1]) * 1.25)
    for number, line in enumerate(lines):
        draw.text((80, 200 + number * line_height), line, font=title_font, fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def title_layout(draw, title: str):
    """The title's font and lines: as large as lets it fit in four lines, smaller for long titles."""
    return fit(draw, title, bold=True, sizes=TITLE_SIZES, max_width=TITLE_WIDTH, max_lines=TITLE_LINES)


def _section(obj) -> str:
    """The type's name on the card, in the item's language (not the language of whoever saves it)."""
    with translation.override(getattr(obj, "language", "") or settings.LANGUAGE_CODE):
        return str(obj._meta.verbose_name_plural).title()


def _folder(obj) -> str:
    opts = obj._meta
    return f"social/{opts.app_label}/{opts.model_name}/{obj.pk}/"


def social_card_name(obj) -> str:
    """The storage name of ``obj``'s card: one folder per item, the file named after what it shows."""
    shown = f"{DESIGN}|{settings.SITE_NAME}|{_section(obj)}|{obj.title}"
    digest = salted_hmac("clusterportal.pictures.cards", shown, algorithm="sha256").hexdigest()
    return f"{_folder(obj)}{digest[:12]}.jpg"


def ensure_social_card(obj) -> str:
    """Draw ``obj``'s card unless it is already there, removing the one it replaces; its name."""
    name = social_card_name(obj)
    if not default_storage.exists(name):
        remove_social_cards(obj)
        default_storage.save(name, ContentFile(draw_social_card(obj.title, _section(obj))))
    return name


def needs_social_card(obj) -> bool:
    """Public or scheduled, and no cover to be shared with (see the module's docstring)."""
    return obj.status == "published" and getattr(obj, "cover_id", None) is None


def refresh_social_card(obj) -> None:
    """After an item's save is committed: its card drawn for its title, or removed once it has a
    cover (the cover is what is shared then) or is a draft. Nothing for an item deleted since."""
    if obj.pk is None:
        return
    if needs_social_card(obj):
        ensure_social_card(obj)
    else:
        remove_social_cards(obj)


def refresh_social_cards(model, pks) -> None:
    """``refresh_social_card`` for the items of ``model`` with these keys: for changes that bypass
    ``save()``, such as the admin's publish and unpublish actions (``QuerySet.update``)."""
    if not getattr(model, "has_page", False):
        return
    for obj in model._default_manager.filter(pk__in=list(pks)).iterator():
        refresh_social_card(obj)


def remove_social_cards(obj) -> None:
    """Remove every card drawn for ``obj`` (they are all in its folder)."""
    folder = _folder(obj)
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:  # FileSystemStorage, when no card was ever drawn
        return
    for file in files:
        default_storage.delete(folder + file)


def _remove_cards_of_deleted(sender, instance, **kwargs) -> None:
    remove_social_cards(instance)


def connect_signals(models) -> None:
    """Remove the card of an item when it is deleted, for each model of ``models`` that has one.

    Connected per model, never for all senders: a post_delete receiver for every model would
    stop Django's fast bulk deletes everywhere.
    """
    for model in models:
        post_delete.connect(_remove_cards_of_deleted, sender=model, dispatch_uid=f"social-card-{model._meta.label}")
