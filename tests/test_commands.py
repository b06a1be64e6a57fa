"""The two commands `make run` relies on: load_demo and ensure_local_admin."""

import datetime
import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from clusterportal import demo_content, languages, registry
from clusterportal.models import Picture, Status
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, Video
from news.models import Article, Category
from portfolio.models import Category as ProjectCategory
from portfolio.models import Entry, GalleryItem, Organization, ProjectStatus
from tests.factories import ArticleFactory, EntryFactory, PressMentionFactory
from tests.picture_files import open_media

pytestmark = pytest.mark.django_db


def run(command: str, *args, **options) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def content_snapshot():
    return (
        sorted(Article.objects.values_list("pk", "slug", "updated_at")),
        sorted(Category.objects.values_list("pk", "slug")),
        sorted(Entry.objects.values_list("pk", "slug", "updated_at")),
    )


# --- load_demo ------------------------------------------------------------------------------


def test_news_ships_a_demo_module_with_the_load_demo_contract():
    from news import demo

    assert callable(demo.has_content)
    assert callable(demo.load)
    assert demo.has_content() is False


@pytest.mark.slow
def test_load_demo_fills_an_empty_database_once_and_every_page_renders(client):
    """One test, because loading the demo draws 93 pictures and their renditions (about 40 s of a
    core): every app's demo is checked here, after the one load."""
    from news import demo

    output = run("load_demo")

    # Published news with text.
    assert demo.has_content() is True
    assert Category.objects.exists()
    published = list(Article.objects.published())
    assert len(published) >= 3
    assert all(article.lead and article.body for article in published)

    # Sources, and covers described and rendered by the picture pipeline when the demo loaded.
    assert any(article.source_url for article in published)
    with_cover = [article for article in published if article.cover]
    assert with_cover
    for article in with_cover:
        assert article.cover.alt_text.strip() or article.cover.decorative
        assert article.cover.width
        assert article.cover.height
        smallest = article.cover.renditions()[0]
        assert open_media(smallest.url).size == (smallest.width, smallest.height)

    # As rich as the data files: every article and project, and each state staff should see.
    assert Article.objects.count() == len(demo_content.pages("news", "articles")) == 33
    assert Article.objects.filter(language="en").count() == 24
    assert Article.objects.drafts().count() == 1
    assert Article.objects.scheduled().count() == 1
    assert Category.objects.count() == 4

    # The portfolio's demo too.
    entries = list(Entry.objects.published())
    assert Entry.objects.count() == len(demo_content.pages("portfolio", "entries")) == 19
    assert Entry.objects.filter(language="en").count() == 14
    assert Entry.objects.drafts().count() == 1
    for language in ("en", "ru"):
        assert Entry.objects.published().filter(language=language, featured=True).count() == 3, language
    assert any(entry.gallery.exists() for entry in entries)
    assert any(entry.cover is None for entry in entries)

    # The portfolio is varied and described (what `make run` promises to show).
    assert set(Entry.objects.values_list("project_status", flat=True)) == set(ProjectStatus.values)
    assert all(4 >= len(entry.key_figures.all()) >= 2 for entry in Entry.objects.all())
    galleries = [entry.gallery.count() for entry in Entry.objects.all()]
    assert sum(1 for n in galleries if 3 <= n <= 6) > len(galleries) / 2
    assert not [e for e in Entry.objects.all() if e.year_completed and e.year_completed < e.year_started]
    assert not Picture.objects.needs_alt_text().exists()
    # What bounds the load's time: pictures and their renditions.
    portfolio_pictures = {
        *Entry.objects.values_list("cover", flat=True),
        *GalleryItem.objects.values_list("picture", flat=True),
    }
    media_pictures = {
        *Gallery.objects.values_list("cover", flat=True),
        *Video.objects.values_list("cover", flat=True),
        *GalleryPhoto.objects.values_list("picture", flat=True),
    }
    assert len(portfolio_pictures - {None}) <= 60
    assert len(media_pictures - {None}) <= 25
    assert "13 projects, page 1 of 2" in client.get("/portfolio/").text
    for language, home_url in (("en", "/"), ("ru", "/ru/")):
        home = client.get(home_url).text
        for featured in Entry.objects.published().filter(featured=True):
            assert (html.escape(featured.title) in home) == (featured.language == language), (home_url, featured)

    # The media center has every kind of item.
    assert Gallery.objects.drafts().count() == 1
    assert max(g.photos.count() for g in Gallery.objects.all()) == 12
    assert {v.ref.host for v in Video.objects.all()} == {"youtube", "rutube", "vk"}
    assert set(Publication.objects.values_list("file_format", flat=True)) == {"PDF", "DOCX"}
    assert PressMention.objects.count() == 8
    assert PressMention.objects.filter(language="en").count() == 5

    # Both languages (docs/decisions/0004-languages.md): published items in every section, and
    # taxonomy named in proper Russian.
    sections = (Article, Entry, Gallery, Video, Publication, PressMention)
    for model in sections:
        for language in ("en", "ru"):
            assert model.objects.published().filter(language=language).exists(), (model, language)
    assert Article.objects.published().filter(language="ru").count() >= 8
    assert Entry.objects.published().filter(language="ru").count() >= 4
    assert Gallery.objects.published().filter(language="ru").count() == 2
    assert Video.objects.published().filter(language="ru").count() == 2
    assert PressMention.objects.published().filter(language="ru").count() == 3
    for row in [*Category.objects.all(), *ProjectCategory.objects.all(), *Organization.objects.all()]:
        assert re.search("[а-яё]", row.name_ru, re.IGNORECASE), row.name_en
        assert not re.search("[а-яё]", row.name_en, re.IGNORECASE), row.name_en
        assert row.name_ru != row.name_en
    assert Category.objects.get(slug="gmp-news").name_ru == "Новости GMP"

    # Translations: the seed article (the first news file, the oldest-written one) has a
    # published Russian translation; each translation shares its original's group and pictures.
    seed_slug = demo_content.pages("news", "articles")[0].fields["slug"]
    seed = Article.objects.get(slug=seed_slug)
    assert seed.language == "en"
    [seed_ru] = seed.translations()
    assert seed_ru.language == "ru"
    assert seed_ru.translation_key == seed.translation_key
    assert seed_ru.cover_id == seed.cover_id is not None
    assert seed_ru in Article.objects.published()
    translated = {"news": Article, "portfolio": Entry}
    for app_label, model in translated.items():
        folder = "articles" if app_label == "news" else "entries"
        pairs = [item.fields for item in demo_content.pages(app_label, folder) if "translates" in item.fields]
        assert len(pairs) >= (4 if model is Article else 2)
        for fields in pairs:
            original = model.objects.get(slug=fields["translates"])
            translated_item = model.objects.get(title=fields["title"])
            assert (translated_item.language, original.language) == ("ru", "en")
            assert translated_item.translation_key == original.translation_key
            assert translated_item.cover_id == original.cover_id
            if model is Entry:
                assert [g.picture_id for g in translated_item.gallery.all()] == [
                    g.picture_id for g in original.gallery.all()
                ]
                assert all(g.caption for g in translated_item.gallery.all())
    assert (
        Entry.objects.filter(
            language="ru",
            featured=True,
            translation_key__in=Entry.objects.filter(language="en", featured=True).values("translation_key"),
        ).count()
        == 3
    )
    for gallery in Gallery.objects.filter(language="ru"):
        [original] = Gallery.objects.filter(translation_key=gallery.translation_key, language="en")
        assert [p.picture_id for p in gallery.photos.all()] == [p.picture_id for p in original.photos.all()]
        assert all(re.search("[а-яё]", p.caption, re.IGNORECASE) for p in gallery.photos.all())
    report = Publication.objects.get(language="ru", publication_type="annual_report")
    assert (
        report.translation_key
        == Publication.objects.get(language="en", publication_type="annual_report").translation_key
    )

    # The Russian pages show the Russian items, the English ones the English items.
    for url, language in (("/ru/", "ru"), ("/ru/news/", "ru"), ("/news/", "en")):
        page = client.get(url).text
        newest = Article.objects.published().filter(language=language).first()
        other = Article.objects.published().exclude(language=language).first()
        assert html.escape(newest.title) in page, url
        assert html.escape(other.title) not in page, url
    assert html.escape(seed_ru.title) in client.get("/ru/news/").text
    assert html.escape(Category.objects.get(slug="gmp-news").name_ru) in client.get("/ru/news/").text

    # What load_demo said: counts per language.
    assert "33 articles (24 en, 9 ru; 5 translations)" in output
    assert "19 projects (14 en, 5 ru" in output
    assert "8 press mentions (5 en, 3 ru" in output

    # Every page of the demo renders.
    pages = ["/", "/news/", "/portfolio/", "/portfolio/?page=2", "/media-center/", "/media-center/press/"]
    pages += ["/ru/", "/ru/news/", "/ru/portfolio/", "/ru/media-center/", "/ru/media-center/press/"]
    pages += [registry.get(key).list_url for key in ("galleries", "videos", "publications")]
    for language in ("en", "ru"):  # a /ru/ request above leaves Russian active: say which
        pages += [languages.in_language(f"{key}:list", language) for key in ("galleries", "videos", "publications")]
    for item in [*published, *entries, *Gallery.objects.published(), *Video.objects.published()]:
        pages += [item.get_absolute_url(), item.get_print_url()]
    for publication in Publication.objects.published():
        pages += [publication.get_absolute_url(), publication.get_print_url(), publication.get_download_url()]
    for gallery in Gallery.objects.published():
        pages.append(gallery.get_photo_url(gallery.photos.count()))
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert client.get(Gallery.objects.drafts().get().get_photo_url(1)).status_code == 404

    # A second run adds nothing.
    before = content_snapshot()
    run("load_demo")
    assert content_snapshot() == before


def test_load_demo_leaves_a_database_with_content_alone():
    ArticleFactory(title="Our own article")
    EntryFactory(title="Our own project")
    PressMentionFactory(title="Our own mention")
    run("load_demo")
    assert list(Article.objects.values_list("title", flat=True)) == ["Our own article"]
    assert list(Entry.objects.values_list("title", flat=True)) == ["Our own project"]
    assert list(PressMention.objects.values_list("title", flat=True)) == ["Our own mention"]


def test_load_demo_dry_run_writes_nothing():
    run("load_demo", dry_run=True)
    assert not Article.objects.exists()
    with pytest.raises(ValueError, match=r"categories\.toml, category 2.*category “news” is none of gmp-news, events"):
        demo_content.Item("news/categories.toml, category 2", {"category": "news"}).choose(
            "category", {"gmp-news": 1, "events": 2}
        )
    assert not Category.objects.exists()


# --- the demo's data files ---------------------------------------------------------------------


def test_a_demo_page_is_front_matter_then_its_html_as_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(demo_content, "DATA", tmp_path)
    (tmp_path / "news" / "articles").mkdir(parents=True)
    page = '+++\ntitle = "Open day"\ndays_ago = -3\nat = 09:30:00\n+++\n<p>Come.</p>\n<p>Free.</p>\n'
    (tmp_path / "news" / "articles" / "01-open-day.html").write_text(page, "utf-8")

    [item] = demo_content.pages("news", "articles")

    assert item.source == "news/articles/01-open-day.html"
    assert item.fields == {"title": "Open day", "days_ago": -3, "at": datetime.time(9, 30)}
    assert item.body == "<p>Come.</p>\n<p>Free.</p>"


@pytest.mark.parametrize(
    "page",
    ['title = "No front matter"\n<p>Text</p>\n', '+++\ntitle = "Unclosed"\n<p>Text</p>\n', "+++\ntitle = \n+++\n"],
)
def test_a_malformed_demo_page_stops_loading_with_its_name(page, tmp_path, monkeypatch):
    monkeypatch.setattr(demo_content, "DATA", tmp_path)
    (tmp_path / "news" / "articles").mkdir(parents=True)
    (tmp_path / "news" / "articles" / "07-broken.html").write_text(page, "utf-8")
    with pytest.raises(ValueError, match=r"news/articles/07-broken\.html"):
        demo_content.pages("news", "articles")


def test_a_misspelt_or_missing_demo_field_names_its_file():
    item = demo_content.Item("news/categories.toml, category 2", {"name": "Events", "slgu": "events"})
    with pytest.raises(ValueError, match=r"categories\.toml, category 2.*slgu"):
        item.create(Category)
    with pytest.raises(ValueError, match=r"categories\.toml, category 2.*“days_ago” is missing"):
        item.schedule()
    with pytest.raises(ValueError, match=r"categories\.toml, category 2.*category “news” is none of gmp-news, events"):
        demo_content.Item("news/categories.toml, category 2", {"category": "news"}).choose(
            "category", {"gmp-news": 1, "events": 2}
        )
    with pytest.raises(ValueError, match=r"categories\.toml, category 3.*“name_ru” is missing"):
        demo_content.named(demo_content.Item("news/categories.toml, category 3", {"name_en": "Events"}))
    assert not Category.objects.exists()


def test_a_demo_translation_of_no_item_names_its_file():
    article = ArticleFactory(slug="plant-opens")
    item = demo_content.Item("news/articles/40-zavod.html", {"translates": "plant-opens"})
    assert item.original(Article) == article
    with pytest.raises(ValueError, match=r"news/articles/41-zavod\.html: translates “no-such-article”"):
        demo_content.Item("news/articles/41-zavod.html", {"translates": "no-such-article"}).original(Article)
    with pytest.raises(ValueError, match=r"entries/15-liniya\.html: .*its original's 3 pictures"):
        demo_content.Item("portfolio/entries/15-liniya.html", {"gallery": ["Один", "Два"]}).captions("gallery", 3)
    with pytest.raises(ValueError, match=r"news/articles/42-zavod\.html: a translation takes its original's cover"):
        demo_content.Item("news/articles/42-zavod.html", {"cover": {"label": "Завод"}}).cover_of(article)
    # Originals are created first, whatever their place in the folder; the place still seeds pictures.
    items = [demo_content.Item("b", {"translates": "a"}), demo_content.Item("a", {}), demo_content.Item("c", {})]
    assert [(number, item.source) for number, item in demo_content.originals_first(items)] == [
        (2, "a"),
        (3, "c"),
        (1, "b"),
    ]


def test_demo_items_are_published_scheduled_or_drafts_by_their_fields():
    now = timezone.now()
    published = demo_content.Item("a", {"days_ago": 3, "at": datetime.time(9, 30)}).schedule()
    assert published["status"] == Status.PUBLISHED
    assert timezone.localtime(published["published_at"]).time() == datetime.time(9, 30)
    assert timezone.localdate(published["published_at"]) == timezone.localdate(now) - datetime.timedelta(days=3)

    scheduled = demo_content.Item("b", {"days_ago": -10}).schedule(at=datetime.time(15))
    assert scheduled["published_at"] > now + datetime.timedelta(days=9)

    today = demo_content.Item("c", {"days_ago": 0, "at": datetime.time(23, 59)}).schedule()
    assert today["published_at"] <= now  # public already, even later today

    assert demo_content.Item("d", {"status": "draft"}).schedule() == {"status": Status.DRAFT, "published_at": None}


# --- ensure_local_admin --------------------------------------------------------------------------


def printed_password(output: str) -> str | None:
    match = re.search(r"password:\s*(\S+)", output)
    return match.group(1) if match else None


def test_ensure_local_admin_creates_admin_and_prints_its_password_once():
    output = run("ensure_local_admin")
    password = printed_password(output)
    assert password
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password(password)

    second = run("ensure_local_admin")
    assert "password:" not in second
    assert password not in second
    assert get_user_model().objects.filter(username="admin").count() == 1
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_ensure_local_admin_says_so_when_admin_exists_at_higher_verbosity():
    run("ensure_local_admin")
    output = run("ensure_local_admin", verbosity=2)
    assert "exists already" in output
    assert printed_password(output) is None


def test_ensure_local_admin_passwords_are_random():
    first = printed_password(run("ensure_local_admin"))
    get_user_model().objects.filter(username="admin").delete()
    second = printed_password(run("ensure_local_admin"))
    assert first != second
    assert len(first) >= 12


def test_ensure_local_admin_dry_run_creates_nobody():
    output = run("ensure_local_admin", dry_run=True)
    assert "Would create" in output
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_local_admin_refuses_outside_the_local_default(settings):
    settings.LOCAL = False
    with pytest.raises(CommandError, match="local"):
        run("ensure_local_admin")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_local_admin_names_the_address_the_site_runs_at():
    assert "http://127.0.0.1:8000/admin/" in run("ensure_local_admin")
    get_user_model().objects.all().delete()
    assert "http://127.0.0.1:8010/admin/" in run("ensure_local_admin", site_url="http://127.0.0.1:8010")
