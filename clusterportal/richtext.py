"""
The one place the site's rich-text editor and its sanitizer are chosen.

Content apps write ``body = RichTextField("body")`` and never name the editor. Today that is
django-prose-editor (ProseMirror), which stores a plain TextField and sanitizes on the server
with nh3, using an allowlist derived from exactly the features enabled below; see
docs/decisions/0001-rich-text-editor.md for why not django-ckeditor.

Templates render rich text with ``{{ obj.body|safe }}`` only because every value passed
through ``sanitize()`` on its way into the database (``RichTextField.clean`` for forms,
``pre_save`` for code that saves models directly).
"""

import re

import nh3
from django.conf import settings
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

#: Deliberately small: headings, emphasis, lists, quotes, links, tables.
EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Pictures come from the picture library ("Insert a picture" under the editor).
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
    "HTML": True,
}


def _only_our_pictures(tag: str, attribute: str, value: str) -> str | None:
    """Pictures in text must be renditions from our own uploads: no hot-linking, no tracking pixels."""
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    if attribute in {"title", "alt"} and tag == "a" and not value.strip():
        return None  # empty title="" from the link dialog says nothing
    return value


_cleaner = nh3.Cleaner(**allowlist_from_extensions(expand_extensions(EXTENSIONS)), attribute_filter=_only_our_pictures)


def sanitize(html: str) -> str:
    """The only way rich text reaches the database: nh3 with the editor's own allowlist."""
    cleaned = _cleaner.clean(html)
    # A picture whose source was refused is no picture: drop the empty <img> and its <figure>.
    cleaned = _EMPTY_FIGURE.sub("", _EMPTY_IMG.sub("", cleaned))
    # The editor always leaves one empty paragraph; an empty body is an empty string.
    return "" if _ONLY_EMPTY_BLOCK.match(cleaned) else cleaned


_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_FIGURE = re.compile(r"<figure>\s*(<figcaption>.*?</figcaption>)?\s*</figure>", re.S)
_ONLY_EMPTY_BLOCK = re.compile(r"^\s*(<(\w+)></\2>)?\s*$")


class RichTextField(ProseEditorField):
    """A TextField edited with the site's editor and sanitized before it is stored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Forms already sanitized in clean(); this also covers code that saves directly
        # (demo content, shell, imports). nh3 is idempotent on clean HTML.
        value = sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
