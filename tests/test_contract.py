"""What every content type shares, tested once over the registry (clusterportal.registry).

A type that is registered is covered here without a line of its own: its list, filters and
their bad input, pagination, detail and print pages, staff preview, Return with ``from``,
drafts and scheduled items never leaking (list, pages, stream, search, sitemap), and query
counts that do not grow with the number of items. tests/contract_app registers a type that
exists only in the tests, so the suite also proves that registering is all it takes.

Section test files keep only what is their own.
"""

import datetime
import html
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterportal import registry
from clusterportal.models import Status
from media_center.models import Gallery, PressMention, Publication, Video
from news.models import Article
from portfolio.models import Entry
from tests.contract_app.models import Notice
from tests.factories import (
    ArticleFactory,
    EntryFactory,
    GalleryFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
)
from tests.helpers import LEAKS, assert_branded_404, return_href, sitemap_text

#: How the tests make an item of each type. A newly registered type fails
#: test_every_registered_type_can_be_made_by_the_tests until it is given one here.
FACTORIES = {
    Article: ArticleFactory,
    Entry: EntryFactory,
    Gallery: GalleryFactory,
    Video: VideoFactory,
    Publication: PublicationFactory,
    PressMention: PressMentionFactory,
    Notice: lambda **kwargs: Notice.objects.create(**{"text": "<p>Office hours change.</p>", **kwargs}),
}

TYPES = registry.content_types()
WITH_PAGES = [ct for ct in TYPES if ct.has_page]
IN_STREAM = [ct for ct in TYPES if ct.in_stream]
SEARCHABLE = registry.searchable()


def by_key(types):
    return pytest.mark.parametrize("content_type", types, ids=[ct.key for ct in types])


def make(content_type, title: str, *, state: str = "published", age_hours: float = 1):
    now = timezone.now()
    fields = {"title": title, "status": Status.PUBLISHED, "published_at": now - datetime.timedelta(hours=age_hours)}
    if state == "draft":
        fields.update(status=Status.DRAFT, published_at=None)
    elif state == "scheduled":
        fields.update(published_at=now + datetime.timedelta(days=2))
    return FACTORIES[content_type.model](**fields)


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/html; charset=utf-8", url
    return len(captured)


def test_every_registered_type_can_be_made_by_the_tests():
    assert {ct.model for ct in TYPES} <= set(FACTORIES)


def test_the_test_only_type_is_registered_like_any_other():
    notices = registry.get("notices")
    assert notices is not None
    assert notices.model is Notice
    assert notices in WITH_PAGES
    assert notices in IN_STREAM
    assert notices in SEARCHABLE


@by_key(TYPES)
@pytest.mark.django_db
def test_every_type_is_edited_in_the_admin(content_type, editor_client):
    opts = content_type.model._meta
    assert admin.site.is_registered(content_type.model)
    item = make(content_type, "Wombat item")
    for url in (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
    ):
        assert editor_client.get(url).status_code == 200, url


# --- lists --------------------------------------------------------------------------------------


@by_key(TYPES)
@pytest.mark.django_db
def test_list_shows_published_items_newest_first_and_never_drafts_or_scheduled(content_type, editor_client):
    # Saved in neither date order nor its reverse: the list orders by publication time, not by id.
    make(content_type, "Middle wombat item", age_hours=3)
    make(content_type, "Newer wombat item", age_hours=1)
    make(content_type, "Older wombat item", age_hours=5)
    make(content_type, "Draft wombat item", state="draft")
    make(content_type, "Scheduled wombat item", state="scheduled")
    # The list is the public list for staff too: previews are per item.
    for visitor in (Client(), editor_client):
        response = visitor.get(content_type.list_url)
        assert response.status_code == 200
        text = html.unescape(response.text)
        assert text.index("Newer wombat item") < text.index("Middle wombat item") < text.index("Older wombat item")
        assert "Draft wombat item" not in text
        assert "Scheduled wombat item" not in text


@by_key(TYPES)
@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_number_of_items(content_type, client):
    for number in range(3):
        make(content_type, f"Item {number}", age_hours=number + 1)
    few = queries_of(client, content_type.list_url)
    for number in range(3, 30):
        make(content_type, f"Item {number}", age_hours=number + 1)
    assert queries_of(client, content_type.list_url) == few
    # The year choices are remembered until the content changes: page 2 may ask one query less.
    assert queries_of(client, f"{content_type.list_url}?page=2") <= few


@by_key(TYPES)
@pytest.mark.parametrize(
    "page", ["abc", "0", "-1", "2", "999", "99999999999999999999", "1.5", "1e3", "٣", "\x00", "1\x00"]
)
@pytest.mark.django_db
def test_list_page_that_is_not_one_is_a_branded_404(content_type, page, client):
    make(content_type, "Only item")
    assert_branded_404(client.get(content_type.list_url, {"page": page}))


@by_key(TYPES)
@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "\x00", "x" * 5000, "-1"])
@pytest.mark.django_db
def test_every_filter_refuses_bad_values_with_a_message_and_no_items(content_type, value, client):
    make(content_type, "Visible wombat item")
    for name in content_type.filter().form.fields:
        response = client.get(content_type.list_url, {name: value})
        assert response.status_code == 200, name
        text = html.unescape(response.text)
        assert "Visible wombat item" not in text, name
        assert 'aria-invalid="true"' in response.text, name
        assert 'role="alert"' in response.text, name
        assert "Some filter values were not understood" in text, name
        assert 'class="field-error"' in response.text, name
        assert "?from=" not in response.text, name  # nothing listed, nothing carries the bad value on
        assert "<script>alert(1)</script>" not in text
        assert "\x00" not in text
        assert "x" * 5000 not in text
        assert not any(leak in text for leak in LEAKS)


# --- item pages ---------------------------------------------------------------------------------


@by_key(WITH_PAGES)
@pytest.mark.django_db
def test_item_and_print_pages_are_public_once_published(content_type, editor_client):
    item = make(content_type, "Published wombat item")
    # Staff see a published item as everyone does: no banner, no preview headers.
    for visitor in (Client(), editor_client):
        for url in (item.get_absolute_url(), item.get_print_url()):
            response = visitor.get(url)
            assert response.status_code == 200, url
            assert "Published wombat item" in html.unescape(response.text)
            assert "preview-banner" not in response.text
            assert "not public" not in response.text
            assert "X-Robots-Tag" not in response.headers
            assert f'<link rel="canonical" href="http://testserver{item.get_absolute_url()}">' in response.text
        # The print view is for paper, not for search engines.
        assert '<meta name="robots" content="noindex">' in visitor.get(item.get_print_url()).text


@by_key(WITH_PAGES)
@pytest.mark.parametrize("state", ["draft", "scheduled"])
@pytest.mark.django_db
def test_drafts_and_scheduled_items_are_404_to_visitors_and_a_marked_preview_to_staff(
    content_type, state, bob, editor_client
):
    item = make(content_type, "Hidden wombat item", state=state)
    detail, printed = item.get_absolute_url(), item.get_print_url()
    visitor, signed_in = Client(), Client()
    signed_in.force_login(bob)  # signed in, but not staff
    for url in (detail, printed):
        for response in (visitor.get(url), signed_in.get(url)):
            assert response.status_code == 404, url
            assert "Hidden wombat item" not in html.unescape(response.text), url
    # What the banner says: the item page's, and the print view's shorter one.
    banners = {
        detail: {"draft": "Draft — not public.", "scheduled": "Scheduled — not public yet."}[state],
        printed: {"draft": "Draft — not public.", "scheduled": "Scheduled — not public."}[state],
    }
    for url, banner in banners.items():
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert "Hidden wombat item" in html.unescape(response.text), url
        assert "preview-banner" in response.text, url
        assert banner in response.text, url
        for directive in ("no-cache", "no-store", "private"):
            assert directive in response["Cache-Control"], url
        assert response["X-Robots-Tag"] == "noindex", url
    opts = content_type.model._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    assert f'href="{change_url}"' in editor_client.get(detail).text  # the banner's Edit link


@by_key(WITH_PAGES)
@pytest.mark.parametrize(
    "slug",
    [
        "no-such-item",
        "x" * 300,
        "a" * 2000,
        "a-" * 1000,
        "новости-кластера",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%00",
    ],
    ids=["unknown", "300-chars", "2000-chars", "2000-chars-dashed", "cyrillic", "script", "nul"],
)
@pytest.mark.django_db
def test_unknown_or_absurd_item_is_a_branded_404(content_type, slug, client):
    for url in (f"{content_type.list_url}{slug}/", f"{content_type.list_url}{slug}/print/"):
        response = client.get(url)
        assert_branded_404(response)
        assert "<script>alert(1)</script>" not in response.text, url


@by_key(WITH_PAGES)
@pytest.mark.django_db
def test_return_goes_back_to_the_list_the_visitor_came_from_and_only_there(content_type, client):
    item = make(content_type, "Wombat item", age_hours=1)
    assert return_href(client.get(item.get_absolute_url())) == content_type.list_url  # no `from`: the plain list
    year = str(timezone.localtime(item.published_at).year)
    kept = f"year={year}&page=2" if "year" in content_type.filter.base_filters else "page=2"
    response = client.get(item.get_absolute_url(), {"from": kept})
    assert return_href(response) == f"{content_type.list_url}?{kept}"
    # The print view carries it along, and back.
    assert re.search(r"from=[^\"]*page%3D2", client.get(item.get_print_url(), {"from": kept}).text)
    for bad in ("https://evil.example/", "page=abc", "year=<script>", "x" * 600, "page=1\x00"):
        assert return_href(client.get(item.get_absolute_url(), {"from": bad})) == content_type.list_url, bad


@by_key(WITH_PAGES)
@pytest.mark.django_db
def test_item_page_queries_do_not_grow_with_the_number_of_items(content_type, client):
    items = [make(content_type, f"Item {number}", age_hours=number + 1) for number in range(3)]
    middle = items[1]
    few = [queries_of(client, url) for url in (middle.get_absolute_url(), middle.get_print_url())]
    for number in range(3, 30):
        make(content_type, f"Item {number}", age_hours=number + 1)
    many = [queries_of(client, url) for url in (middle.get_absolute_url(), middle.get_print_url())]
    assert many == few


# --- pages that gather every type ---------------------------------------------------------------


@by_key(WITH_PAGES)
@pytest.mark.django_db
def test_sitemap_lists_the_list_and_published_items_only(content_type, client):
    published = make(content_type, "Published wombat item")
    draft = make(content_type, "Draft wombat item", state="draft")
    scheduled = make(content_type, "Scheduled wombat item", state="scheduled")
    text = sitemap_text(client)
    assert f"<loc>http://testserver{content_type.list_url}</loc>" in text
    assert f"<loc>http://testserver{published.get_absolute_url()}</loc>" in text
    for hidden in (draft, scheduled):
        assert hidden.get_absolute_url() not in text


@by_key(IN_STREAM)
@pytest.mark.django_db
def test_media_center_stream_and_bar_show_the_type_and_its_published_items_only(content_type, client):
    make(content_type, "Published wombat item")
    make(content_type, "Draft wombat item", state="draft")
    make(content_type, "Scheduled wombat item", state="scheduled")
    response = client.get("/media-center/", {"type": content_type.key})
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "Published wombat item" in text
    assert "Draft wombat item" not in text
    assert "Scheduled wombat item" not in text
    assert f'href="{content_type.list_url}"' in response.text  # the media center bar


@by_key(SEARCHABLE)
@pytest.mark.django_db
def test_search_finds_published_items_only(content_type, client):
    make(content_type, "Published wombat item")
    make(content_type, "Draft wombat item", state="draft")
    make(content_type, "Scheduled wombat item", state="scheduled")
    response = client.get("/search/", {"q": "wombat", "type": content_type.key})
    assert response.status_code == 200
    text = re.sub(r"</?mark>", "", html.unescape(response.text))
    assert "Published wombat item" in text
    assert "Draft wombat item" not in text
    assert "Scheduled wombat item" not in text


@pytest.mark.django_db
def test_home_and_search_pages_cost_the_same_however_many_items(client):
    for content_type in TYPES:
        for number in range(3):
            make(content_type, f"Wombat {content_type.key} {number}", age_hours=number + 1)
    few = [queries_of(client, url) for url in ("/", "/media-center/", "/search/?q=wombat")]
    for content_type in TYPES:
        for number in range(3, 30):
            make(content_type, f"Wombat {content_type.key} {number}", age_hours=number + 1)
    assert [queries_of(client, url) for url in ("/", "/media-center/", "/search/?q=wombat")] == few
