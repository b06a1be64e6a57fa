"""
The site's languages, said once: which ones it can speak, which one a page is in, and where the
same page lives in another language (the header's switch, ``hreflang``, the sitemap).

Content is whole per language (docs/decisions/0004-languages.md): every item is written in one
language and may belong to a translation group, at most one item per language. Taxonomy
(categories, organizations) carries a name per language instead (``name_en``, ``name_ru``).

The default language keeps today's addresses (``/news/…``); the others live under their prefix
(``/ru/news/…``): ``i18n_patterns(prefix_default_language=False)`` in ``clusterportal.urls``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: Every language the site has an interface catalogue, a search configuration and taxonomy
#: fields for. ``LANGUAGES`` (a setting read from the environment) is a subset of these.
SUPPORTED = {"en": _("English"), "ru": _("Russian")}
#: Each language's name in itself: what the switch says, whatever the page's language.
OWN_NAMES = {"en": "English", "ru": "Русский"}
#: ``og:locale`` values (Open Graph wants a territory).
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
#: PostgreSQL text-search configuration that stems each language.
SEARCH_CONFIGS = {"en": "english", "ru": "russian"}

CHOICES = list(SUPPORTED.items())


def default_language() -> str:
    """The language new items and unprefixed addresses are in (``LANGUAGE_CODE``)."""
    return settings.LANGUAGE_CODE


def codes() -> list[str]:
    """The languages this site offers, default first."""
    offered = [code for code, _name in settings.LANGUAGES]
    return sorted(offered, key=lambda code: code != settings.LANGUAGE_CODE)


def current() -> str:
    """The page's language: one of ``codes()`` (the default when none is active)."""
    language = translation.get_language()
    return language if language in codes() else settings.LANGUAGE_CODE


def localized_field(base: str, language: str | None = None) -> str:
    """The per-language field of ``base`` for ``language``: ("name", "ru") -> "name_ru"."""
    language = language or current()
    return f"{base}_{language if language in SUPPORTED else default_language()}"


def in_language(url_name: str, language: str, **kwargs) -> str:
    """``reverse()`` as the page in ``language`` would."""
    with translation.override(language):
        return reverse(url_name, **kwargs)


def translated_path(path: str, language: str) -> str | None:
    """The same address in ``language``, or None when it is no page of this site."""
    url = translate_url(path, language)
    if url == path and language != current():
        return None  # translate_url gives the path back when it cannot resolve it
    return url


class Link:
    """One entry of the switch or of ``hreflang``: a language and the page's address in it."""

    def __init__(self, language: str, url: str):
        self.language = language
        self.url = url

    @property
    def name(self) -> str:
        return OWN_NAMES.get(self.language, self.language)

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.language, self.language)

    def __repr__(self) -> str:
        return f"Link({self.language!r}, {self.url!r})"


def localized_property(base: str):
    """Getter and setter of a per-language field group (``name_en``, ``name_ru``) as ``name``:
    the page's language, falling back to the others. Setting it sets every language's field,
    e.g. ``Category(name="GMP")`` where a name reads the same in both."""

    def get(obj) -> str:
        own = getattr(obj, localized_field(base), "")
        return own or next((getattr(obj, f"{base}_{code}") for code in SUPPORTED if getattr(obj, f"{base}_{code}")), "")

    def set_(obj, value: str) -> None:
        for code in SUPPORTED:
            setattr(obj, f"{base}_{code}", value)

    return get, set_


def localized_fields(base: str) -> list[str]:
    """Every language's field of ``base``: ["name_en", "name_ru"]."""
    return [f"{base}_{code}" for code in SUPPORTED]
