"""The media center as a whole: the landing page and its stream, press coverage, the section
navigation (also on news pages), the home page, the sitemap, resources and query counts.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterportal import registry
from clusterportal.stream import Stream
from tests.factories import (
    ArticleFactory,
    GalleryFactory,
    GalleryPhotoFactory,
    PictureFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
)
from tests.helpers import resource_urls, sitemap_text

pytestmark = pytest.mark.django_db


def stream_types(text: str) -> list[str]:
    return re.findall(r'<article class="stream-item stream-item--([a-z]+)">', text)


@pytest.fixture
def one_of_each():
    ArticleFactory(title="News of the day")
    GalleryFactory(title="Open day photos")
    VideoFactory(title="Plant tour video")
    PublicationFactory(title="Annual report 2025")
    PressMentionFactory(title="Cluster in the press", outlet="Vedomosti", url="https://press.example.com/a")


# --- the landing page and its stream ------------------------------------------------------------


def test_landing_shows_the_latest_of_each_kind_and_the_stream(one_of_each, client):
    response = client.get("/media-center/")
    assert response.status_code == 200
    text = html.unescape(response.text)
    for heading in ("News", "Photo galleries", "Videos", "Publications", "Press about us"):
        assert f">{heading}</h2>" in text
    for title in ("News of the day", "Open day photos", "Plant tour video", "Annual report 2025"):
        assert text.count(title) >= 2  # in its block and in the stream
    assert "Everything, newest first" in text
    assert "5 items" in text
    assert sorted(stream_types(text)) == ["galleries", "news", "press", "publications", "videos"]
    # The section navigation's title, and the site header's item.
    assert 'class="section-nav__title" href="/media-center/" aria-current="page">Media center</a>' in text
    assert 'aria-current="page">Media center</a></li>' in text  # header


def test_stream_is_newest_first_across_types(client):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    PressMentionFactory(title="Oldest", published_at=now - datetime.timedelta(days=3))
    ArticleFactory(title="Newest", published_at=now - datetime.timedelta(minutes=5))
    GalleryFactory(title="Middle", published_at=now - datetime.timedelta(days=1))
    items = Stream()[0:3]
    assert [item.object.title for item in items] == ["Newest", "Middle", "Oldest"]


@pytest.mark.parametrize("kind", ["news", "galleries", "videos", "publications", "press"])
def test_stream_type_filter_shows_only_that_type(kind, one_of_each, client):
    text = client.get("/media-center/", {"type": kind}).text
    assert stream_types(text) == [kind]
    assert "1 item" in text
    assert "media-latest" not in text  # the latest blocks belong to the plain first page


@pytest.mark.parametrize("value", ["movies", "<script>alert(1)</script>", "\x00", "x" * 5000])
def test_stream_bad_type_shows_an_error_and_no_items(value, one_of_each, client):
    response = client.get("/media-center/", {"type": value})
    assert response.status_code == 200
    assert "Choose one of the types in the list." in response.text
    assert stream_types(response.text) == []
    assert "<script>alert" not in response.text


@pytest.mark.parametrize("page", ["abc", "0", "3", "-1", "9999999999"])
def test_stream_bad_pages_are_404(page, one_of_each, client):
    assert client.get("/media-center/", {"page": page}).status_code == 404


def test_stream_pages_by_twenty_and_keeps_the_filter(client):
    for _ in range(21):
        PressMentionFactory()
    GalleryFactory()
    text = client.get("/media-center/", {"type": "press"}).text
    assert len(stream_types(text)) == 20
    assert "?type=press&amp;page=2" in text
    second = client.get("/media-center/", {"type": "press", "page": "2"}).text
    assert stream_types(second) == ["press"]


def test_stream_registry_gathers_news_without_the_media_center_importing_it():
    keys = [content_type.key for content_type in registry.in_stream() if content_type.key != "notices"]  # tests' own
    assert keys == ["news", "galleries", "videos", "publications", "press"]
    import pathlib

    for path in pathlib.Path("media_center").rglob("*.py"):
        source = path.read_text()
        for app in ("news", "portfolio"):
            assert f"from {app}" not in source, path
            assert f"import {app}" not in source, path


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_items_never_reach_the_stream_or_the_landing(trait, client):
    GalleryFactory(title="Hidden gallery", **{trait: True})
    VideoFactory(title="Hidden video", **{trait: True})
    PublicationFactory(title="Hidden report", **{trait: True})
    PressMentionFactory(title="Hidden mention", **{trait: True})
    ArticleFactory(title="Hidden article", **{trait: True})
    for url in ("/media-center/", "/"):
        text = client.get(url).text
        assert "Hidden" not in text, url
    assert "0 items" in client.get("/media-center/").text


# --- press --------------------------------------------------------------------------------------


def test_press_list_shows_outlet_date_and_a_link_out(client):
    mention = PressMentionFactory(
        title="Cluster doubles exports", outlet="Vedomosti", url="https://press.example.com/x?a=1&b=2", excerpt="Quote."
    )
    text = client.get("/media-center/press/").text
    assert "Vedomosti" in text
    assert "Cluster doubles exports" in text
    assert "Quote." in text
    assert '<a href="https://press.example.com/x?a=1&amp;b=2" rel="noopener external">' in text
    assert mention.published_at.strftime("%Y") in text
    assert 'aria-current="page">Press about us' in text


def test_press_mentions_answer_like_every_content_model():
    mention = PressMentionFactory(url="https://press.example.com/x")
    assert mention.get_absolute_url() == "https://press.example.com/x"
    assert mention.get_print_url() == "https://press.example.com/x"
    assert mention in type(mention).objects.published()


def test_press_list_pages_by_twenty(client):
    for _ in range(21):
        PressMentionFactory()
    assert client.get("/media-center/press/").text.count('class="press-item"') == 20
    assert client.get("/media-center/press/", {"page": "2"}).text.count('class="press-item"') == 1
    assert client.get("/media-center/press/", {"page": "3"}).status_code == 404
    assert "Some filter values" in client.get("/media-center/press/", {"year": "abc"}).text


# --- navigation, home, sitemap ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/media-center/", "Media center"),
        ("/media-center/galleries/", "Photo galleries"),
        ("/media-center/videos/", "Videos"),
        ("/media-center/publications/", "Publications"),
        ("/media-center/press/", "Press about us"),
        ("/news/", "News"),
    ],
)
def test_section_navigation_marks_where_the_visitor_is(url, current, client):
    text = client.get(url).text
    nav = re.search(r'<nav class="section-nav".*?</nav>', text, re.S).group(0)
    assert re.findall(r'aria-current="page">([^<]+)</a>', nav) == [current]
    for label in ("News", "Photo galleries", "Videos", "Publications", "Press about us"):
        assert f">{label}</a>" in nav


def test_news_article_pages_have_the_section_navigation(client):
    article = ArticleFactory()
    text = client.get(article.get_absolute_url()).text
    assert 'class="section-nav"' in text
    assert 'href="/media-center/galleries/"' in text
    assert 'class="section-nav"' not in client.get(article.get_print_url()).text


def test_home_page_shows_the_latest_three_of_the_media_center(client):
    PressMentionFactory(title="Mention one")
    GalleryFactory(title="Gallery two")
    VideoFactory(title="Video three")
    PublicationFactory(
        title="Old report", published_at=GalleryFactory._meta.model.objects.first().published_at.replace(year=2020)
    )
    text = client.get("/").text
    section = text.split('id="home-media-center"')[1]
    assert "Mention one" in section
    assert "Gallery two" in section
    assert "Video three" in section
    assert "Old report" not in section
    assert 'href="/media-center/"' in section


def test_header_links_to_the_media_center(client):
    assert '<a href="/media-center/">Media center</a>' in client.get("/").text


def test_sitemap_lists_published_media_center_pages(client):
    GalleryFactory(slug="shown")
    GalleryFactory(slug="hidden", draft=True)
    VideoFactory(slug="film")
    PublicationFactory(slug="report")
    PressMentionFactory(url="https://press.example.com/out")
    text = sitemap_text(client)
    for path in (
        "/media-center/",
        "/media-center/press/",
        "/media-center/galleries/shown/",
        "/media-center/videos/film/",
    ):
        assert f"http://testserver{path}</loc>" in text
    assert "/media-center/publications/report/" in text
    assert "hidden" not in text
    assert "press.example.com" not in text


# --- no third-party resources, query counts -----------------------------------------------------


def make_content(count: int):
    picture = PictureFactory(size=(320, 200))
    for n in range(count):
        ArticleFactory()
        gallery = GalleryFactory(cover=picture if n % 2 else None)
        GalleryPhotoFactory(gallery=gallery, picture=picture)
        GalleryPhotoFactory(gallery=gallery, picture=picture)
        VideoFactory(cover=picture if n % 2 else None, video_url="https://vimeo.com/76979871")
        PublicationFactory()
        PressMentionFactory()


def media_pages():
    from media_center.models import Gallery, Publication, Video

    gallery, video, publication = Gallery.objects.first(), Video.objects.first(), Publication.objects.first()
    return {
        "landing": "/media-center/",
        "landing filtered": "/media-center/?type=galleries",
        "galleries": "/media-center/galleries/",
        "gallery": gallery.get_absolute_url(),
        "gallery print": gallery.get_print_url(),
        "photo": gallery.get_photo_url(1),
        "videos": "/media-center/videos/",
        "video": video.get_absolute_url(),
        "video print": video.get_print_url(),
        "publications": "/media-center/publications/",
        "publication": publication.get_absolute_url(),
        "publication print": publication.get_print_url(),
        "press": "/media-center/press/",
        "home": "/",
    }


PAGE_NAMES = [
    "landing",
    "landing filtered",
    "galleries",
    "gallery",
    "gallery print",
    "photo",
    "videos",
    "video",
    "video print",
    "publications",
    "publication",
    "publication print",
    "press",
    "home",
]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_no_page_loads_a_third_party_resource(page, client):
    make_content(3)
    text = client.get(media_pages()[page]).text
    for url in resource_urls(text):
        assert url.startswith("/"), url
        assert not url.startswith("//"), url
    assert "<iframe" not in text


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_query_count_is_the_same_with_3_and_30_items(page, client):
    make_content(3)
    url = media_pages()[page]
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make_content(27)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


#: Ceilings, so that a regression shows as a number: landing = a latest block per type that has
#: one (+1 for gallery pictures) + a COUNT and a newest-N query per type of the stream.
LANDING_MAX_QUERIES = sum(1 for ct in registry.in_stream() if ct.latest_template) + 1 + 2 * len(registry.in_stream())
CEILINGS = {
    "landing": LANDING_MAX_QUERIES,
    "galleries": 4,
    "gallery": 5,
    "photo": 3,
    "videos": 3,
    "publications": 3,
    "press": 3,
}


@pytest.mark.parametrize(("page", "ceiling"), CEILINGS.items())
def test_query_count_has_a_fixed_ceiling(page, ceiling, client, django_assert_max_num_queries):
    make_content(3)
    url = media_pages()[page]
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


# --- demo content -------------------------------------------------------------------------------
