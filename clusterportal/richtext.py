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

import posixpath
import re
from urllib.parse import urlsplit

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


#: The ``class`` values the editor writes (its Figure extension marks every figure "figure").
ALLOWED_CLASSES = {"figure": {"figure"}}
#: What a link may say about itself: nothing that gives the linked page a handle on ours ("opener").
SAFE_REL = ("noopener", "noreferrer", "nofollow", "external", "ugc")
#: Absolute links the editor offers (the Link extension's protocols above).
LINK_SCHEMES = frozenset(EXTENSIONS["Link"]["protocols"])


def _allowed_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Each attribute's value, narrowed beyond what nh3's allowlist checks (None drops it)."""
    if tag == "img" and attribute == "src":
        return value if is_our_picture(value) else None
    if tag == "a" and attribute == "href":
        return value if is_safe_link(value) else None
    if tag == "a" and attribute == "rel":
        return _only(value.lower(), SAFE_REL)
    if attribute == "class":  # the extensions allow any class on <figure>: only the editor's own
        return _only(value, ALLOWED_CLASSES.get(tag, ()))
    if attribute in {"title", "alt"} and tag == "a" and not value.strip():
        return None  # empty title="" from the link dialog says nothing
    return value


def _only(tokens: str, allowed) -> str | None:
    """The tokens of a space-separated attribute that are allowed, once each; None if none is."""
    kept = [token for token in tokens.split() if token in allowed]
    return " ".join(dict.fromkeys(kept)) or None


def _has_control_characters(value: str) -> bool:
    # Browsers drop tabs and newlines inside addresses ("/\t/evil.example" is "//evil.example").
    return any(ord(c) < 32 or ord(c) == 127 for c in value)


def is_safe_link(href: str) -> bool:
    """An absolute http, https, mailto or tel link, or a path of this site ("/news/…").

    Refused: other schemes, a protocol-relative "//host" (another site, with this page's scheme)
    and "/\\host" (browsers read the backslash as a slash), and anything relative to the page.
    """
    if not href or _has_control_characters(href) or href != href.strip():
        return False
    if href.startswith("/"):
        return not href.startswith(("//", "/\\")) and "\\" not in href
    parts = urlsplit(href)
    if parts.scheme.lower() not in LINK_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() in {"http", "https"} else bool(parts.path)


def is_our_picture(src: str) -> bool:
    """A file under MEDIA_URL, named plainly: no hot-linking, no tracking pixels, and no address
    that only *starts* with the uploads' prefix ("/uploads/../admin/logout/", encoded dots,
    backslashes, a query string: renditions have none of these)."""
    prefix = settings.MEDIA_URL
    if not src.startswith(prefix) or _has_control_characters(src) or any(c in src for c in "\\%?#"):
        return False
    rest = src[len(prefix) :]
    if not rest or rest.startswith("/") or ".." in rest.split("/"):
        return False
    return posixpath.normpath(rest) == rest


_cleaner = nh3.Cleaner(**allowlist_from_extensions(expand_extensions(EXTENSIONS)), attribute_filter=_allowed_attribute)


def sanitize(html: str) -> str:
    """The only way rich text reaches the database: nh3 with the editor's own allowlist."""
    cleaned = _cleaner.clean(html)
    # A picture whose source was refused is no picture: drop the empty <img> and its <figure>.
    cleaned = _EMPTY_FIGURE.sub("", _EMPTY_IMG.sub("", cleaned))
    # The editor always leaves one empty paragraph; an empty body is an empty string.
    return "" if _ONLY_EMPTY_BLOCK.match(cleaned) else cleaned


_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_FIGURE = re.compile(r"<figure(?: class=\"figure\")?>\s*(<figcaption>.*?</figcaption>)?\s*</figure>", re.S)
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
