"""Bad input on the portfolio gets the README's answer, never a 500 (as tests/test_bad_input.py for news).

- a malformed or unknown filter value (category, status, year): 200, the form shows the error,
  no project is listed, and the value is never echoed unescaped;
- a page number that is not a number or is out of range, an unknown or absurd slug: 404;
- a ``from`` value that is garbage or points elsewhere: the page shows, and Return goes to the
  plain list (/portfolio/).

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import html
import re

import pytest
import time_machine

from tests.factories import EntryFactory, PortfolioCategoryFactory
from tests.helpers import assert_branded_404, return_href

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_2026():
    """Year choices run to the current year: 2021–2026 here, whenever the tests run."""
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def entry():
    category = PortfolioCategoryFactory(name="Production", slug="production")
    return EntryFactory(
        title="Aseptic filling line at the sterile plant",
        category=category,
        year_started=2021,
        published_at=datetime.datetime(2023, 6, 15, 12, tzinfo=datetime.UTC),
    )


def back_to_project_href(response) -> str:
    match = re.search(r'<a href="([^"]*)">&larr; Back to the project</a>', response.text)
    assert match, "no 'Back to the project' link on the page"
    return html.unescape(match.group(1))


# --- filter values ------------------------------------------------------------------------------

BAD_FILTERS = [
    pytest.param({"year": "abc"}, id="year-abc"),
    pytest.param({"year": "-1"}, id="year-negative"),
    pytest.param({"year": "99999999999999999999"}, id="year-huge"),
    pytest.param({"year": "2023.0"}, id="year-decimal"),
    pytest.param({"year": "2020"}, id="year-before-the-first-project"),
    pytest.param({"year": "2027"}, id="year-in-the-future"),
    pytest.param({"year": "\x00"}, id="year-nul"),
    pytest.param({"status": "done"}, id="status-unknown"),
    pytest.param({"status": "Completed"}, id="status-label-not-value"),
    pytest.param({"status": "<script>alert(1)</script>"}, id="status-script"),
    pytest.param({"status": "completed\x00"}, id="status-then-nul"),
    pytest.param({"status": "x" * 10_240}, id="status-10kB"),
    pytest.param({"category": "<script>alert(1)</script>"}, id="category-script"),
    pytest.param({"category": "\x00"}, id="category-nul"),
    pytest.param({"category": "production\x00"}, id="category-slug-then-nul"),
    pytest.param({"category": "unknown-slug"}, id="category-unknown"),
    pytest.param({"category": "x" * 10_240}, id="category-10kB"),
    pytest.param({"category": "производство"}, id="category-cyrillic"),
    pytest.param({"category": "production", "year": "abc"}, id="good-category-bad-year"),
    pytest.param({"status": "in_progress", "category": "nope"}, id="good-status-bad-category"),
]


@pytest.mark.parametrize("params", BAD_FILTERS)
def test_bad_filter_value_shows_a_form_error_and_no_projects(params, entry, client):
    response = client.get("/portfolio/", params)
    assert response.status_code == 200
    text = response.text
    assert 'role="alert"' in text
    assert "Some filter values were not understood" in text
    assert 'class="field-error"' in text
    assert 'aria-invalid="true"' in text
    assert entry.title not in text
    assert "No projects are shown until the filter is corrected." in text
    assert "<script>alert(1)</script>" not in text
    assert "\x00" not in text
    assert "x" * 100 not in text  # the value is not repeated back


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "done"}, "Choose one of the statuses in the list."),
        ({"year": "2020"}, "Choose one of the years in the list."),
        ({"category": "unknown-slug"}, "Choose one of the category options in the list."),
    ],
)
def test_filter_errors_say_what_to_do(params, message, entry, client):
    assert message in client.get("/portfolio/", params).text


@pytest.mark.parametrize("params", BAD_FILTERS)
def test_bad_filter_is_never_carried_to_items(params, entry, client):
    assert "?from=" not in client.get("/portfolio/", params).text


@pytest.mark.parametrize(
    "params", [{"year": "2021"}, {"year": "2026"}, {"status": "in_progress"}, {"category": "production"}]
)
def test_good_filter_values_list_the_project(params, entry, client):
    response = client.get("/portfolio/", params)
    assert 'role="alert"' not in response.text
    assert entry.title in response.text


# --- page numbers -------------------------------------------------------------------------------
# Pages that are not a page of the list (a branded 404): tests/test_contract.py, for every type.


@pytest.mark.parametrize("page", ["1", "last"])
def test_first_and_last_page_are_fine(page, entry, client):
    response = client.get("/portfolio/", {"page": page})
    assert response.status_code == 200
    assert entry.title in response.text


# --- NUL bytes, anywhere ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/portfolio/?%00",
        "/portfolio/?%00=1",
        "/portfolio/?year=%00&status=%00&category=%00&page=%00",
        "/portfolio/%00/",
        "/portfolio/prod%00/",
        "/portfolio/{slug}/?from=%00",
        "/portfolio/{slug}/?from=status%3D%2500",
        "/portfolio/{slug}/?from=year%3D2023%00",
        "/portfolio/{slug}/?%00=%00",
        "/portfolio/{slug}/print/?from=%00",
        "/portfolio/{slug}/print/?from=category%3Dproduction%2500",
    ],
)
def test_nul_bytes_never_give_a_500(url, entry, client):
    client.raise_request_exception = False
    response = client.get(url.format(slug=entry.slug))
    assert response.status_code in {200, 404}


# --- slugs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    # Unknown, absurd and marked-up slugs of every type: tests/test_contract.py.
    ["/portfolio/../admin/", "/portfolio/feed/"],
)
def test_unknown_or_absurd_path_is_a_branded_404(path, entry, client):
    response = client.get(path)
    assert_branded_404(response)
    assert "<script>alert(1)</script>" not in response.text


# --- the `from` parameter -----------------------------------------------------------------------

BAD_FROM = [
    pytest.param("garbage", id="garbage"),
    pytest.param("%%%&&&===", id="percent-garbage"),
    pytest.param("https://evil.example/", id="full-url"),
    pytest.param("//evil.example", id="protocol-relative"),
    pytest.param("//evil.example/?category=production", id="protocol-relative-with-filter"),
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("\x00", id="nul"),
    pytest.param("category=production\x00", id="filter-then-nul"),
    pytest.param("status=%00", id="encoded-nul-inside"),
    pytest.param("category=production&" + "x" * 5000, id="5000-chars"),
    pytest.param("x" * 5000, id="5000-chars-garbage"),
    pytest.param("year=abc", id="invalid-year"),
    pytest.param("year=2020", id="year-not-offered"),
    pytest.param("status=done", id="invalid-status"),
    pytest.param("category=<script>", id="invalid-category-markup"),
    pytest.param("category=unknown-slug", id="unknown-category"),
    pytest.param("category=production&status=abc", id="valid-and-invalid-filter"),
    pytest.param("page=abc", id="page-abc"),
    pytest.param("page=-1", id="page-negative"),
    pytest.param("page=0", id="page-0"),
    pytest.param("page=99999999999999999999", id="page-huge"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("from_value", BAD_FROM)
def test_bad_from_returns_to_the_plain_list(from_value, entry, client):
    response = client.get(entry.get_absolute_url(), {"from": from_value})
    assert response.status_code == 200
    assert return_href(response) == "/portfolio/"
    assert "evil.example" not in response.text
    assert "javascript:" not in response.text


@pytest.mark.parametrize("from_value", BAD_FROM)
def test_bad_from_is_not_carried_to_the_print_view_or_back(from_value, entry, client):
    detail = client.get(entry.get_absolute_url(), {"from": from_value})
    assert f'href="{entry.get_print_url()}"' in detail.text
    printed = client.get(entry.get_print_url(), {"from": from_value})
    assert printed.status_code == 200
    assert back_to_project_href(printed) == entry.get_absolute_url()


@pytest.mark.parametrize(
    ("from_value", "expected_return"),
    [
        ("category=production&status=in_progress&page=2", "/portfolio/?category=production&status=in_progress&page=2"),
        ("page=2&year=2023&category=production", "/portfolio/?category=production&year=2023&page=2"),
        ("status=in_progress&year=2021", "/portfolio/?status=in_progress&year=2021"),
        ("category=production&next=https://evil.example/", "/portfolio/?category=production"),
        ("category=production&page=1", "/portfolio/?category=production"),
        ("page=007", "/portfolio/?page=7"),
    ],
)
def test_valid_from_returns_to_the_same_list_page(from_value, expected_return, entry, client):
    response = client.get(entry.get_absolute_url(), {"from": from_value})
    assert response.status_code == 200
    assert return_href(response) == expected_return
