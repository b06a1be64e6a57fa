"""Every public page in Russian shows no English interface text.

The English words are the catalogue's own: every msgid of ``locale/ru/LC_MESSAGES/django.po``
(cut at its placeholders) is an English string the site can show. Each page is rendered in
Russian with Russian content, and its visible text, the attributes read aloud (``alt``,
``aria-label``, ``title``, ``placeholder``) and its descriptions must contain none of them. The
header's link to the English page (``lang="en"``) is the one English thing a Russian page
rightly shows.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EntryFactory,
    GalleryFactory,
    GalleryPhotoFactory,
    OrganizationFactory,
    PortfolioCategoryFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
)

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}|<[^>]*>")
READ_ALOUD = ("alt", "aria-label", "title", "placeholder")


def english_strings() -> list[str]:
    """The catalogue's English strings a page could show, cut at placeholders and markup."""
    found: set[str] = set()
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if msgid in translations:
                continue  # the same in both languages ("PDF", "RuTube")
            for fragment in PLACEHOLDER.split(msgid):
                fragment = fragment.strip(" .,:;·—–-()«»“”\"'!?…\n")
                # A fragment worth looking for: a word of four letters or more.
                if re.search(r"[A-Za-z]{4}", fragment):
                    found.add(fragment)
    return sorted(found, key=len, reverse=True)


class PageText(HTMLParser):
    """What a person sees or hears of a page, without the parts in another language on purpose."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    @property
    def skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        void = tag in {"meta", "img", "input", "link", "br", "hr", "source", "area", "col", "wbr"}
        skip = tag in self.SKIP or attrs.get("lang", "ru") != "ru"
        if not skip and not self.skipping:
            self.parts.extend(attrs[name] for name in READ_ALOUD if attrs.get(name))
            if tag == "meta" and attrs.get("name", attrs.get("property", "")) in {
                "description",
                "og:description",
                "og:title",
                "og:image:alt",
            }:
                self.parts.append(attrs.get("content") or "")
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.parts.append(attrs["value"])
        if not void:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_on(html: str, strings: list[str]) -> list[str]:
    parser = PageText()
    parser.feed(html)
    # Addresses printed in full (the print view's "this page: https://…/ru/news/…") are no words.
    text = re.sub(r"https?://\S+", " ", " ".join(" ".join(parser.parts).split()))
    return [s for s in strings if re.search(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", text)]


@pytest.fixture
def russian_site(db):
    """A small Russian site: one item of every kind, in Russian, with Russian taxonomy."""
    news_category = CategoryFactory(name_en="Events", name_ru="События", slug="events")
    ArticleFactory(
        title="Кластер открыл учебный центр",
        lead="Первые слушатели приступили к занятиям.",
        body="<p>Учебный центр готовит операторов чистых помещений.</p>",
        source_name="Ведомости",
        source_url="https://example.com/vedomosti",
        category=news_category,
        language="ru",
        slug="uchebnyy-tsentr",
        with_cover=True,
    )
    ArticleFactory(title="Черновик новости", slug="chernovik", language="ru", category=news_category, draft=True)
    EntryFactory(
        title="Завод стерильных растворов",
        summary="Новый цех на сто миллионов флаконов в год.",
        body="<p>Строительство идёт по графику.</p>",
        location="Новоград, промзона «Северная»",
        category=PortfolioCategoryFactory(name_en="Production", name_ru="Производство", slug="production"),
        organization=OrganizationFactory(name_en="SteriLine", name_ru="СтериЛайн", website="https://example.com"),
        language="ru",
        slug="zavod",
        with_cover=True,
    )
    gallery = GalleryFactory(
        title="День открытых дверей", description="Гости осмотрели лаборатории.", language="ru", slug="den"
    )
    GalleryPhotoFactory(gallery=gallery, caption="Чистая комната", credit="Пресс-служба")
    GalleryPhotoFactory(gallery=gallery)
    VideoFactory(title="Интервью с директором", description="О новой линии.", language="ru", slug="intervyu")
    PublicationFactory(title="Годовой отчёт 2026", description="Итоги года.", language="ru", slug="otchet")
    PressMentionFactory(title="Кластер растёт", outlet="Коммерсантъ", excerpt="Экспорт удвоился.", language="ru")


PAGES = [
    "/ru/",
    "/ru/news/",
    "/ru/news/?category=events",
    "/ru/news/?year=abc",
    "/ru/news/uchebnyy-tsentr/",
    "/ru/news/uchebnyy-tsentr/?from=category%3Devents",
    "/ru/news/uchebnyy-tsentr/print/",
    "/ru/portfolio/",
    "/ru/portfolio/?status=in_progress",
    "/ru/portfolio/zavod/",
    "/ru/portfolio/zavod/print/",
    "/ru/media-center/",
    "/ru/media-center/?type=galleries",
    "/ru/media-center/galleries/",
    "/ru/media-center/galleries/den/",
    "/ru/media-center/galleries/den/photos/1/",
    "/ru/media-center/galleries/den/print/",
    "/ru/media-center/videos/",
    "/ru/media-center/videos/intervyu/",
    "/ru/media-center/videos/intervyu/print/",
    "/ru/media-center/publications/",
    "/ru/media-center/publications/otchet/",
    "/ru/media-center/publications/otchet/print/",
    "/ru/media-center/press/",
    "/ru/search/",
    "/ru/search/?q=кластер",
    "/ru/search/?q=ничегонет",
    "/ru/search/?q=x",
    "/ru/no-such-page/",
]


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the Russian catalogue is not there yet")
def test_every_public_page_in_russian_shows_no_english_interface_text(russian_site, client):
    strings = english_strings()
    assert len(strings) > 100  # the catalogue was read
    found = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert '<html lang="ru">' in response.text, url
        english = english_on(response.text, strings)
        if english:
            found[url] = english
    assert found == {}


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the Russian catalogue is not there yet")
def test_a_staff_preview_in_russian_shows_no_english_interface_text(russian_site, editor_client):
    response = editor_client.get("/ru/news/chernovik/")
    assert response.status_code == 200
    assert english_on(response.text, english_strings()) == []


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the Russian catalogue is not there yet")
def test_the_check_finds_english_text_on_a_page():
    """The test above can fail: an English label on a Russian page is found, a Russian one is not."""
    strings = english_strings()
    assert "Return" in " ".join(strings) or "Print" in strings
    page = '<html lang="ru"><body><a href="/ru/">Print</a><p>Печать</p><a lang="en" href="/">English</a></body></html>'
    assert "Print" in english_on(page, strings)
    assert english_on('<html lang="ru"><body><p>Печать</p></body></html>', strings) == []
    assert english_on('<html lang="ru"><body><a lang="en" href="/">English</a></body></html>', strings) == []
