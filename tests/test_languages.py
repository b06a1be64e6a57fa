"""The bilingual site: English at today's addresses, Russian under /ru/ (clusterportal.languages).

Each page speaks its address's language only: its items, its <html lang>, its switch to the
other language, its hreflang alternates and the sitemap's. The admin follows the editor's choice
instead, and makes a translation as a linked draft copy ("Save and translate into …").
"""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from clusterportal import languages, registry
from media_center.models import Gallery, PressMention, Publication, Video
from news.models import Article
from portfolio.models import Entry
from tests.contract_app.models import Notice
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EntryFactory,
    GalleryFactory,
    GalleryItemFactory,
    GalleryPhotoFactory,
    KeyFigureFactory,
    OrganizationFactory,
    PortfolioCategoryFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
    article_admin_form_data,
    entry_admin_form_data,
)
from tests.helpers import LEAKS, assert_branded_404, card_titles, sitemap_text

pytestmark = pytest.mark.django_db

#: How the tests make an item of each type, in a language.
FACTORIES = {
    Article: ArticleFactory,
    Entry: EntryFactory,
    Gallery: GalleryFactory,
    Video: VideoFactory,
    Publication: PublicationFactory,
    PressMention: PressMentionFactory,
    Notice: lambda **kwargs: Notice.objects.create(
        **{"text": "<p>Office hours change.</p>", "status": "published", "published_at": an_hour_ago(), **kwargs}
    ),
}

TYPES = registry.content_types()
WITH_PAGES = [ct for ct in TYPES if ct.has_page]

ARTICLE_CHANGE = "/admin/news/article/{}/change/"
ENTRY_CHANGE = "/admin/portfolio/entry/{}/change/"
GALLERY_CHANGE = "/admin/media_center/gallery/{}/change/"


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def by_key(types):
    return pytest.mark.parametrize("content_type", types, ids=[ct.key for ct in types])


def make(content_type, title: str, **fields):
    return FACTORIES[content_type.model](title=title, **fields)


def list_url(content_type, language: str = "en") -> str:
    return languages.in_language(f"{content_type.key}:list", language)


def russian_list_url(content_type) -> str:
    return list_url(content_type, "ru")


@pytest.fixture(autouse=True)
def _default_language_around_each_test():
    """The test client runs requests in the test's thread, and a page leaves its language active
    there (as each request activates its own, no visitor sees it). Each test here starts and ends
    in the default language, so that ``reverse()`` in a test means today's English addresses."""
    translation.activate(languages.default_language())
    yield
    translation.activate(languages.default_language())


@pytest.fixture
def gmp():
    return CategoryFactory(name_en="GMP News", name_ru="Новости GMP", slug="gmp-news")


@pytest.fixture
def pair(gmp):
    """A published English article and its published Russian translation."""
    english = ArticleFactory(title="Plant opens in Novograd", category=gmp, slug="plant-opens")
    russian = ArticleFactory(
        title="В Новограде открыт завод",
        category=gmp,
        slug="zavod-otkryt",
        language="ru",
        translation_key=english.translation_key,
    )
    return english, russian


# --- what tests read off a page ---------------------------------------------------------------


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]*)"', response.text).group(1)


def switch_links(response) -> list[tuple[str, str, str]]:
    """(href, language, link text) of each link in the header's language switch."""
    nav = re.search(r'<nav class="language-switch"[^>]*>.*?</nav>', response.text, re.S)
    if nav is None:
        return []
    found = []
    for href, hreflang, lang, text in re.findall(
        r'<a href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)">([^<]*)</a>', nav.group(0)
    ):
        assert hreflang == lang
        found.append((html.unescape(href), lang, html.unescape(text)))
    return found


def switch_href(response) -> str:
    links = switch_links(response)
    assert len(links) == 1, f"expected one link in the language switch, found {links}"
    return links[0][0]


def hreflangs(response) -> dict[str, str]:
    """hreflang -> href of the page's <link rel="alternate" hreflang=…>."""
    found = re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">', response.text)
    return {language: html.unescape(href) for language, href in found}


def og_locales(response) -> tuple[str, list[str]]:
    own = re.search(r'<meta property="og:locale" content="([^"]*)">', response.text).group(1)
    return own, re.findall(r'<meta property="og:locale:alternate" content="([^"]*)">', response.text)


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """<loc> -> {hreflang: href} of its xhtml:link alternates, for every <url> of the sitemap."""
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", sitemap_text(client), re.S):
        loc = re.search(r"<loc>([^<]*)</loc>", block).group(1)
        found[loc] = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]*)" href="([^"]*)"/>', block))
    return found


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def assert_404_in(response, language: str) -> None:
    """The site's 404 page in ``language`` (its text comes from the catalogue): the site's name,
    the way to that language's home, and no leak."""
    assert response.status_code == 404
    assert page_language(response) == language
    assert response["Content-Language"] == language
    assert settings.SITE_NAME in response.text
    assert f'href="{languages.in_language("home", language)}"' in response.text
    assert not any(leak in response.text for leak in LEAKS)


def gallery_admin_form_data(gallery, **overrides) -> dict:
    """What the gallery's change form posts, its photos left as they are (no rows posted)."""
    data = {
        "title": gallery.title,
        "slug": gallery.slug,
        "description": gallery.description,
        "cover": "",
        "language": gallery.language,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- addresses --------------------------------------------------------------------------------


def test_english_pages_keep_todays_addresses_and_russian_ones_live_under_ru(client, pair):
    english, russian = pair
    assert english.get_absolute_url() == "/news/plant-opens/"
    assert russian.get_absolute_url() == "/ru/news/zavod-otkryt/"
    assert russian.get_print_url() == "/ru/news/zavod-otkryt/print/"
    for url, language in (("/news/", "en"), ("/ru/news/", "ru"), ("/", "en"), ("/ru/", "ru")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert page_language(response) == language, url
        assert response["Content-Language"] == language, url
    assert page_language(client.get(russian.get_absolute_url())) == "ru"
    assert page_language(client.get(russian.get_print_url())) == "ru"


@pytest.mark.parametrize("url", ["/en/news/", "/en/", "/xx/news/", "/de/news/", "/en/news/plant-opens/"])
def test_an_address_in_no_offered_language_is_a_branded_404(url, client, pair):
    # The default language has no prefix of its own: /en/… is no address of the site.
    assert_branded_404(client.get(url))


@pytest.mark.parametrize("url", ["/RU/news/", "/Ru/news/", "/ru/ru/news/", "/ru-ru/news/", "/ru-RU/news/zavod-otkryt/"])
def test_a_russian_prefix_written_otherwise_is_a_404_in_russian(url, client, pair):
    # The middleware reads these as Russian (the language of the 404 page); the addresses
    # themselves are only ever /ru/…, so the page is a 404 whose way out is the Russian home.
    response = client.get(url)
    assert_404_in(response, "ru")
    assert switch_href(response) == "/"


@by_key(WITH_PAGES)
def test_an_item_asked_at_the_other_languages_address_redirects_to_its_own_with_the_query(content_type, client):
    russian = make(content_type, "Русский материал", language="ru")
    english = make(content_type, "English item")
    english_at_ru = russian_list_url(content_type) + f"{english.slug}/"
    russian_at_en = list_url(content_type) + f"{russian.slug}/"

    response = client.get(english_at_ru, {"from": "page=2"})
    assert response.status_code == 302
    assert response["Location"] == f"{english.get_absolute_url()}?from=page%3D2"
    response = client.get(russian_at_en)
    assert response.status_code == 302
    assert response["Location"] == russian.get_absolute_url()
    response = client.get(russian_at_en + "print/", {"from": "page=2"})
    assert response.status_code == 302
    assert response["Location"] == f"{russian.get_print_url()}?from=page%3D2"
    assert client.get(response["Location"]).status_code == 200


# --- each page shows its language's items only ----------------------------------------------------


@by_key(TYPES)
def test_a_list_shows_only_the_items_in_its_pages_language(content_type, client):
    make(content_type, "English wombat item")
    make(content_type, "Русский материал о вомбатах", language="ru")
    english = html.unescape(client.get(list_url(content_type)).text)
    russian = html.unescape(client.get(russian_list_url(content_type)).text)
    assert "English wombat item" in english
    assert "Русский материал о вомбатах" not in english
    assert "Русский материал о вомбатах" in russian
    assert "English wombat item" not in russian


def test_home_stream_and_search_show_only_the_pages_language(client):
    for content_type in TYPES:
        featured = {"featured": True} if content_type.model is Entry else {}  # the home page's projects
        make(content_type, f"English wombat {content_type.key}", **featured)
        make(content_type, f"Russian wombat {content_type.key}", language="ru", **featured)
    for prefix, own, other in (("", "English", "Russian"), ("/ru", "Russian", "English")):
        for url in (f"{prefix}/", f"{prefix}/media-center/?type=news", f"{prefix}/search/?q=wombat"):
            response = client.get(url)
            assert response.status_code == 200, url
            text = re.sub(r"</?mark>", "", html.unescape(response.text))
            assert f"{own} wombat" in text, url
            assert f"{other} wombat" not in text, url


def test_media_center_latest_galleries_are_in_the_pages_language_only(client):
    GalleryFactory(title="English open day")
    GalleryFactory(title="День открытых дверей", language="ru")
    english = html.unescape(client.get("/media-center/").text)
    russian = html.unescape(client.get("/ru/media-center/").text)
    assert "English open day" in english
    assert "День открытых дверей" in russian
    assert "День открытых дверей" not in english
    assert "English open day" not in russian


def test_the_news_feed_lists_only_its_languages_articles(client, pair):
    english, russian = pair
    english_feed, russian_feed = client.get("/news/feed/"), client.get("/ru/news/feed/")
    assert english_feed.status_code == russian_feed.status_code == 200
    assert english.title in english_feed.text
    assert russian.title not in english_feed.text
    assert russian.title in russian_feed.text
    assert english.title not in russian_feed.text
    assert f"<link>http://testserver{russian.get_absolute_url()}</link>" in russian_feed.text
    assert "<category>Новости GMP</category>" in russian_feed.text


def test_the_news_feed_says_its_language(client, pair):
    assert "<language>en</language>" in client.get("/news/feed/").text
    assert "<language>ru</language>" in client.get("/ru/news/feed/").text


# --- the header's language switch ----------------------------------------------------------------


def test_switch_on_a_translated_item_leads_to_its_translation_and_back(client, pair):
    english, russian = pair
    assert switch_links(client.get(english.get_absolute_url())) == [(russian.get_absolute_url(), "ru", "Русский")]
    assert switch_links(client.get(russian.get_absolute_url())) == [(english.get_absolute_url(), "en", "English")]


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_switch_never_reveals_an_unpublished_translation(state, client, editor_client, gmp):
    english = ArticleFactory(title="Plant opens in Novograd", category=gmp)
    ArticleFactory(
        title="Секретный черновик",
        slug="sekretnyi-chernovik",
        category=gmp,
        language="ru",
        translation_key=english.translation_key,
        **{state: True},
    )
    # Not even to staff: the switch is the public page's, not a preview.
    for visitor in (Client(), editor_client):
        response = visitor.get(english.get_absolute_url())
        assert response.status_code == 200
        assert switch_href(response) == "/ru/news/"
        text = html.unescape(response.text)
        assert "sekretnyi-chernovik" not in text
        assert "Секретный черновик" not in text
        assert hreflangs(response) == {}


def test_switch_on_an_untranslated_item_leads_to_the_other_languages_list_with_its_filters_but_no_page(client, gmp):
    article = ArticleFactory(category=gmp)
    year = str(timezone.localtime(article.published_at).year)
    response = client.get(article.get_absolute_url())
    assert switch_links(response) == [("/ru/news/", "ru", "Русский")]
    response = client.get(article.get_absolute_url(), {"from": f"category=gmp-news&year={year}&page=2"})
    assert switch_href(response) == f"/ru/news/?category=gmp-news&year={year}"


@pytest.mark.parametrize(
    "bad_from",
    ["category=no-such", "category=<script>", "page=abc", "year=1066", "https://evil.example/", "x" * 600],
)
def test_switch_on_an_item_carries_no_filter_the_list_would_refuse(bad_from, client, gmp):
    article = ArticleFactory(category=gmp)
    response = client.get(article.get_absolute_url(), {"from": bad_from})
    assert response.status_code == 200
    assert switch_href(response) == "/ru/news/"


def test_switch_on_a_list_keeps_its_valid_filters_and_drops_the_page(client, gmp):
    for number in range(12):
        ArticleFactory(category=gmp, published_at=an_hour_ago() - datetime.timedelta(days=number))
    year = str(timezone.localtime(an_hour_ago()).year)
    response = client.get("/news/", {"category": "gmp-news", "page": "2", "utm_source": "mail"})
    assert response.status_code == 200
    assert switch_links(response) == [("/ru/news/?category=gmp-news", "ru", "Русский")]
    ArticleFactory(category=gmp, language="ru")
    response = client.get("/ru/news/", {"category": "gmp-news", "year": year})
    assert switch_links(response) == [(f"/news/?category=gmp-news&year={year}", "en", "English")]


@pytest.mark.parametrize(
    "params", [{"category": "no-such"}, {"category": "<script>"}, {"year": "abc"}, {"month": "13"}]
)
def test_switch_on_a_list_carries_no_invalid_filter(params, client, gmp):
    ArticleFactory(category=gmp)
    response = client.get("/news/", {**params, "category": params.get("category", "gmp-news")})
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert switch_href(response) == "/ru/news/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "/ru/"),
        ("/ru/", "/"),
        ("/media-center/", "/ru/media-center/"),
        ("/ru/portfolio/", "/portfolio/"),
        ("/search/?q=plant", "/ru/search/"),
    ],
)
def test_switch_on_other_pages_leads_to_the_same_page_in_the_other_language(url, expected, client):
    response = client.get(url)
    assert response.status_code == 200
    assert switch_href(response) == expected


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/no-such-page/", "en", "/ru/"),
        ("/news/no-such-article/", "en", "/ru/"),
        ("/xx/", "en", "/ru/"),
        ("/ru/no-such-page/", "ru", "/"),
        ("/ru/news/no-such-article/", "ru", "/"),
    ],
)
def test_switch_on_a_404_leads_to_the_other_languages_home(url, language, expected, client):
    response = client.get(url)
    assert_404_in(response, language)
    assert switch_href(response) == expected


# --- what the head tells browsers and search engines --------------------------------------------


def test_head_says_the_pages_language_and_locale(client, pair):
    english, russian = pair
    english_page, russian_page = client.get(english.get_absolute_url()), client.get(russian.get_absolute_url())
    assert page_language(english_page) == "en"
    assert page_language(russian_page) == "ru"
    assert og_locales(english_page) == ("en_GB", ["ru_RU"])
    assert og_locales(russian_page) == ("ru_RU", ["en_GB"])


def test_a_translated_item_names_both_versions_with_absolute_hreflang_links(client, pair):
    english, russian = pair
    expected = {
        "en": "http://testserver/news/plant-opens/",
        "ru": "http://testserver/ru/news/zavod-otkryt/",
        "x-default": "http://testserver/news/plant-opens/",
    }
    assert hreflangs(client.get(english.get_absolute_url())) == expected
    assert hreflangs(client.get(russian.get_absolute_url())) == expected


def test_an_untranslated_item_has_no_hreflang_and_no_alternate_locale(client, gmp):
    article = ArticleFactory(category=gmp)
    response = client.get(article.get_absolute_url())
    assert hreflangs(response) == {}
    assert og_locales(response) == ("en_GB", [])


@pytest.mark.parametrize(("english", "russian"), [("/", "/ru/"), ("/news/", "/ru/news/")])
def test_home_and_lists_name_both_languages_and_the_default(english, russian, client):
    expected = {
        "en": f"http://testserver{english}",
        "ru": f"http://testserver{russian}",
        "x-default": f"http://testserver{english}",
    }
    for url in (english, russian):
        assert hreflangs(client.get(url)) == expected, url


# --- the sitemap ----------------------------------------------------------------------------------


def test_sitemap_lists_every_list_in_both_languages_with_each_other_as_alternates(client):
    urls = sitemap_urls(client)
    for content_type in TYPES:
        english = f"http://testserver{list_url(content_type)}"
        russian = f"http://testserver{russian_list_url(content_type)}"
        for loc in (english, russian):
            assert urls[loc] == {"en": english, "ru": russian, "x-default": english}, loc
    assert urls["http://testserver/ru/"]["en"] == "http://testserver/"


def test_sitemap_lists_items_at_their_own_address_with_published_translations_only(client, pair, gmp):
    english, russian = pair
    lone = ArticleFactory(category=gmp, slug="lone")
    ArticleFactory(category=gmp, slug="lone-ru", language="ru", translation_key=lone.translation_key, draft=True)
    urls = sitemap_urls(client)
    both = {"en": "http://testserver/news/plant-opens/", "ru": "http://testserver/ru/news/zavod-otkryt/"}
    assert urls[f"http://testserver{english.get_absolute_url()}"] == both
    assert urls[f"http://testserver{russian.get_absolute_url()}"] == both
    assert urls["http://testserver/news/lone/"] == {}
    assert not [loc for loc in urls if "lone-ru" in loc]
    assert "http://testserver/news/zavod-otkryt/" not in urls  # never at the other language's address
    assert "lone-ru" not in sitemap_text(client)


# --- query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_item_pages_switch_and_hreflang_cost_at_most_one_query(
    language, client, gmp, django_assert_max_num_queries
):
    other = "ru" if language == "en" else "en"
    lone = ArticleFactory(category=gmp, language=language)
    translated = ArticleFactory(category=gmp, language=language)
    ArticleFactory(category=gmp, language=other, translation_key=translated.translation_key)
    baseline = queries_of(client, lone.get_absolute_url())
    with django_assert_max_num_queries(baseline + 1):
        response = client.get(translated.get_absolute_url())
    assert response.status_code == 200
    assert len(switch_links(response)) == 1
    assert set(hreflangs(response)) == {"en", "ru", "x-default"}
    # The print view alike.
    baseline = queries_of(client, lone.get_print_url())
    with django_assert_max_num_queries(baseline + 1):
        assert client.get(translated.get_print_url()).status_code == 200


# --- which language: the address, never the browser --------------------------------------------


def test_public_pages_follow_their_address_not_the_browser_or_the_cookie(client, pair):
    english, russian = pair
    client.cookies["django_language"] = "ru"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert response.status_code == 200  # no redirect to /ru/
    for url, language, other in (("/news/", "en", russian), ("/ru/news/", "ru", english)):
        accept = "ru" if language == "en" else "en"
        client.cookies["django_language"] = accept
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        assert page_language(response) == language
        assert response["Content-Language"] == language
        assert "Accept-Language" not in response.get("Vary", "")
        assert other.title not in html.unescape(response.text)


def test_the_admin_follows_the_browser_then_the_editors_choice(editor_client):
    response = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page_language(response) == "ru"
    assert "Accept-Language" in response["Vary"]
    assert page_language(editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")) == "en"

    response = editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    response = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert page_language(response) == "ru"
    assert response["Content-Language"] == "ru"
    # The public site stays at its addresses' language.
    assert page_language(editor_client.get("/news/")) == "en"


@pytest.mark.parametrize(
    "bad", ["xx", "", "ru\x00", "<script>", "x" * 5000], ids=["xx", "empty", "nul", "script", "5000"]
)
def test_set_language_with_a_language_not_offered_changes_nothing(bad, editor_client):
    response = editor_client.post("/i18n/setlang/", {"language": bad, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert "django_language" not in response.cookies
    assert page_language(editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")) == "en"


def test_set_language_with_a_language_django_knows_but_the_site_does_not_offer_is_ignored(editor_client):
    # Django's set_language keeps any language it has a catalogue for (German here) in the cookie;
    # the admin reads the cookie against LANGUAGES only, so it stays in the editor's browser's language.
    response = editor_client.post("/i18n/setlang/", {"language": "de", "next": "/admin/"})
    assert response.status_code == 302
    for accept, language in (("en", "en"), ("ru", "ru"), ("de", "en")):
        response = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        assert page_language(response) == language, accept


@pytest.mark.parametrize(
    ("accept_language", "cookie"),
    [
        ("x" * 5000, None),
        ("ru;q=" + "9" * 5000, None),
        ("ru;q=garbage,,;;=,*,zz-ZZZZZZZZ", None),
        ("\x00", None),
        (None, "xx"),
        (None, "<script>alert(1)</script>"),
        (None, "ru" * 2000),
        ("x" * 5000, "\x00garbage"),
    ],
    ids=["5000-chars", "huge-q", "malformed", "nul", "cookie-xx", "cookie-script", "cookie-4000", "both"],
)
def test_garbage_language_headers_and_cookies_are_never_an_error(accept_language, cookie, pair):
    visitor = Client()
    if cookie is not None:
        visitor.cookies["django_language"] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language is not None else {}
    for url, status, language in (
        ("/news/", 200, "en"),
        ("/ru/news/", 200, "ru"),
        ("/admin/login/", 200, "en"),
        ("/no-such-page/", 404, "en"),
    ):
        response = visitor.get(url, **headers)
        assert response.status_code == status, url
        assert response["Content-Language"] == language, url
        assert not any(leak in response.text for leak in LEAKS), url


# --- the admin: translations -----------------------------------------------------------------------


def test_change_form_lists_the_items_translations_with_their_state(editor_client, gmp):
    english = ArticleFactory(title="Plant opens in Novograd", category=gmp)
    draft = ArticleFactory(
        category=gmp, title="Завод открыт", language="ru", translation_key=english.translation_key, draft=True
    )
    response = editor_client.get(ARTICLE_CHANGE.format(english.pk))
    assert response.status_code == 200
    text = html.unescape(response.text)
    fieldset = re.search(r"<h2[^>]*>Language and translations</h2>(.*?)</fieldset>", text, re.S)
    assert fieldset, "no Language and translations fieldset"
    assert 'name="language"' in fieldset.group(1)
    assert f'Russian: <a href="{ARTICLE_CHANGE.format(draft.pk)}">Завод открыт</a> (Draft)' in fieldset.group(1)
    assert 'name="_translate"' not in text
    # And from the other side.
    text = html.unescape(editor_client.get(ARTICLE_CHANGE.format(draft.pk)).text)
    assert f'English: <a href="{ARTICLE_CHANGE.format(english.pk)}">Plant opens in Novograd</a> (Published)' in text


def test_change_form_offers_to_save_and_translate_into_a_missing_language(editor_client, gmp):
    english = ArticleFactory(category=gmp)
    russian = ArticleFactory(category=gmp, language="ru")
    text = editor_client.get(ARTICLE_CHANGE.format(english.pk)).text
    assert re.search(
        r'<button type="submit"[^>]*name="_translate" value="ru">Save and translate into Russian</button>', text
    )
    text = editor_client.get(ARTICLE_CHANGE.format(russian.pk)).text
    assert re.search(
        r'<button type="submit"[^>]*name="_translate" value="en">Save and translate into English</button>', text
    )
    assert 'value="ru">Save and translate' not in text


def test_save_and_translate_saves_the_edits_and_opens_a_new_russian_draft_copy(editor_client, gmp):
    english = ArticleFactory(title="Plant opens", category=gmp, slug="plant-opens", with_cover=True)
    data = article_admin_form_data(
        gmp,
        title="Plant opens today",
        slug="plant-opens",
        cover=str(english.cover_id),
        status="published",
        _translate="ru",
    )
    response = editor_client.post(ARTICLE_CHANGE.format(english.pk), data)
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.title == "Plant opens today"  # the edits were saved first
    copy = Article.objects.get(language="ru")
    assert response["Location"] == ARTICLE_CHANGE.format(copy.pk)
    assert copy.translation_key == english.translation_key
    assert copy.status == "draft"
    assert copy.published_at is None
    assert copy.slug == "plant-opens-ru"
    assert copy.title == "Plant opens today"
    assert copy.category == gmp
    assert copy.cover_id == english.cover_id
    assert "Russian" in " ".join(messages_of(response))
    # A draft: nowhere public, and the English page's switch still leads to the list.
    assert Client().get(copy.get_absolute_url()).status_code == 404
    assert switch_href(Client().get(english.get_absolute_url())) == "/ru/news/"


def test_save_and_translate_copies_a_portfolio_entrys_key_figures_and_gallery(editor_client):
    entry = EntryFactory(title="Sterile site", slug="sterile-site")
    KeyFigureFactory(entry=entry, label="Jobs", value="250", position=10)
    KeyFigureFactory(entry=entry, label="Investment", value="RUB 1.2 billion", position=20)
    item = GalleryItemFactory(entry=entry, caption="The isolator line", position=10)
    data = entry_admin_form_data(
        entry.category, entry.organization, title="Sterile site", slug="sterile-site", _translate="ru"
    )
    response = editor_client.post(ENTRY_CHANGE.format(entry.pk), data)
    assert response.status_code == 302
    copy = Entry.objects.get(language="ru")
    assert response["Location"] == ENTRY_CHANGE.format(copy.pk)
    assert (copy.slug, copy.status, copy.translation_key) == ("sterile-site-ru", "draft", entry.translation_key)
    assert (copy.category, copy.organization) == (entry.category, entry.organization)
    figures = [("Jobs", "250"), ("Investment", "RUB 1.2 billion")]
    assert list(copy.key_figures.order_by("position").values_list("label", "value")) == figures
    assert list(copy.gallery.values_list("picture_id", "caption")) == [(item.picture_id, "The isolator line")]
    # The original keeps its own rows.
    assert list(entry.key_figures.order_by("position").values_list("label", "value")) == figures
    assert entry.gallery.count() == 1


def test_save_and_translate_copies_a_galleries_photos(editor_client):
    gallery = GalleryFactory(title="Open day", slug="open-day")
    photos = [GalleryPhotoFactory(gallery=gallery, caption=f"Photo {n}", position=n * 10) for n in (1, 2)]
    response = editor_client.post(GALLERY_CHANGE.format(gallery.pk), gallery_admin_form_data(gallery, _translate="ru"))
    assert response.status_code == 302
    copy = Gallery.objects.get(language="ru")
    assert response["Location"] == GALLERY_CHANGE.format(copy.pk)
    assert (copy.slug, copy.status, copy.translation_key) == ("open-day-ru", "draft", gallery.translation_key)
    expected = [(photo.picture_id, photo.caption) for photo in photos]
    assert list(copy.photos.order_by("position").values_list("picture_id", "caption")) == expected
    assert gallery.photos.count() == 2


@pytest.mark.parametrize("language", ["xx", "de", "", "en", "<script>", "ru\x00"])
def test_save_and_translate_into_a_language_not_offered_saves_and_makes_nothing(language, editor_client, gmp):
    english = ArticleFactory(title="Plant opens", category=gmp, slug="plant-opens")
    url = ARTICLE_CHANGE.format(english.pk)
    data = article_admin_form_data(gmp, title="Plant opens today", slug="plant-opens", _translate=language)
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url
    assert messages_of(response) == ["The item was saved. It cannot be translated into that language."]
    english.refresh_from_db()
    assert english.title == "Plant opens today"
    assert Article.objects.count() == 1


def test_save_and_translate_when_the_translation_exists_opens_it_and_makes_no_second(editor_client, gmp):
    english = ArticleFactory(category=gmp, slug="plant-opens")
    russian = ArticleFactory(category=gmp, language="ru", translation_key=english.translation_key, draft=True)
    data = article_admin_form_data(gmp, title="Plant opens today", slug="plant-opens", _translate="ru")
    response = editor_client.post(ARTICLE_CHANGE.format(english.pk), data)
    assert response.status_code == 302
    assert response["Location"] == ARTICLE_CHANGE.format(russian.pk)
    assert Article.objects.filter(translation_key=english.translation_key).count() == 2
    english.refresh_from_db()
    assert english.title == "Plant opens today"


def test_a_group_takes_one_item_per_language(editor_client, gmp):
    english = ArticleFactory(category=gmp)
    russian = ArticleFactory(category=gmp, language="ru", translation_key=english.translation_key, slug="zavod")
    data = article_admin_form_data(gmp, title=russian.title, slug="zavod", language="en")
    response = editor_client.post(ARTICLE_CHANGE.format(russian.pk), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["language"] == [
        "This item already has a translation in that language."
    ]
    russian.refresh_from_db()
    assert russian.language == "ru"


def test_changelist_shows_each_items_languages_and_filters_by_language_and_missing_translation(editor_client, gmp):
    translated = ArticleFactory(title="Translated plant", category=gmp)
    ArticleFactory(title="Переведённый завод", category=gmp, language="ru", translation_key=translated.translation_key)
    ArticleFactory(title="Lone plant", category=gmp)
    ArticleFactory(title="Одинокий завод", category=gmp, language="ru")

    def rows(params=None):
        response = editor_client.get("/admin/news/article/", params or {})
        assert response.status_code == 200
        found = re.findall(
            r'<th class="field-title"><a[^>]*>([^<]*)</a></th>.*?<td class="field-languages_display">([^<]*)</td>',
            response.text,
            re.S,
        )
        return {html.unescape(title): marks for title, marks in found}, response.text

    everything, text = rows()
    assert everything == {
        "Translated plant": "EN ✓ · RU ✓",
        "Переведённый завод": "EN ✓ · RU ✓",
        "Lone plant": "EN ✓ · RU —",
        "Одинокий завод": "EN — · RU ✓",
    }
    assert "?language__exact=ru" in text
    assert "?missing=ru" in text
    assert set(rows({"language__exact": "ru"})[0]) == {"Переведённый завод", "Одинокий завод"}
    assert set(rows({"missing": "ru"})[0]) == {"Lone plant"}
    assert set(rows({"missing": "en"})[0]) == {"Одинокий завод"}
    assert set(rows({"missing": "xx"})[0]) == set(everything)  # not a language: no filtering, no error


# --- taxonomy: a name per language ---------------------------------------------------------------


def test_categories_and_organizations_are_named_in_the_pages_language(client, gmp):
    ArticleFactory(category=gmp, language="ru", title="Завод открыт")
    ArticleFactory(category=gmp, title="Plant opens")
    assert '<option value="gmp-news">Новости GMP</option>' in client.get("/ru/news/").text
    assert '<option value="gmp-news">GMP News</option>' in client.get("/news/").text
    assert "Новости GMP" in html.unescape(client.get("/ru/news/").text)
    assert "Новости GMP" not in html.unescape(client.get("/news/").text)

    organization = OrganizationFactory(name_en="SteriLine", name_ru="СтериЛайн")
    category = PortfolioCategoryFactory(name_en="Production", name_ru="Производство")
    entry = EntryFactory(organization=organization, category=category, language="ru")
    text = html.unescape(client.get(entry.get_absolute_url()).text)
    assert "СтериЛайн" in text
    assert "Производство" in text
    assert "SteriLine" not in text


def test_a_name_missing_in_the_pages_language_falls_back_to_the_other(db):
    events = CategoryFactory(name_en="Events", name_ru="", slug="events")
    with translation.override("ru"):
        assert events.name == "Events"
    only_russian = CategoryFactory(name_en="", name_ru="Мероприятия", slug="meropriyatiya")
    with translation.override("en"):
        assert only_russian.name == "Мероприятия"
        assert str(only_russian) == "Мероприятия"


def test_russian_list_cards_link_to_russian_addresses(client, gmp):
    russian = ArticleFactory(category=gmp, language="ru", title="Завод открыт", slug="zavod-otkryt")
    response = client.get("/ru/news/")
    assert card_titles(response) == ["Завод открыт"]
    assert f'href="{russian.get_absolute_url()}"' in response.text
    assert 'href="/ru/news/?category=gmp-news"' in client.get(russian.get_absolute_url()).text
