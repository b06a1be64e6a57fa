"""The editor's admin: status at a glance, filters, search, bulk publishing, required alt text."""

import datetime
import html
import re

import pytest
import time_machine
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.test import Client, RequestFactory

from clusterportal.admin import PublicationStateFilter
from clusterportal.models import PublicationState, Status
from media_center.models import Gallery, PressMention, Publication, Video
from news.models import Article
from portfolio.models import Entry
from tests.factories import ArticleFactory, CategoryFactory, PictureFactory, article_admin_form_data
from tests.helpers import cover_on

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/news/article/"
ADD_URL = "/admin/news/article/add/"
NOW = datetime.datetime(2024, 6, 15, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def articles(frozen_now):
    return {
        "published": ArticleFactory(
            title="Alpha published", lead="About vaccines.", published_at=NOW - datetime.timedelta(days=1)
        ),
        "scheduled": ArticleFactory(
            title="Beta scheduled", lead="About insulin.", published_at=NOW + datetime.timedelta(days=1)
        ),
        "draft": ArticleFactory(title="Gamma draft", lead="About vaccines and insulin.", draft=True),
    }


@pytest.fixture
def visitor():
    """An anonymous browser of the public site, separate from the editor's session."""
    return Client()


def changelist_titles(response) -> set[str]:
    return {
        html.unescape(title)
        # The title is the row's link: Django renders the first linked column as <th>.
        for title in re.findall(r'<t[hd] class="field-title"><a href="[^"]*">([^<]*)</a></t[hd]>', response.text)
    }


# --- the list ---------------------------------------------------------------------------------


def test_changelist_shows_status_badges(articles, editor_client):
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    text = response.text
    assert '<span class="state state-published">Published</span>' in text
    assert '<span class="state state-scheduled">Scheduled</span>' in text
    assert '<span class="state state-draft">Draft</span>' in text


def test_changelist_shows_category_moscow_time_and_preview_links(articles, editor_client):
    text = editor_client.get(CHANGELIST).text
    assert "Publication time (Moscow)" in text
    # 14 June 2024 09:00 UTC is 12:00 in Moscow.
    assert "14.06.2024 12:00" in text
    assert articles["published"].category.name in text
    assert f'<a href="{articles["published"].get_absolute_url()}" target="_blank" rel="noopener">View</a>' in text
    assert f'<a href="{articles["draft"].get_absolute_url()}" target="_blank" rel="noopener">Preview</a>' in text


def test_changelist_shows_a_thumbnail_for_articles_with_a_cover(frozen_now, editor_client):
    article = ArticleFactory(with_cover=True)  # a 1200×675 library picture
    text = editor_client.get(CHANGELIST).text
    # The smallest rendition, drawn at 80 px wide in the picture's proportions.
    thumbnail = article.cover.w480.url
    assert f'<img src="{thumbnail}" alt="" width="80" height="45" class="admin-thumb" loading="lazy">' in text


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("published", {"Alpha published"}),
        ("scheduled", {"Beta scheduled"}),
        ("draft", {"Gamma draft"}),
        (None, {"Alpha published", "Beta scheduled", "Gamma draft"}),
    ],
)
def test_changelist_filters_by_status(state, expected, articles, editor_client):
    params = {"state": state} if state else {}
    response = editor_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert changelist_titles(response) == expected


def test_status_filter_is_offered(articles, editor_client):
    text = editor_client.get(CHANGELIST).text
    for state in PublicationState:
        assert f'href="?state={state.value}"' in text


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Alpha", {"Alpha published"}),
        ("scheduled", {"Beta scheduled"}),
        ("vaccines", {"Alpha published", "Gamma draft"}),
        ("insulin", {"Beta scheduled", "Gamma draft"}),
        ("nothing-like-this", set()),
    ],
)
def test_changelist_searches_title_and_lead(q, expected, articles, editor_client):
    response = editor_client.get(CHANGELIST, {"q": q})
    assert response.status_code == 200
    assert changelist_titles(response) == expected


def test_changelist_query_count_does_not_grow(frozen_now, editor_client, django_assert_max_num_queries):
    ArticleFactory.create_batch(3, with_cover=True)
    with django_assert_max_num_queries(15) as few:
        editor_client.get(CHANGELIST)
    ArticleFactory.create_batch(30, with_cover=True)
    with django_assert_max_num_queries(len(few)):
        editor_client.get(CHANGELIST)


# --- bulk actions -----------------------------------------------------------------------------


def run_action(client, action, articles):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [str(a.pk) for a in articles]})


def test_publish_action_publishes_drafts_now_and_keeps_given_times(frozen_now, editor_client, visitor):
    undated = ArticleFactory(title="Undated draft", draft=True)
    past = ArticleFactory(title="Backdated draft", status=Status.DRAFT, published_at=NOW - datetime.timedelta(days=3))
    future = ArticleFactory(title="Future draft", status=Status.DRAFT, published_at=NOW + datetime.timedelta(days=3))

    response = run_action(editor_client, "publish", [undated, past, future])
    assert response.status_code == 302
    for article in (undated, past, future):
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
    assert undated.published_at == NOW
    assert past.published_at == NOW - datetime.timedelta(days=3)
    assert future.published_at == NOW + datetime.timedelta(days=3)
    assert undated.publication_state == PublicationState.PUBLISHED
    assert past.publication_state == PublicationState.PUBLISHED
    assert future.publication_state == PublicationState.SCHEDULED

    assert "Published 3 items." in editor_client.get(response.url).text
    assert visitor.get(undated.get_absolute_url()).status_code == 200
    assert visitor.get(future.get_absolute_url()).status_code == 404


def test_publish_action_leaves_published_articles_as_they_are(articles, editor_client):
    published_at = articles["published"].published_at
    run_action(editor_client, "publish", [articles["published"]])
    articles["published"].refresh_from_db()
    assert articles["published"].published_at == published_at


def test_unpublish_action_takes_articles_off_the_site(articles, editor_client, visitor):
    response = run_action(editor_client, "unpublish", [articles["published"], articles["scheduled"]])
    assert response.status_code == 302
    for key in ("published", "scheduled"):
        articles[key].refresh_from_db()
        assert articles[key].status == Status.DRAFT
        assert articles[key].publication_state == PublicationState.DRAFT
    assert visitor.get(articles["published"].get_absolute_url()).status_code == 404
    assert "Alpha published" not in visitor.get("/news/").text
    assert "Unpublished 2 items." in editor_client.get(response.url).text


def test_unpublish_then_publish_restores_the_original_time(articles, editor_client):
    original = articles["published"].published_at
    run_action(editor_client, "unpublish", [articles["published"]])
    run_action(editor_client, "publish", [articles["published"]])
    articles["published"].refresh_from_db()
    assert articles["published"].is_published
    assert articles["published"].published_at == original


# --- the add form -----------------------------------------------------------------------------


def test_add_page_renders_with_the_rich_text_editor_and_slug_prefill(editor_client):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    text = response.text
    assert re.search(r'<textarea name="body"[^>]*data-django-prose-editor', text)
    assert "django_prose_editor/editor.js" in text
    prepopulated = re.search(r'data-prepopulated-fields="([^"]*)"', text)
    assert prepopulated
    config = html.unescape(prepopulated.group(1))
    assert '"#id_slug"' in config
    assert '"#id_title"' in config
    assert "Europe/Moscow" in text


def test_add_with_a_cover_but_no_alt_text_is_refused_and_saves_nothing(editor_client):
    category = CategoryFactory()
    undescribed = PictureFactory(title="Fresh upload", alt_text="")
    response = editor_client.post(ADD_URL, article_admin_form_data(category, cover=str(undescribed.pk)))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "cover" in form.errors
    assert "This picture has no alt text yet. Describe it in the picture library first." in response.text
    assert 'class="errornote"' in response.text
    assert Article.objects.count() == 0


def test_add_with_a_cover_and_alt_text_saves(editor_client):
    category = CategoryFactory()
    picture = PictureFactory(alt_text="Technicians in a clean room", size=(1200, 675))
    response = editor_client.post(ADD_URL, article_admin_form_data(category, cover=str(picture.pk)))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover == picture
    # The editor's preview shows the described cover at its size.
    img = cover_on(editor_client.get(article.get_absolute_url()).text)
    assert 'alt="Technicians in a clean room"' in img
    assert 'width="1200"' in img
    assert 'height="675"' in img


def test_add_with_a_decorative_cover_needs_no_alt_text(editor_client):
    category = CategoryFactory()
    picture = PictureFactory(alt_text="", decorative=True)
    response = editor_client.post(ADD_URL, article_admin_form_data(category, cover=str(picture.pk)))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.decorative is True
    assert 'alt=""' in cover_on(editor_client.get(article.get_absolute_url()).text)


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Cluster opens a training centre", "cluster-opens-a-training-centre"), ("Новости кластера", "novosti-klastera")],
)
def test_add_without_a_slug_fills_it_from_the_title(title, slug, editor_client):
    category = CategoryFactory()
    response = editor_client.post(ADD_URL, article_admin_form_data(category, title=title))
    assert response.status_code == 302
    assert Article.objects.get().slug == slug


def test_add_with_a_taken_slug_is_refused(editor_client):
    existing = ArticleFactory(slug="taken")
    response = editor_client.post(ADD_URL, article_admin_form_data(existing.category, slug="taken"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Article.objects.count() == 1


def test_add_published_without_a_time_publishes_now(frozen_now, editor_client):
    category = CategoryFactory()
    response = editor_client.post(ADD_URL, article_admin_form_data(category, status="published"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at == NOW
    assert article.is_published


def test_add_with_a_future_time_schedules_it_in_moscow_time(frozen_now, editor_client):
    category = CategoryFactory()
    data = article_admin_form_data(category, status="published", published_at_0="2024-06-20", published_at_1="10:00:00")
    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.published_at == datetime.datetime(2024, 6, 20, 7, 0, tzinfo=datetime.UTC)
    assert article.publication_state == PublicationState.SCHEDULED


# --- who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/", CHANGELIST, ADD_URL])
def test_non_staff_user_is_sent_to_the_login_page(url, client, bob):
    client.force_login(bob)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=")


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"


def test_non_staff_user_cannot_run_actions(articles, client, bob):
    client.force_login(bob)
    response = run_action(client, "unpublish", [articles["published"]])
    assert response.status_code == 302
    articles["published"].refresh_from_db()
    assert articles["published"].status == Status.PUBLISHED


# --- every content type's admin: the same columns and fieldsets around its own -----------------

STATE_COLUMNS = ["languages_display", "state_badge", "published_at_display", "preview_link"]
PUBLISHING = ["status", "published_at", "seo_description", "created_at", "updated_at"]
LANGUAGE = ["language", "translations_display"]
COVER = ["cover", "cover_preview"]

LAYOUTS = {
    Article: (
        ["thumbnail", "title", "category", *STATE_COLUMNS],
        {
            None: ["title", "slug", "category", "lead", "body"],
            "Source": ["source_name", "source_url"],
            "Cover picture": COVER,
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
    Entry: (
        ["thumbnail", "title", "category", "organization", "project_status", *STATE_COLUMNS],
        {
            None: ["title", "slug", "category", "summary", "body"],
            "The project": ["organization", "location", "year_started", "year_completed", "project_status", "featured"],
            "Cover picture": COVER,
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
    Gallery: (
        ["thumbnail", "title", "photo_count", *STATE_COLUMNS],
        {
            None: ["title", "slug", "description"],
            "Cover picture": COVER,
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
    Video: (
        ["thumbnail", "title", "host", *STATE_COLUMNS],
        {
            None: ["title", "slug", "video_url", "description"],
            "Poster": COVER,
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
    Publication: (
        ["title", "publication_type", "format_and_size", *STATE_COLUMNS],
        {
            None: ["title", "slug", "publication_type", "description"],
            "File": ["file", "format_and_size"],
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
    PressMention: (
        ["title", "outlet", *STATE_COLUMNS],
        {
            None: ["title", "slug", "outlet", "url", "excerpt"],
            "Language and translations": LANGUAGE,
            "Publishing": PUBLISHING,
        },
    ),
}


@pytest.mark.parametrize("model", LAYOUTS, ids=lambda model: model._meta.label)
def test_every_content_admin_shows_its_own_columns_and_fieldsets_between_the_shared_ones(model, alice):
    request = RequestFactory().get("/admin/")
    request.user = alice
    model_admin = admin.site._registry[model]
    columns, fieldsets = LAYOUTS[model]
    list_display = list(model_admin.get_list_display(request))
    assert list_display == columns
    # The title links the row, never the thumbnail (its alt is empty: a link without a name).
    assert list(model_admin.get_list_display_links(request, list_display)) == ["title"]
    assert model_admin.get_list_filter(request)[0] is PublicationStateFilter
    found = model_admin.get_fieldsets(request)
    assert {title: flatten_fieldsets([(title, options)]) for title, options in found} == fieldsets
    assert [title for title, _ in found] == list(fieldsets)
    assert {"created_at", "updated_at"} <= set(model_admin.get_readonly_fields(request))
