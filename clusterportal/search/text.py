"""What a search reads of an item and shows of a hit: plain text, excerpts, highlighted words."""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from clusterportal.registry import ContentType
from clusterportal.richtext import RichTextField
from clusterportal.search.words import WORD, fold, loose_prefix

SNIPPET_LENGTH = 240

#: Where a block of rich text ends (or a line breaks), words end: "<p>a</p><p>b</p>" is "a b".
#: Inline tags are left alone: "<strong>vacc</strong>ine" is one word.
BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|caption|figure|figcaption|div|hr)"
    r"(?:\s[^>]*)?>|<br\s*/?>",
    re.IGNORECASE,
)


def value_of(obj, path: str):
    """``path``'s value on ``obj``, following ``__`` through related objects; None if any is missing."""
    for name in path.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def rich_fields(content_type: ContentType) -> set[str]:
    """The searched fields that hold rich text (HTML); the others are plain text as written."""
    opts = content_type.model._meta
    return {
        path
        for path in content_type.search_fields
        if "__" not in path and isinstance(opts.get_field(path), RichTextField)
    }


def plain_text(value, *, rich: bool) -> str:
    """A field's text as a reader sees it: rich text (HTML) without its markup."""
    if value is None:
        return ""
    text = str(value)
    if rich:
        text = html.unescape(strip_tags(BLOCK_BOUNDARY.sub(" ", text)))
    return " ".join(text.split())


def field_texts(obj, content_type: ContentType) -> dict[str, str]:
    """Each searched field of ``obj`` as plain text."""
    rich = rich_fields(content_type)
    return {path: plain_text(value_of(obj, path), rich=path in rich) for path in content_type.search_fields}


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
