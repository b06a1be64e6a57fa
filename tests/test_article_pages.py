"""What a reader sees on an article page and on its print-friendly page.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings

from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import at, cover_on, hrefs, neighbours, only_href

pytestmark = pytest.mark.django_db


@pytest.fixture
def gmp():
    return CategoryFactory(name="GMP News", slug="gmp-news")


@pytest.fixture
def article(gmp):
    return ArticleFactory(
        title="Regulator confirms GMP compliance of the insulin plant",
        category=gmp,
        lead="The inspection found no critical deviations.",
        body="<h2>Findings</h2><p>The plant will employ <strong>250</strong> people.</p>"
        "<blockquote><p>“A milestone for the region,” said the governor.</p></blockquote>",
        source_name="Pharma Daily",
        source_url="https://example.org/news/gmp-insulin",
        published_at=at(2017, 11, 23),
        with_cover=True,
        cover__size=(1200, 675),
    )


# --- the article page ---------------------------------------------------------------------------


def test_article_page_shows_print_link_date_category_title_and_body(article, client):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert only_href(response, r">Print<") == article.get_print_url()
    assert "23 November 2017" in text
    assert '<time datetime="2017-11-23T12:00:00+0300">' in text
    assert only_href(response, r">GMP News<") == "/news/?category=gmp-news"
    assert f"<h1>{article.title}</h1>" in text
    assert "The inspection found no critical deviations." in text
    assert article.body in text
    assert f"<title>{article.title} — {settings.SITE_NAME}</title>" in text


def test_page_parts_come_in_the_order_of_the_current_site(article, client):
    text = client.get(article.get_absolute_url()).text
    order = ["Print</a>", "23 November 2017", "GMP News", article.title, "Findings", "Source:", "Return", "All news"]
    positions = [text.index(part, text.index("<main")) for part in order]
    assert positions == sorted(positions)


def test_article_page_shows_cover_with_alt_and_dimensions(article, client):
    img = cover_on(client.get(article.get_absolute_url()).text)
    cover = article.cover  # 1200×675: renditions 480, 960 and the original width instead of 1600
    candidates = [(cover.w480.url, "480w"), (cover.w960.url, "960w"), (cover.w1600.url, "1200w")]
    assert f'srcset="{", ".join(f"{url} {width}" for url, width in candidates)}"' in img
    assert all(url.startswith("/uploads/renditions/") and url.endswith(".webp") for url, _ in candidates)
    assert f'src="{cover.w960.url}"' in img
    assert 'alt="Clean room with two technicians"' in img
    assert 'width="1200"' in img
    assert 'height="675"' in img


def test_decorative_cover_has_empty_alt(gmp, client):
    article = ArticleFactory(category=gmp, with_cover=True, cover__alt_text="", cover__decorative=True)
    assert 'alt=""' in cover_on(client.get(article.get_absolute_url()).text)


def test_article_without_cover_has_no_figure(gmp, client):
    article = ArticleFactory(category=gmp)
    assert "article__cover" not in client.get(article.get_absolute_url()).text


@pytest.mark.parametrize(
    ("source_name", "source_url", "link", "words"),
    [
        ("Pharma Daily", "https://example.org/a", ("https://example.org/a", "Pharma Daily"), "Source:"),
        ("", "https://example.org/a", ("https://example.org/a", "https://example.org/a"), "Source:"),
        ("Pharma Daily", "", None, "Source: Pharma Daily"),
        ("", "", None, None),
    ],
    ids=["name-and-url", "url-only", "name-only", "no-source"],
)
def test_source_link_only_when_a_source_url_is_given(source_name, source_url, link, words, gmp, client):
    article = ArticleFactory(category=gmp, source_name=source_name, source_url=source_url)
    response = client.get(article.get_absolute_url())
    source_links = hrefs(response, r"external")
    if link:
        href, label = link
        assert source_links == [href]
        assert f'<a href="{href}" rel="noopener external">{label}</a>' in response.text
    else:
        assert source_links == []
    if words:
        assert words in response.text
    else:
        assert "Source:" not in response.text


def test_return_and_all_news_links_without_from(article, client):
    response = client.get(article.get_absolute_url())
    assert only_href(response, r'class="return-link"') == "/news/"
    assert only_href(response, r">All news<") == "/news/"


def test_canonical_link_is_the_clean_url_without_from(article, client):
    clean = f"http://testserver{article.get_absolute_url()}"
    response = client.get(article.get_absolute_url(), {"from": "category=gmp-news&page=2"})
    assert f'<link rel="canonical" href="{clean}">' in response.text
    assert f'<meta property="og:url" content="{clean}">' in response.text


def test_page_description_is_the_lead_unless_an_seo_description_is_given(gmp, client):
    article = ArticleFactory(category=gmp, lead="Lead sentence.")
    assert '<meta name="description" content="Lead sentence.">' in client.get(article.get_absolute_url()).text
    article.seo_description = "For search engines."
    article.save()
    assert '<meta name="description" content="For search engines.">' in client.get(article.get_absolute_url()).text


def test_title_and_lead_are_escaped(gmp, client):
    article = ArticleFactory(category=gmp, title="Q&A <b>with</b> the CEO", lead="Tom & Jerry <i>Ltd</i>")
    text = client.get(article.get_absolute_url()).text
    assert "<h1>Q&amp;A &lt;b&gt;with&lt;/b&gt; the CEO</h1>" in text
    assert "<b>with</b>" not in text
    assert "<i>Ltd</i>" not in text


def test_from_is_carried_to_the_print_link(article, client):
    response = client.get(article.get_absolute_url(), {"from": "category=gmp-news&year=2017&page=2"})
    expected = article.get_print_url() + "?" + urlencode({"from": "category=gmp-news&year=2017&page=2"})
    assert only_href(response, r">Print<") == expected


# --- previous / next ----------------------------------------------------------------------------


@pytest.fixture
def three_articles(gmp):
    events = CategoryFactory(name="Events", slug="events")
    return {
        "gmp-old": ArticleFactory(title="GMP old", category=gmp, published_at=at(2023, 1, 1)),
        "event-middle": ArticleFactory(title="Event middle", category=events, published_at=at(2023, 1, 2)),
        "gmp-new": ArticleFactory(title="GMP new", category=gmp, published_at=at(2023, 1, 3)),
    }


@pytest.mark.parametrize(
    ("slug_key", "from_value", "expected"),
    [
        ("gmp-old", "", {"prev": "Event middle"}),
        ("event-middle", "", {"prev": "GMP new", "next": "GMP old"}),
        ("gmp-new", "", {"next": "Event middle"}),
        ("gmp-old", "category=gmp-news", {"prev": "GMP new"}),
        ("gmp-new", "category=gmp-news", {"next": "GMP old"}),
        ("gmp-new", "category=gmp-news&page=2", {"next": "GMP old"}),
        ("event-middle", "category=events", {}),
        ("gmp-old", "year=2023&month=1", {"prev": "Event middle"}),
        # An invalid `from` is ignored: neighbours over all news.
        ("gmp-old", "category=<script>", {"prev": "Event middle"}),
    ],
)
def test_previous_and_next_stay_within_the_filter_carried_by_from(
    slug_key, from_value, expected, three_articles, client
):
    article = three_articles[slug_key]
    params = {"from": from_value} if from_value else {}
    response = client.get(article.get_absolute_url(), params)
    assert response.status_code == 200
    assert neighbours(response) == expected


def test_previous_and_next_links_carry_from(three_articles, client):
    response = client.get(three_articles["gmp-old"].get_absolute_url(), {"from": "category=gmp-news"})
    newer = three_articles["gmp-new"]
    assert only_href(response, r'rel="prev"') == newer.get_absolute_url() + "?from=category%3Dgmp-news"


def test_articles_published_at_the_same_moment_are_each_others_neighbours(gmp, client):
    moment = at(2023, 5, 5)
    first = ArticleFactory(title="Twin one", category=gmp, published_at=moment)
    second = ArticleFactory(title="Twin two", category=gmp, published_at=moment)
    assert neighbours(client.get(first.get_absolute_url())) == {"prev": "Twin two"}
    assert neighbours(client.get(second.get_absolute_url())) == {"next": "Twin one"}


# --- the print page -----------------------------------------------------------------------------


@pytest.fixture
def printed(article, client):
    with time_machine.travel(datetime.datetime(2024, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        return client.get(article.get_print_url())


def test_print_page_has_site_name_title_date_category_and_body(printed, article):
    assert printed.status_code == 200
    text = printed.text
    assert f'<p class="print-site">{settings.SITE_NAME}</p>' in text
    assert f"<h1>{article.title}</h1>" in text
    assert "23 November 2017" in text
    assert "GMP News" in text
    assert article.body in text
    assert 'alt="Clean room with two technicians"' in text


def test_print_page_writes_out_the_source_and_its_own_url(printed, article):
    text = printed.text
    assert '<span class="url">https://example.org/news/gmp-insulin</span>' in text
    assert "Pharma Daily" in text
    assert f'<span class="url">http://testserver{article.get_absolute_url()}</span>' in text
    assert "Printed on 5 March 2024" in text


def test_print_page_links_back_to_the_article(printed, article):
    assert only_href(printed, r"Back to the article") == article.get_absolute_url()


@pytest.mark.parametrize(
    "absent",
    [
        'class="site-header"',
        'class="site-nav"',
        'aria-label="Sections"',
        'class="site-footer"',
        'class="filters"',
        "Staff sign-in",
        "News by RSS",
        'class="item-nav"',
        "Return",
        "All news",
    ],
)
def test_print_page_has_no_site_navigation_footer_or_filters(absent, printed):
    assert absent not in printed.text


def test_print_page_carries_from_back_to_the_article(article, client):
    from_value = "category=gmp-news&year=2017&page=2"
    response = client.get(article.get_print_url(), {"from": from_value})
    back = only_href(response, r"Back to the article")
    assert back == article.get_absolute_url() + "?" + urlencode({"from": from_value})
    detail = client.get(back)
    assert only_href(detail, r'class="return-link"') == "/news/?category=gmp-news&year=2017&page=2"


def test_print_page_without_source_says_nothing_about_one(gmp, client):
    article = ArticleFactory(category=gmp, source_name="", source_url="")
    assert "Source:" not in client.get(article.get_print_url()).text


def test_print_page_has_a_print_button_script_from_a_file(printed):
    assert "data-print hidden>Print this page</button>" in printed.text
    assert '<script src="/static/js/print.js" defer></script>' in printed.text
