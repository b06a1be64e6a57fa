"""Findings of the security review (part C), each pinned by the behaviour that fixes it:

1. previews of drafts and scheduled items need the admin's permission for that type, not staff alone;
2. social cards: unguessable names, drawn only for public and scheduled items, gone with the item;
3. plain text goes into feeds as text, not as markup;
4. a stored video address that is no video never breaks a page, and the admin flags it;
5. the rich-text allowlist: figure classes, link rel and href, picture sources;
6. page numbers are ASCII digits; public pages answer TRACE with 405; the 500 page tells the truth.
"""

import datetime
import hashlib
import html
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from clusterportal.models import Status
from clusterportal.pictures import cards
from clusterportal.richtext import sanitize
from media_center.models import Gallery, Video
from news.models import Article
from tests.factories import (
    ArticleFactory,
    EntryFactory,
    GalleryFactory,
    GalleryPhotoFactory,
    PictureFactory,
    PublicationFactory,
    VideoFactory,
)
from tests.picture_files import media_files
from tests.urls_boom import SECRET_IN_ERROR

pytestmark = pytest.mark.django_db


# --- 1. previews need a permission for the type -------------------------------------------------


def staff_user(django_user_model, name: str, *codenames: str):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def hidden():
    """A draft article, and a scheduled gallery with one photo."""
    gallery = GalleryFactory(scheduled=True, title="Embargoed opening gallery")
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(size=(64, 48)))
    return {"article": ArticleFactory(draft=True, title="Secret merger draft"), "gallery": gallery}


def hidden_pages(hidden) -> list[str]:
    article, gallery = hidden["article"], hidden["gallery"]
    return [
        article.get_absolute_url(),
        article.get_print_url(),
        gallery.get_absolute_url(),
        gallery.get_print_url(),
        gallery.get_photo_url(1),
    ]


def test_staff_without_permissions_get_404_on_every_page_of_unpublished_items(hidden, client, django_user_model):
    client.force_login(staff_user(django_user_model, "carol"))
    for url in hidden_pages(hidden):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "codenames",
    [("view_article", "view_gallery"), ("change_article", "change_gallery")],
    ids=["view", "change"],
)
def test_staff_who_may_view_or_change_the_type_see_the_preview(codenames, hidden, client, django_user_model):
    client.force_login(staff_user(django_user_model, "dave", *codenames))
    for url in hidden_pages(hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "not public" in response.text
        assert "no-cache" in response["Cache-Control"]


def test_superusers_see_the_preview(hidden, editor_client):
    for url in hidden_pages(hidden):
        assert editor_client.get(url).status_code == 200, url


def test_a_permission_for_one_type_previews_that_type_only(hidden, client, django_user_model):
    client.force_login(staff_user(django_user_model, "erin", "view_article"))
    assert client.get(hidden["article"].get_absolute_url()).status_code == 200
    assert client.get(hidden["gallery"].get_absolute_url()).status_code == 404
    assert client.get(hidden["gallery"].get_photo_url(1)).status_code == 404


def test_visible_to_needs_staff_and_the_permission(django_user_model):
    draft = ArticleFactory(draft=True)
    published = ArticleFactory()
    non_staff = django_user_model.objects.create_user("frank")
    non_staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    cases = {
        "anonymous": (AnonymousUser(), {published}),
        "staff without permissions": (staff_user(django_user_model, "carol"), {published}),
        "permission without staff": (non_staff, {published}),
        "staff with view": (staff_user(django_user_model, "dave", "view_article"), {published, draft}),
    }
    for who, (user, expected) in cases.items():
        assert set(Article.objects.visible_to(user)) == expected, who


@pytest.fixture
def local_uploads(monkeypatch, settings):
    """The local uploads' URL serves this test's MEDIA_ROOT (the URL map read the setting at import)."""
    from clusterportal import urls

    (pattern,) = [p for p in urls.urlpatterns if "document_root" in getattr(p, "default_args", {})]
    monkeypatch.setitem(pattern.default_args, "document_root", settings.MEDIA_ROOT)


# --- 2. social cards ----------------------------------------------------------------------------


def cards_of(obj) -> list[str]:
    opts = obj._meta
    return [name for name in media_files() if name.startswith(f"social/{opts.app_label}/{opts.model_name}/{obj.pk}/")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a save leaves for its commit (the card's drawing), as a request's commit does."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_a_card_name_is_keyed_with_the_secret_key_and_stable_while_the_title_is(settings):
    article = ArticleFactory.build(pk=27, title="Merger with Pharma Two")
    name = cards.social_card_name(article)
    folder, file = name.rsplit("/", 1)
    assert folder == "social/news/article/27"
    shown = f"{cards.DESIGN}|{settings.SITE_NAME}|Articles|{article.title}"
    assert file != f"{hashlib.sha256(shown.encode()).hexdigest()[:12]}.jpg"  # the old, guessable name
    assert cards.social_card_name(article) == name
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert cards.social_card_name(article) != name


def test_drafts_get_no_card_and_scheduled_items_do(committed):
    draft = committed(lambda: ArticleFactory(draft=True, title="Secret merger draft"))
    scheduled = committed(lambda: ArticleFactory(scheduled=True, title="Embargoed plant opening"))
    assert cards_of(draft) == []
    assert cards_of(scheduled) == [cards.social_card_name(scheduled)]


def test_a_guessed_card_address_of_a_draft_is_not_found(committed, client, local_uploads):
    public = committed(lambda: ArticleFactory(title="Public plant opening"))
    assert client.get(default_storage.url(cards.social_card_name(public))).status_code == 200
    draft = committed(lambda: ArticleFactory(draft=True, title="Secret merger draft"))
    shown = f"{cards.DESIGN}|{settings.SITE_NAME}|Articles|{draft.title}"
    guess = f"{settings.MEDIA_URL}social/news/article/{draft.pk}/{hashlib.sha256(shown.encode()).hexdigest()[:12]}.jpg"
    assert client.get(guess).status_code == 404
    assert client.get(f"{settings.MEDIA_URL}social/news/article/{draft.pk}/").status_code == 404  # no listing


def test_going_back_to_draft_removes_the_card_and_publishing_draws_it(committed):
    article = committed(lambda: ArticleFactory(title="Recalled announcement"))
    assert cards_of(article) == [cards.social_card_name(article)]
    article.status = Status.DRAFT
    committed(article.save)
    assert cards_of(article) == []
    article.status = Status.PUBLISHED
    committed(article.save)
    assert cards_of(article) == [cards.social_card_name(article)]


def test_the_admin_actions_draw_and_remove_cards_too(committed, editor_client):
    draft = committed(lambda: ArticleFactory(draft=True, title="Published from the list"))
    data = {"action": "publish", "_selected_action": [draft.pk]}
    committed(lambda: editor_client.post("/admin/news/article/", data))
    draft.refresh_from_db()
    assert draft.is_published
    assert cards_of(draft) == [cards.social_card_name(draft)]
    data["action"] = "unpublish"
    committed(lambda: editor_client.post("/admin/news/article/", data))
    assert cards_of(draft) == []


def test_a_new_title_replaces_the_card_and_deleting_the_item_removes_its_folder(committed):
    article = committed(lambda: ArticleFactory(title="Old title"))
    old = cards.social_card_name(article)
    article.title = "New title"
    committed(article.save)
    assert cards_of(article) == [cards.social_card_name(article)] != [old]
    pk = article.pk
    committed(article.delete)
    assert [name for name in media_files() if name.startswith(f"social/news/article/{pk}/")] == []


# --- 3. plain text in feeds ---------------------------------------------------------------------


def test_a_lead_with_markup_reaches_feed_readers_as_the_text_it_is(client):
    lead = "a <b>b</b> & c"
    ArticleFactory(lead=lead, title="Markup in the lead")
    response = client.get("/news/feed/")
    assert response.status_code == 200
    item = ET.fromstring(response.content).find("channel/item")
    # <description> holds HTML: the lead escaped once as HTML, so that a reader shows it as typed.
    assert item.find("description").text == "a &lt;b&gt;b&lt;/b&gt; &amp; c"
    assert html.unescape(item.find("description").text) == lead
    assert item.find("title").text == "Markup in the lead"


# --- 4. a stored address that is no video --------------------------------------------------------

BAD_VIDEO_ADDRESSES = ["javascript:alert(1)", "https://unknown.example/x", ""]


@pytest.mark.parametrize("address", BAD_VIDEO_ADDRESSES, ids=["javascript", "unknown-host", "empty"])
def test_a_stored_bad_video_address_shows_the_video_without_a_player(address, client):
    video = VideoFactory(title="Interview with the director")
    Video.objects.filter(pk=video.pk).update(video_url=address)
    for url in ["/media-center/", "/media-center/videos/", video.get_absolute_url(), video.get_print_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Interview with the director" in response.text
        assert "data-video-player" not in response.text
        assert "javascript:" not in response.text
        assert "unknown.example" not in response.text
    assert "This video cannot be played here at the moment." in client.get(video.get_absolute_url()).text


def test_the_admin_flags_a_stored_bad_video_address(editor_client):
    good, bad = VideoFactory(title="Good video"), VideoFactory(title="Bad video")
    Video.objects.filter(pk=bad.pk).update(video_url="javascript:alert(1)")
    changelist = editor_client.get("/admin/media_center/video/")
    assert changelist.status_code == 200
    assert changelist.text.count("Address to fix") == 1
    assert "YouTube" in changelist.text  # the good one's host
    assert "is not one the site can play" in editor_client.get(f"/admin/media_center/video/{bad.pk}/change/").text
    assert "is not one the site can play" not in editor_client.get(f"/admin/media_center/video/{good.pk}/change/").text


# --- 5. the rich-text allowlist -----------------------------------------------------------------

PICTURE = "/uploads/pictures/2026/05/abc.w960.webp"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        pytest.param(
            f'<figure class="figure"><img src="{PICTURE}" alt="x"></figure>',
            f'<figure class="figure"><img src="{PICTURE}" alt="x"></figure>',
            id="figure-class-of-the-editor",
        ),
        pytest.param(
            f'<figure class="evil figure"><img src="{PICTURE}" alt="x"></figure>',
            f'<figure class="figure"><img src="{PICTURE}" alt="x"></figure>',
            id="figure-other-class-dropped",
        ),
        pytest.param(
            f'<figure class="site-header"><img src="{PICTURE}" alt="x"></figure>',
            f'<figure><img src="{PICTURE}" alt="x"></figure>',
            id="figure-only-other-class",
        ),
        pytest.param('<p><a href="/news/" rel="opener">x</a></p>', '<p><a href="/news/">x</a></p>', id="rel-opener"),
        pytest.param(
            '<p><a href="/news/" rel="noopener opener nofollow">x</a></p>',
            '<p><a href="/news/" rel="noopener nofollow">x</a></p>',
            id="rel-safe-kept",
        ),
        pytest.param('<p><a href="//evil.example/">x</a></p>', "<p><a>x</a></p>", id="protocol-relative"),
        pytest.param('<p><a href="&#47;&#47;evil.example/">x</a></p>', "<p><a>x</a></p>", id="protocol-relative-ent"),
        pytest.param('<p><a href="/\\evil.example/">x</a></p>', "<p><a>x</a></p>", id="slash-backslash"),
        pytest.param('<p><a href="/&#9;/evil.example/">x</a></p>', "<p><a>x</a></p>", id="slash-tab-slash"),
        pytest.param('<p><a href="report.pdf">x</a></p>', "<p><a>x</a></p>", id="page-relative"),
        pytest.param('<p><a href="ftp://example.org/x">x</a></p>', "<p><a>x</a></p>", id="other-scheme"),
        pytest.param('<p><a href="https:///x">x</a></p>', "<p><a>x</a></p>", id="https-without-host"),
        pytest.param('<p><a href="/news/x/?a=1#b">x</a></p>', '<p><a href="/news/x/?a=1#b">x</a></p>', id="site-path"),
        pytest.param(
            '<p><a href="https://example.org/a">a</a> <a href="mailto:p@example.org">m</a> <a href="tel:+7">t</a></p>',
            '<p><a href="https://example.org/a">a</a> <a href="mailto:p@example.org">m</a> <a href="tel:+7">t</a></p>',
            id="absolute-schemes",
        ),
        pytest.param('<img src="/uploads/../admin/logout/" alt="x">', "", id="img-dot-dot"),
        pytest.param('<img src="/uploads/%2e%2e/admin/logout/" alt="x">', "", id="img-encoded-dots"),
        pytest.param('<img src="/uploads/a/./b.webp" alt="x">', "", id="img-dot-segment"),
        pytest.param('<img src="/uploads//evil.example/x.webp" alt="x">', "", id="img-double-slash"),
        pytest.param('<img src="/uploads/a\\..\\..\\admin" alt="x">', "", id="img-backslash"),
        pytest.param(f'<img src="{PICTURE}?track=1" alt="x">', "", id="img-query"),
        pytest.param('<img src="/uploads/" alt="x">', "", id="img-the-folder"),
        pytest.param(f'<p><img src="{PICTURE}" alt="x"></p>', f'<p><img src="{PICTURE}" alt="x"></p>', id="img-ok"),
    ],
)
def test_rich_text_keeps_only_what_the_editor_makes(dirty, clean):
    assert sanitize(dirty) == clean


# --- 6. page numbers, methods, the 500 page -------------------------------------------------------


# Each is page 1 to int(): Arabic-Indic, Persian and full-width digits, a sign, spaces. ("last" is
# Django's word for the last page, and stays: tests/test_bad_input.py.)
@pytest.mark.parametrize("page", ["١", "۱", "１", "+1", " 1", "1 "])
@pytest.mark.parametrize("url", ["/news/", "/portfolio/", "/media-center/galleries/", "/media-center/"])
def test_page_numbers_are_ascii_digits_only(url, page, client):
    assert client.get(url, {"page": page}).status_code == 404


def test_an_ascii_page_number_still_works(client):
    ArticleFactory()
    assert client.get("/news/", {"page": "1"}).status_code == 200
    assert client.get("/news/", {"page": "2"}).status_code == 404


def test_every_kind_of_public_address_refuses_trace(client, local_uploads):
    article = ArticleFactory()
    gallery = GalleryFactory()
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(size=(64, 48)))
    publication = PublicationFactory()
    entry = EntryFactory()
    upload = default_storage.save("pictures/trace-test.txt", ContentFile(b"x"))
    urls = [
        "/",
        "/ru/",
        "/news/",
        article.get_absolute_url(),
        article.get_print_url(),
        "/news/feed/",
        "/ru/news/feed/",
        "/portfolio/",
        entry.get_absolute_url(),
        entry.get_print_url(),
        "/media-center/",
        "/media-center/galleries/",
        gallery.get_absolute_url(),
        gallery.get_photo_url(1),
        "/media-center/videos/",
        "/media-center/publications/",
        publication.get_absolute_url(),
        publication.get_download_url(),
        "/media-center/press/",
        "/search/?q=plant",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
        f"{settings.MEDIA_URL}{upload}",
    ]
    assert client.get(f"{settings.MEDIA_URL}{upload}").status_code == 200  # the file is there
    refused = {url: client.generic("TRACE", url).status_code for url in urls}
    assert refused == dict.fromkeys(urls, 405)


@pytest.fixture
def boom_client(client, settings):
    settings.ROOT_URLCONF = "tests.urls_boom"
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(("admins", "told"), [([], False), ([("Site admin", "ops@example.com")], True)])
def test_the_500_page_says_someone_was_told_only_when_someone_is(admins, told, boom_client, settings):
    settings.ADMINS = admins
    with mock.patch("django.core.mail.mail_admins"):
        response = boom_client.get("/boom/")
    assert response.status_code == 500
    assert ("We have been told about it" in response.text) is told
    assert "please try again in a few minutes" in response.text.lower()
    assert SECRET_IN_ERROR not in response.text


def test_gallery_photo_page_of_a_scheduled_gallery_is_public_once_its_time_comes(client):
    """The photo pages follow the gallery's publication rule (no copy of it elsewhere)."""
    gallery = GalleryFactory(published_at=timezone.now() + datetime.timedelta(minutes=5))
    GalleryPhotoFactory(gallery=gallery, picture=PictureFactory(size=(64, 48)))
    assert client.get(gallery.get_photo_url(1)).status_code == 404
    Gallery.objects.filter(pk=gallery.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(gallery.get_photo_url(1)).status_code == 200
