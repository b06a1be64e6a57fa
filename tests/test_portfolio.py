"""The portfolio, as a visitor and an editor see it: the grid, filters, entry and print pages,
Return navigation, the home page, the admin, and query counts.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusterportal import registry
from portfolio.models import Entry, GalleryItem, KeyFigure, ProjectStatus
from tests.factories import (
    EntryFactory,
    GalleryItemFactory,
    KeyFigureFactory,
    OrganizationFactory,
    PictureFactory,
    PortfolioCategoryFactory,
    entry_admin_form_data,
)
from tests.helpers import (
    at,
    card_links,
    card_titles,
    neighbours,
    only_href,
    pagination_links,
    query,
    return_href,
)

pytestmark = pytest.mark.django_db

#: The year choices run up to the current year; tests that look at them live in mid-2026.
MID_2026 = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)


def on_list(href: str) -> str:
    return href if href.startswith("/") else "/portfolio/" + href


@pytest.fixture
def production():
    return PortfolioCategoryFactory(name="Production", slug="production", position=10)


@pytest.fixture
def education():
    return PortfolioCategoryFactory(name="Education", slug="education", position=30)


@pytest.fixture
def steriline():
    return OrganizationFactory(name="SteriLine", website="https://steriline.example.com/")


# --- the list: a grid of cards ------------------------------------------------------------------


def test_list_shows_a_grid_of_cards_with_what_a_visitor_needs(client, production, steriline):
    EntryFactory(
        title="Aseptic filling line",
        category=production,
        organization=steriline,
        location="Novograd, Severny industrial zone",
        year_started=2023,
        year_completed=2025,
        project_status=ProjectStatus.COMPLETED,
        summary="Forty million vials a year.",
        with_cover=True,
        cover__size=(1200, 675),
    )
    response = client.get("/portfolio/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Portfolio</h1>" in text
    assert '<ol class="card-list card-list--grid project-grid">' in text
    assert card_titles(response) == ["Aseptic filling line"]
    card = re.search(r'<article class="card project-card">.*?</article>', text, re.S).group(0)
    order = [
        'class="card__image"',
        '<span class="category">Production</span>',
        '<span class="status-badge status-badge--completed">Completed</span>',
        "Aseptic filling line</a>",
        "SteriLine",
        "Novograd, Severny industrial zone",
        "2023–2025",
        "Forty million vials a year.",
    ]
    positions = [card.index(part) for part in order]
    assert positions == sorted(positions)
    img = re.search(r"<img [^>]*>", card).group(0)
    assert 'srcset="' in img
    assert ".webp 480w" in img
    assert 'sizes="(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw"' in img
    assert 'loading="lazy"' in img
    assert 'alt="Clean room with two technicians"' in img
    assert "1 project" in text


@pytest.mark.parametrize(
    ("fields", "years"),
    [
        ({"year_started": 2023, "year_completed": 2025, "project_status": "completed"}, "2023–2025"),
        ({"year_started": 2024, "year_completed": 2024, "project_status": "completed"}, "2024"),
        ({"year_started": 2024, "project_status": "in_progress"}, "since 2024"),
        ({"year_started": 2027, "project_status": "planned"}, "from 2027"),
    ],
)
def test_cards_say_when_the_project_runs(fields, years, client):
    EntryFactory(**fields)
    assert f'<span class="project-card__years">{years}</span>' in client.get("/portfolio/").text


def test_a_card_without_cover_has_no_image(client):
    EntryFactory(title="No picture yet")
    card = re.search(r'<article class="card project-card">.*?</article>', client.get("/portfolio/").text, re.S)
    assert "<img" not in card.group(0)


def test_list_is_newest_first_and_twelve_per_page(client):
    for n in range(25):
        EntryFactory(title=f"Project {n:02}", published_at=at(2024, 1, 1) + datetime.timedelta(days=n))
    page1 = client.get("/portfolio/")
    assert card_titles(page1) == [f"Project {n:02}" for n in range(24, 12, -1)]
    assert "25 projects, page 1 of 3" in page1.text
    assert query(pagination_links(page1)["Older"]) == {"page": ["2"]}
    page3 = client.get("/portfolio/?page=3")
    assert card_titles(page3) == ["Project 00"]
    assert client.get("/portfolio/?page=4").status_code == 404


def test_twelve_projects_fit_on_one_page(client):
    EntryFactory.create_batch(12)
    response = client.get("/portfolio/")
    assert len(card_titles(response)) == 12
    assert 'class="pagination"' not in response.text


def test_empty_portfolio_says_so(client):
    response = client.get("/portfolio/")
    assert response.status_code == 200
    assert "0 projects" in response.text
    assert "No projects match these filters." in response.text


def test_header_marks_the_portfolio_as_the_current_section(client):
    assert '<a href="/portfolio/" aria-current="page">Portfolio</a>' in client.get("/portfolio/").text


# --- filters ------------------------------------------------------------------------------------


def test_category_and_status_filters_narrow_the_list(client, production, education):
    EntryFactory(title="Plant", category=production, completed=True)
    EntryFactory(title="Line", category=production)
    EntryFactory(title="School", category=education, completed=True)
    assert card_titles(client.get("/portfolio/?category=production")) == ["Line", "Plant"]
    assert card_titles(client.get("/portfolio/?status=completed")) == ["School", "Plant"]
    response = client.get("/portfolio/?category=production&status=completed")
    assert card_titles(response) == ["Plant"]
    assert "1 project" in response.text
    assert "Clear filters" in response.text
    assert card_titles(client.get("/portfolio/?status=planned")) == []


@pytest.fixture
def timeline():
    """Four projects over the years, published in this order (newest last)."""
    with time_machine.travel(MID_2026, tick=False):
        yield {
            "A": EntryFactory(
                title="A 2019-2021", year_started=2019, year_completed=2021, completed=True, published_at=at(2022, 1)
            ),
            "B": EntryFactory(title="B since 2021", year_started=2021, published_at=at(2022, 2)),
            "C": EntryFactory(
                title="C 2023 only", year_started=2023, year_completed=2023, completed=True, published_at=at(2022, 3)
            ),
            "D": EntryFactory(
                title="D 2020-2024", year_started=2020, year_completed=2024, completed=True, published_at=at(2022, 4)
            ),
        }


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("2019", {"A"}),
        ("2020", {"A", "D"}),
        ("2021", {"A", "B", "D"}),
        ("2022", {"B", "D"}),
        ("2023", {"B", "C", "D"}),
        ("2024", {"B", "D"}),
        ("2025", {"B"}),
        ("2026", {"B"}),
    ],
)
def test_year_filter_shows_projects_running_in_that_year(year, expected, timeline, client):
    response = client.get("/portfolio/", {"year": year})
    assert response.status_code == 200
    assert 'role="alert"' not in response.text
    assert {title[0] for title in card_titles(response)} == expected


def test_year_choices_run_from_the_earliest_published_start_to_this_year_newest_first(timeline, client):
    EntryFactory(title="Older draft", year_started=2001, draft=True)
    EntryFactory(title="Planned", planned=True)
    text = client.get("/portfolio/").text
    offered = re.findall(r'<option value="(\d{4})"', text)
    assert offered == [str(y) for y in range(2026, 2018, -1)]
    # A draft's start year is not offered: it would reveal the draft.
    assert client.get("/portfolio/?year=2001").status_code == 200
    assert "Some filter values were not understood" in client.get("/portfolio/?year=2001").text


def test_no_year_is_offered_without_published_projects(client):
    EntryFactory(draft=True, year_started=2020)
    text = client.get("/portfolio/").text
    assert re.findall(r'<option value="(\d{4})"', text) == []


def test_filter_form_offers_categories_in_order_and_the_statuses(client, production, education):
    text = client.get("/portfolio/").text
    assert text.index('<option value="production">Production</option>') < text.index(
        '<option value="education">Education</option>'
    )
    assert '<option value="" selected>All statuses</option>' in text
    for value, label in ProjectStatus.choices:
        assert f'<option value="{value}">{label}</option>' in text
    assert '<label for="id_status">Status</label>' in text


def test_filter_form_keeps_the_chosen_values(client, production, timeline):
    EntryFactory(category=production)
    text = client.get("/portfolio/?category=production&status=in_progress&year=2024").text
    assert '<option value="production" selected>' in text
    assert '<option value="in_progress" selected>' in text
    assert '<option value="2024" selected>' in text


def test_filters_survive_paging(client, production, education):
    for n in range(14):
        EntryFactory(title=f"P {n:02}", category=production, published_at=at(2024, 1, 1) + datetime.timedelta(days=n))
    EntryFactory.create_batch(3, category=education)
    response = client.get("/portfolio/", {"category": "production", "status": "in_progress"})
    assert "14 projects, page 1 of 2" in response.text
    older = pagination_links(response)["Older"]
    assert query(older) == {"category": ["production"], "status": ["in_progress"], "page": ["2"]}
    assert card_titles(client.get(on_list(older))) == ["P 01", "P 00"]


# --- Return navigation --------------------------------------------------------------------------


def test_item_links_are_clean_on_the_unfiltered_first_page(client):
    entry = EntryFactory()
    assert card_links(client.get("/portfolio/")) == [entry.get_absolute_url()]


@pytest.mark.parametrize(
    ("list_query", "expected_from"),
    [
        ({"category": "production"}, "category=production"),
        ({"status": "in_progress"}, "status=in_progress"),
        (
            {"year": "2024", "category": "production", "status": "in_progress"},
            "category=production&status=in_progress&year=2024",
        ),
        ({"page": "2"}, "page=2"),
        ({"category": "production", "page": "1"}, "category=production"),
        ({"category": "production", "utm_source": "mail", "status": ""}, "category=production"),
    ],
)
def test_item_links_carry_the_list_query_in_from(list_query, expected_from, client, production):
    for n in range(14):
        EntryFactory(category=production, published_at=at(2024, 1, 1) + datetime.timedelta(days=n))
    response = client.get("/portfolio/", list_query)
    links = card_links(response)
    assert links
    for link in links:
        assert link.endswith("?" + urlencode({"from": expected_from}))


def test_return_link_keeps_filters_and_page(client, production):
    for n in range(14):
        EntryFactory(category=production, published_at=at(2024, 1, 1) + datetime.timedelta(days=n))
    list_page = client.get("/portfolio/", {"category": "production", "status": "in_progress", "page": "2"})
    detail = client.get(card_links(list_page)[0])
    assert detail.status_code == 200
    assert return_href(detail) == "/portfolio/?category=production&status=in_progress&page=2"
    assert card_titles(client.get(return_href(detail))) == card_titles(list_page)
    assert only_href(detail, r">All projects<") == "/portfolio/"


@pytest.fixture
def three_entries(production, education):
    return {
        "prod-old": EntryFactory(title="Prod old", category=production, published_at=at(2023, 1, 1)),
        "edu-middle": EntryFactory(title="Edu middle", category=education, published_at=at(2023, 1, 2), completed=True),
        "prod-new": EntryFactory(title="Prod new", category=production, published_at=at(2023, 1, 3)),
    }


@pytest.mark.parametrize(
    ("key", "from_value", "expected"),
    [
        ("prod-old", "", {"prev": "Edu middle"}),
        ("edu-middle", "", {"prev": "Prod new", "next": "Prod old"}),
        ("prod-old", "category=production", {"prev": "Prod new"}),
        ("prod-new", "status=in_progress", {"next": "Prod old"}),
        ("edu-middle", "status=completed", {}),
        ("prod-old", "category=<script>", {"prev": "Edu middle"}),
    ],
)
def test_previous_and_next_stay_within_the_filter(key, from_value, expected, three_entries, client):
    params = {"from": from_value} if from_value else {}
    response = client.get(three_entries[key].get_absolute_url(), params)
    assert response.status_code == 200
    assert neighbours(response) == expected


def test_previous_and_next_links_carry_from(three_entries, client):
    response = client.get(three_entries["prod-old"].get_absolute_url(), {"from": "category=production"})
    assert (
        only_href(response, r'rel="prev"')
        == three_entries["prod-new"].get_absolute_url() + "?from=category%3Dproduction"
    )


# --- the entry page -----------------------------------------------------------------------------


@pytest.fixture
def entry(production, steriline):
    entry = EntryFactory(
        title="Aseptic filling line",
        category=production,
        organization=steriline,
        location="Novograd, Severny industrial zone",
        year_started=2024,
        year_completed=2026,
        project_status=ProjectStatus.COMPLETED,
        summary="Forty million vials a year.",
        body="<h2>How it was built</h2><p>In <strong>two</strong> years.</p>",
        cover=PictureFactory(caption="The line during qualification.", credit="© SteriLine", size=(1200, 675)),
        published_at=at(2025, 11, 23),
    )
    # Saved out of order: the page orders by position.
    KeyFigureFactory(entry=entry, label="Jobs", value="120", position=20)
    KeyFigureFactory(entry=entry, label="Investment", value="RUB 3.4 billion", position=10)
    GalleryItemFactory(
        entry=entry,
        picture=PictureFactory(
            alt_text="Glove ports of the isolator", caption="Library caption", credit="© Photo A", size=(640, 360)
        ),
        caption="The isolator seen from the operators’ side",
        position=20,
    )
    GalleryItemFactory(
        entry=entry,
        picture=PictureFactory(
            alt_text="The vial washer", caption="Vials leave the washer.", credit="", size=(640, 360)
        ),
        caption="",
        position=10,
    )
    return entry


def test_entry_page_parts_come_in_order(entry, client):
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    order = [
        ">Print</a>",
        ">Production</a>",
        '<span class="status-badge status-badge--completed">Completed</span>',
        "2024–2026",
        "<h1>Aseptic filling line</h1>",
        "Forty million vials a year.",
        '<figure class="article__cover">',
        'class="key-figures"',
        "<dt>Organization</dt>",
        "<dt>Location</dt>",
        "How it was built",
        '<h2 id="gallery-title">Gallery</h2>',
        "Return</a>",
        "All projects</a>",
    ]
    positions = [text.index(part, text.index("<main")) for part in order]
    assert positions == sorted(positions)
    assert only_href(response, r">Print<") == entry.get_print_url()
    assert only_href(response, r">Production<") == "/portfolio/?category=production"
    assert f"<title>Aseptic filling line — {settings.SITE_NAME}</title>" in text
    assert entry.body in text


def test_entry_page_cover_is_responsive_eager_and_credited(entry, client):
    text = client.get(entry.get_absolute_url()).text
    figure = re.search(r'<figure class="article__cover">(.*?)</figure>', text, re.S).group(1)
    assert 'loading="eager"' in figure
    assert "w480" not in figure  # URLs, not spec names
    assert ".webp 960w" in figure
    assert 'width="1200" height="675"' in figure
    assert "The line during qualification." in figure
    assert '<span class="credit">© SteriLine</span>' in figure


def test_key_figures_are_a_definition_list_in_position_order(entry, client):
    text = client.get(entry.get_absolute_url()).text
    section = re.search(r'<section class="key-figures".*?</section>', text, re.S).group(0)
    pairs = re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", section)
    assert pairs == [("Investment", "RUB 3.4 billion"), ("Jobs", "120")]


def test_organization_links_to_its_website(entry, client):
    response = client.get(entry.get_absolute_url())
    assert '<a href="https://steriline.example.com/" rel="noopener external">SteriLine</a>' in response.text
    assert "<dd>Novograd, Severny industrial zone</dd>" in response.text


def test_organization_without_website_is_plain_text(client):
    entry = EntryFactory(organization=OrganizationFactory(name="Quiet Ltd", website=""))
    text = client.get(entry.get_absolute_url()).text
    assert "<dd>Quiet Ltd</dd>" in text
    assert 'rel="noopener external"' not in text


def test_gallery_pictures_link_to_their_largest_rendition_with_captions_and_credits(entry, client):
    text = client.get(entry.get_absolute_url()).text
    gallery = re.search(r'<ul class="gallery">.*?</ul>', text, re.S).group(0)
    figures = re.findall(r"<figure>(.*?)</figure>", gallery, re.S)
    assert len(figures) == 2
    items = list(entry.gallery.select_related("picture"))
    for figure, item in zip(figures, items, strict=True):
        largest = item.picture.renditions()[-1]
        assert f'<a class="gallery__link" href="{largest.url}">' in figure
        img = re.search(r"<img [^>]*>", figure).group(0)
        assert f'alt="{item.picture.alt_text}"' in img
        assert 'loading="lazy"' in img
        assert ".webp 480w" in img
    # Position order; the entry's caption wins, else the picture's own.
    assert "Vials leave the washer." in figures[0]
    assert "The isolator seen from the operators’ side" in figures[1]
    assert "Library caption" not in gallery
    assert '<span class="credit">© Photo A</span>' in figures[1]
    assert "credit" not in figures[0]


def test_a_decorative_gallery_picture_still_gives_its_link_a_name(client):
    item = GalleryItemFactory(picture=PictureFactory(alt_text="", decorative=True))
    text = client.get(item.entry.get_absolute_url()).text
    link = re.search(r'<a class="gallery__link"[^>]*>(.*?)</a>', text, re.S).group(1)
    assert 'alt=""' in link
    assert "(full size, picture 1)" in link


def test_entry_without_figures_or_gallery_shows_neither(client):
    entry = EntryFactory()
    text = client.get(entry.get_absolute_url()).text
    assert "key-figures" not in text
    assert "Gallery" not in text
    assert "article__cover" not in text


def test_canonical_and_social_card_use_the_clean_url_and_the_cover(entry, client):
    clean = f"http://testserver{entry.get_absolute_url()}"
    text = client.get(entry.get_absolute_url(), {"from": "category=production&page=2"}).text
    assert f'<link rel="canonical" href="{clean}">' in text
    assert f'<meta property="og:url" content="{clean}">' in text
    assert f'<meta property="og:image" content="http://testserver{entry.cover.social.url}">' in text
    assert '<meta name="description" content="Forty million vials a year.">' in text


def test_entry_without_cover_shares_a_drawn_card(client):
    entry = EntryFactory()
    text = client.get(entry.get_absolute_url()).text
    assert re.search(r'<meta property="og:image" content="http://testserver/uploads/social/portfolio/entry/', text)


def test_title_and_summary_are_escaped(client):
    entry = EntryFactory(title="R&D <b>lab</b>", summary="Tom & Jerry <i>Ltd</i>")
    text = client.get(entry.get_absolute_url()).text
    assert "<h1>R&amp;D &lt;b&gt;lab&lt;/b&gt;</h1>" in text
    assert "<i>Ltd</i>" not in text


def test_from_is_carried_to_the_print_link(entry, client):
    response = client.get(entry.get_absolute_url(), {"from": "category=production&page=2"})
    expected = entry.get_print_url() + "?" + urlencode({"from": "category=production&page=2"})
    assert only_href(response, r">Print<") == expected


# --- the print page -----------------------------------------------------------------------------


@pytest.fixture
def printed(entry, client):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        return client.get(entry.get_print_url())


def test_print_page_has_everything_on_paper(printed, entry):
    assert printed.status_code == 200
    text = printed.text
    assert f'<p class="print-site">{settings.SITE_NAME}</p>' in text
    assert "<h1>Aseptic filling line</h1>" in text
    assert "Production · Completed · 2024–2026" in text
    assert "Forty million vials a year." in text
    cover = re.search(r'<figure class="article__cover">\s*(<img[^>]*>)', text).group(1)
    assert f'src="{entry.cover.w960.url}"' in cover
    assert 'loading="eager"' in cover
    assert "<dt>Investment</dt><dd>RUB 3.4 billion</dd>" in text
    assert 'SteriLine — <span class="url">https://steriline.example.com/</span>' in text
    assert entry.body in text
    assert f'<span class="url">http://testserver{entry.get_absolute_url()}</span>' in text
    assert "Printed on 5 March 2026" in text


def test_print_page_gallery_is_small_pictures_that_load_before_printing(printed, entry):
    gallery = re.search(r'<ul class="print-gallery">.*?</ul>', printed.text, re.S).group(0)
    imgs = re.findall(r"<img [^>]*>", gallery)
    assert len(imgs) == 2
    for img, item in zip(imgs, entry.gallery.select_related("picture"), strict=True):
        assert f'src="{item.picture.w480.url}"' in img
        assert 'loading="eager"' in img
    assert "The isolator seen from the operators’ side © Photo A" in gallery


@pytest.mark.parametrize(
    "absent",
    ['class="site-header"', 'class="site-footer"', 'class="filters"', 'class="item-nav"', "Return", "All projects"],
)
def test_print_page_has_no_site_navigation(absent, printed):
    assert absent not in printed.text


def test_print_page_is_noindex_and_links_back_with_from(entry, client):
    response = client.get(entry.get_print_url(), {"from": "category=production&page=2"})
    assert '<meta name="robots" content="noindex">' in response.text
    back = only_href(response, r"Back to the project")
    assert back == entry.get_absolute_url() + "?" + urlencode({"from": "category=production&page=2"})
    assert return_href(client.get(back)) == "/portfolio/?category=production&page=2"


# --- the home page ------------------------------------------------------------------------------


def test_home_page_shows_the_three_newest_featured_projects(client):
    for n in range(4):
        EntryFactory(title=f"Featured {n}", featured=True, published_at=at(2024, 1, 1 + n))
    EntryFactory(title="Not featured", published_at=at(2024, 2, 1))
    EntryFactory(title="Featured draft", featured=True, draft=True)
    EntryFactory(title="Featured scheduled", featured=True, scheduled=True)
    text = client.get("/").text
    section = re.search(r'<section class="home-section" aria-labelledby="home-portfolio">.*?</section>', text, re.S)
    assert section
    titles = re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>', section.group(0))
    assert titles == ["Featured 3", "Featured 2", "Featured 1"]
    assert '<a class="more-link" href="/portfolio/">All projects</a>' in section.group(0)
    assert "?from=" not in section.group(0)


def test_home_page_without_featured_projects_says_so(client):
    EntryFactory(title="Not featured")
    text = client.get("/").text
    assert "No featured projects yet." in text
    assert "Not featured" not in text


# --- the model ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"year_started": 2024, "year_completed": 2023, "project_status": "completed"}, "year_completed"),
        ({"year_started": 2024, "year_completed": None, "project_status": "completed"}, "year_completed"),
        ({"year_started": 1989}, "year_started"),
        ({"year_started": 2101}, "year_started"),
        ({"year_started": 2020, "year_completed": 2101, "project_status": "completed"}, "year_completed"),
    ],
)
def test_impossible_years_are_refused(fields, error_field):
    entry = EntryFactory.build(category=PortfolioCategoryFactory(), organization=OrganizationFactory(), **fields)
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    assert error_field in caught.value.message_dict


def test_gallery_caption_falls_back_to_the_pictures_caption():
    item = GalleryItemFactory(picture=PictureFactory(caption="From the library"), caption="")
    assert item.display_caption == "From the library"
    item.caption = "Own words"
    assert item.display_caption == "Own words"


# --- the admin ----------------------------------------------------------------------------------


def test_admin_changelist_shows_thumbnail_organization_and_project_status(editor_client, steriline):
    entry = EntryFactory(title="Filling line", organization=steriline, with_cover=True, completed=True)
    text = editor_client.get("/admin/portfolio/entry/").text
    assert f'<img src="{entry.cover.renditions()[0].url}" alt="" width="80" height="45"' in text
    assert '<td class="field-organization nowrap">SteriLine</td>' in text
    assert '<td class="field-project_status">Completed</td>' in text
    assert '<span class="state state-published">Published</span>' in text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "SteriLine"}, {"Filling line"}),
        ({"q": "capsules"}, {"Capsule hall"}),
        ({"project_status__exact": "completed"}, {"Filling line"}),
        ({"featured__exact": "1"}, {"Capsule hall"}),
        ({"state": "draft"}, {"Capsule hall"}),
    ],
)
def test_admin_changelist_searches_and_filters(params, expected, editor_client, steriline):
    EntryFactory(title="Filling line", organization=steriline, completed=True)
    EntryFactory(title="Capsule hall", summary="Nine billion capsules.", featured=True, draft=True)
    response = editor_client.get("/admin/portfolio/entry/", params)
    assert response.status_code == 200
    titles = set(re.findall(r'<th class="field-title"><a href="[^"]*">([^<]*)</a></th>', response.text))
    assert titles == expected


def test_admin_add_form_saves_the_entry_with_key_figures_and_gallery(editor_client, production, steriline):
    form = editor_client.get("/admin/portfolio/entry/add/")
    assert form.status_code == 200
    for name in ("key_figures-TOTAL_FORMS", "gallery-TOTAL_FORMS", 'name="cover"', 'name="organization"'):
        assert name in form.text
    cover, first, second = PictureFactory(), PictureFactory(), PictureFactory()
    data = entry_admin_form_data(
        production,
        steriline,
        cover=str(cover.pk),
        **{
            "key_figures-TOTAL_FORMS": "2",
            "key_figures-0-label": "Investment",
            "key_figures-0-value": "RUB 95 million",
            "key_figures-0-position": "10",
            "key_figures-1-label": "Operators a year",
            "key_figures-1-value": "300",
            "key_figures-1-position": "20",
            "gallery-TOTAL_FORMS": "2",
            "gallery-0-picture": str(second.pk),
            "gallery-0-caption": "Second",
            "gallery-0-position": "20",
            "gallery-1-picture": str(first.pk),
            "gallery-1-caption": "",
            "gallery-1-position": "10",
        },
    )
    response = editor_client.post("/admin/portfolio/entry/add/", data)
    assert response.status_code == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
    entry = Entry.objects.get()
    assert entry.slug == "training-centre-for-aseptic-operators"
    assert entry.cover == cover
    assert entry.organization == steriline
    assert not entry.is_published
    assert [(f.label, f.value) for f in entry.key_figures.all()] == [
        ("Investment", "RUB 95 million"),
        ("Operators a year", "300"),
    ]
    assert [item.picture for item in entry.gallery.all()] == [first, second]
    change = editor_client.get(f"/admin/portfolio/entry/{entry.pk}/change/")
    assert change.status_code == 200
    assert 'aria-label="Label"' in change.text
    assert 'aria-label="Delete"' in change.text
    # Each gallery row previews its picture; the cover has a larger preview.
    assert change.text.count('width="120" height="68" class="admin-thumb"') == 2
    assert 'width="320" height="180" class="admin-thumb"' in change.text


def test_admin_refuses_a_completion_before_the_start_and_keeps_the_inlines(editor_client, production, steriline):
    data = entry_admin_form_data(
        production,
        steriline,
        year_started="2025",
        year_completed="2024",
        project_status="completed",
        **{"key_figures-TOTAL_FORMS": "1", "key_figures-0-label": "Jobs", "key_figures-0-value": "40"},
    )
    response = editor_client.post("/admin/portfolio/entry/add/", data)
    assert response.status_code == 200
    assert "A project cannot be completed before it started (2025)." in response.text
    assert 'value="Jobs"' in response.text
    assert not Entry.objects.exists()
    assert not KeyFigure.objects.exists()


def test_admin_refuses_a_gallery_picture_without_alt_text(editor_client, production, steriline):
    undescribed = PictureFactory(alt_text="")
    data = entry_admin_form_data(
        production, steriline, **{"gallery-TOTAL_FORMS": "1", "gallery-0-picture": str(undescribed.pk)}
    )
    response = editor_client.post("/admin/portfolio/entry/add/", data)
    assert response.status_code == 200
    assert "This picture has no alt text yet." in response.text
    assert not Entry.objects.exists()
    assert not GalleryItem.objects.exists()


def test_admin_publishes_and_the_visitor_sees_it(editor_client, production, steriline):
    response = editor_client.post(
        "/admin/portfolio/entry/add/", entry_admin_form_data(production, steriline, status="published")
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert Client().get(entry.get_absolute_url()).status_code == 200


# --- query counts do not grow with the number of entries, figures or pictures -------------------
# Measured on SQLite: list 4 (year choices, categories, count, page), filtered list 5 (+ the chosen
# category), detail 5 (entry with category, organization and cover; key figures; gallery with
# pictures; newer; older), detail with `from` 7 (+ year choices and category for validating it),
# print 3, print with `from` 5, home 2 (latest news, featured projects).

LIST_MAX_QUERIES = 4
FILTERED_LIST_MAX_QUERIES = 5
DETAIL_MAX_QUERIES = 6  # +1: the item's published translations (language switch, hreflang)
DETAIL_WITH_FROM_MAX_QUERIES = 8  # +1: the item's published translations (language switch, hreflang)
PRINT_MAX_QUERIES = 4  # +1: the item's published translations (language switch, hreflang)
PRINT_WITH_FROM_MAX_QUERIES = 6  # +1: the item's published translations (language switch, hreflang)
#: The news and projects blocks, + the media center's latest: one query per type in its stream.
HOME_MAX_QUERIES = 2 + len(registry.in_stream())

FILTERED = {"category": "production", "status": "in_progress", "year": "2024"}
FROM = {"from": "category=production&status=in_progress&year=2024&page=2"}

PAGES = {
    "list": (lambda e: "/portfolio/", {}, LIST_MAX_QUERIES),
    "filtered list": (lambda e: "/portfolio/", FILTERED, FILTERED_LIST_MAX_QUERIES),
    "detail": (lambda e: e.get_absolute_url(), {}, DETAIL_MAX_QUERIES),
    "detail with from": (lambda e: e.get_absolute_url(), FROM, DETAIL_WITH_FROM_MAX_QUERIES),
    "print": (lambda e: e.get_print_url(), {}, PRINT_MAX_QUERIES),
    "print with from": (lambda e: e.get_print_url(), FROM, PRINT_WITH_FROM_MAX_QUERIES),
    "home": (lambda e: "/", {}, HOME_MAX_QUERIES),
}


@pytest.fixture
def make_entries(production):
    """``make_entries(count)``: published, featured entries with covers (one shared picture, which
    costs the database nothing extra) and distinct organizations; returns the middle one, which
    gets 4 key figures and a 6-picture gallery."""
    cover = PictureFactory(size=(640, 360))
    gallery_pictures = [PictureFactory(size=(640, 360)) for _ in range(6)]
    made = []

    def make(count: int, start: int = 0):
        entries = [
            EntryFactory(
                category=production,
                cover=cover,
                featured=True,
                year_started=2022,
                published_at=at(2023, 1, 1) + datetime.timedelta(days=n),
            )
            for n in range(start, start + count)
        ]
        made.extend(entries)
        middle = entries[count // 2]
        if not middle.key_figures.exists():
            for n in range(4):
                KeyFigureFactory(entry=middle, position=n)
            for n, picture in enumerate(gallery_pictures):
                GalleryItemFactory(entry=middle, picture=picture, position=n)
        return middle

    return make


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_has_a_fixed_ceiling(page, count, client, make_entries, django_assert_max_num_queries):
    url, params, ceiling = PAGES[page]
    entry = make_entries(count)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url(entry), params)
    assert response.status_code == 200
    if page in {"detail", "print"}:
        assert response.text.count('<figure class="article__cover">') == 1
        assert response.text.count("<figure>") == 6


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_is_the_same_with_3_and_with_30_entries(page, client, make_entries):
    url, params, _ = PAGES[page]
    entry = make_entries(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(entry), params).status_code == 200
    make_entries(27, start=3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(entry), params).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("page", ["detail", "print"])
def test_query_count_does_not_grow_with_the_gallery(page, client, production):
    entry = EntryFactory(category=production)
    GalleryItemFactory(entry=entry, picture=PictureFactory(size=(640, 360)))
    KeyFigureFactory(entry=entry)
    url = PAGES[page][0](entry)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    picture = PictureFactory(size=(640, 360))
    for n in range(5):
        GalleryItemFactory(entry=entry, picture=picture, position=n + 1)
        KeyFigureFactory(entry=entry)
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(six) == len(one)


# --- demo content -------------------------------------------------------------------------------
