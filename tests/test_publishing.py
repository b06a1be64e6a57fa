"""The publishing workflow: the publication rule, and drafts and scheduled articles never leaking
to the home page, the feed, counts, neighbours or filter choices.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from clusterportal.models import PublicationState, Status, transliterated_slug
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import sitemap_text

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 6, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def hidden_articles(frozen_now):
    """A draft and a scheduled article, with titles no other page text contains."""
    return {
        "draft": ArticleFactory(draft=True, title="Secret draft about a merger"),
        "scheduled": ArticleFactory(
            title="Embargoed plant opening", published_at=frozen_now + datetime.timedelta(days=2)
        ),
    }


# --- the queryset, once -------------------------------------------------------------------------


def test_published_scheduled_and_drafts_partition_the_articles(frozen_now):
    published = ArticleFactory(published_at=frozen_now - datetime.timedelta(minutes=1))
    due_now = ArticleFactory(published_at=frozen_now)
    scheduled = ArticleFactory(published_at=frozen_now + datetime.timedelta(minutes=1))
    draft = ArticleFactory(draft=True)
    dated_draft = ArticleFactory(status=Status.DRAFT, published_at=frozen_now - datetime.timedelta(days=1))

    assert set(Article.objects.published()) == {published, due_now}
    assert set(Article.objects.scheduled()) == {scheduled}
    assert set(Article.objects.drafts()) == {draft, dated_draft}


@pytest.mark.parametrize(
    ("who", "sees_hidden"),
    [("anonymous", False), ("bob", False), ("inactive_staff", False), ("alice", True)],
)
def test_visible_to_shows_drafts_and_scheduled_only_to_active_staff(
    who, sees_hidden, hidden_articles, alice, bob, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "anonymous": AnonymousUser(),
        "bob": bob,
        "alice": alice,
        "inactive_staff": django_user_model.objects.create_user("carol", is_staff=True, is_active=False),
    }
    published = ArticleFactory()
    visible = set(Article.objects.visible_to(users[who]))
    expected = {published, *hidden_articles.values()} if sees_hidden else {published}
    assert visible == expected


@pytest.mark.parametrize(
    ("status", "offset", "state", "is_published"),
    [
        (Status.PUBLISHED, -datetime.timedelta(hours=1), PublicationState.PUBLISHED, True),
        (Status.PUBLISHED, datetime.timedelta(0), PublicationState.PUBLISHED, True),
        (Status.PUBLISHED, datetime.timedelta(seconds=1), PublicationState.SCHEDULED, False),
        (Status.DRAFT, -datetime.timedelta(hours=1), PublicationState.DRAFT, False),
        (Status.DRAFT, datetime.timedelta(days=1), PublicationState.DRAFT, False),
    ],
)
def test_publication_state_and_is_published(status, offset, state, is_published, frozen_now):
    article = ArticleFactory(status=status, published_at=frozen_now + offset)
    assert article.publication_state == state
    assert article.is_published is is_published
    # The instance rule and the queryset rule agree.
    assert Article.objects.published().filter(pk=article.pk).exists() is is_published


def test_scheduled_article_appears_by_itself_when_its_time_comes(client):
    go_live = datetime.datetime(2024, 6, 17, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(go_live - datetime.timedelta(days=1), tick=False):
        article = ArticleFactory(title="Embargoed plant opening", published_at=go_live)
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Embargoed plant opening" not in client.get("/news/").text

    with time_machine.travel(go_live + datetime.timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Embargoed plant opening" in client.get("/news/").text
        assert "Embargoed plant opening" in client.get("/").text
        assert "Embargoed plant opening" in client.get("/news/feed/").text


# --- nothing leaks to visitors ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/news/", "/", "/news/feed/", "/sitemap.xml"])
@pytest.mark.parametrize("visitor", ["anonymous", "signed_in_non_staff"])
def test_hidden_articles_are_absent_from_lists_home_feed_and_sitemap(url, visitor, hidden_articles, client, bob):
    if visitor == "signed_in_non_staff":
        client.force_login(bob)
    visible = ArticleFactory(title="Public plant opening")
    text = sitemap_text(client) if url == "/sitemap.xml" else client.get(url).text
    if url != "/sitemap.xml":
        assert visible.title in text
    assert visible.slug in text
    for article in hidden_articles.values():
        assert article.title not in text
        assert article.slug not in text


def test_hidden_articles_are_not_counted(hidden_articles, client):
    ArticleFactory()
    text = client.get("/news/").text
    assert re.search(r"\b1 article\b", text)
    assert "3 articles" not in text


def test_hidden_articles_are_not_offered_as_previous_or_next(frozen_now, client):
    category = CategoryFactory()
    old = ArticleFactory(category=category, title="Oldest public", published_at=frozen_now - datetime.timedelta(days=3))
    middle = ArticleFactory(
        category=category, title="Middle public", published_at=frozen_now - datetime.timedelta(days=2)
    )
    # A draft with a date between them and a scheduled one after the newest public article.
    ArticleFactory(
        category=category,
        title="Dated draft",
        status=Status.DRAFT,
        published_at=frozen_now - datetime.timedelta(days=2, hours=12),
    )
    ArticleFactory(category=category, title="Scheduled next", published_at=frozen_now + datetime.timedelta(days=1))

    text = client.get(middle.get_absolute_url()).text
    assert "Oldest public" in text
    assert "Dated draft" not in text
    assert "Scheduled next" not in text

    text = client.get(old.get_absolute_url()).text
    assert "Middle public" in text
    assert "Dated draft" not in text


def test_hidden_articles_do_not_offer_year_filter_choices(frozen_now, client):
    ArticleFactory(published_at=datetime.datetime(2022, 5, 5, 12, tzinfo=datetime.UTC))
    ArticleFactory(status=Status.DRAFT, published_at=datetime.datetime(2019, 5, 5, 12, tzinfo=datetime.UTC))
    ArticleFactory(published_at=datetime.datetime(2031, 5, 5, 12, tzinfo=datetime.UTC))
    text = client.get("/news/").text
    assert '<option value="2022">' in text
    assert '<option value="2019">' not in text
    assert '<option value="2031">' not in text


# --- slugs and publication time -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("GMP inspection passed", "gmp-inspection-passed"),
        ("Новости кластера", "novosti-klastera"),
        ("Фармкластер: итоги 2024 года!", "farmklaster-itogi-2024-goda"),
        ("  Spaces   and -- dashes  ", "spaces-and-dashes"),
    ],
)
def test_slug_is_generated_from_title(title, slug):
    assert ArticleFactory(title=title).slug == slug


def test_cyrillic_title_transliterated_helper():
    assert transliterated_slug("Новости кластера") == "novosti-klastera"


def test_slug_gets_a_suffix_when_taken():
    slugs = [ArticleFactory(title="Новости кластера").slug for _ in range(3)]
    assert slugs == ["novosti-klastera", "novosti-klastera-2", "novosti-klastera-3"]


def test_given_slug_is_kept():
    assert ArticleFactory(title="Anything", slug="my-own-slug").slug == "my-own-slug"


def test_title_without_letters_still_gets_a_slug():
    article = ArticleFactory(title="!!!")
    assert article.slug
    assert ArticleFactory(title="!!!").slug != article.slug


def test_very_long_title_gives_a_slug_within_the_field_length():
    title = ("Очень длинный заголовок " * 11)[:255]  # the longest title the field takes
    article = ArticleFactory(title=title)
    assert len(transliterated_slug(title, max_length=1000)) > 120
    assert 0 < len(article.slug) <= Article._meta.get_field("slug").max_length
    assert not article.slug.endswith("-")


def test_publishing_without_a_time_sets_it_to_now(frozen_now):
    article = ArticleFactory(draft=True)
    assert article.published_at is None
    article.status = Status.PUBLISHED
    article.save()
    article.refresh_from_db()
    assert article.published_at == frozen_now
    assert article.is_published


def test_saving_a_draft_leaves_the_time_empty():
    article = ArticleFactory(draft=True)
    article.refresh_from_db()
    assert article.published_at is None


def test_unpublished_article_disappears_from_the_site(client):
    article = ArticleFactory(title="Recalled announcement")
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Recalled announcement" not in client.get("/news/").text


def test_publication_state_uses_the_current_time_not_the_time_of_loading(client):
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(published_at=NOW + datetime.timedelta(hours=1))
        assert article.publication_state == PublicationState.SCHEDULED
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        assert article.publication_state == PublicationState.PUBLISHED
        assert timezone.now() > article.published_at
