"""A visitor searches the whole site from the header, narrows to one type and opens a result."""

from __future__ import annotations

import pytest

from tests.browser.content import make_site

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_visitor_searches_from_the_header_narrows_by_type_and_opens_a_result(browser_page, live_server, console_log):
    site = make_site(news=True, portfolio=True, media=False, with_drafts=True)
    page = browser_page
    page.goto("/")

    # The header's box, then Enter.
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill("QUALIFICATION")
    box.press("Enter")
    page.wait_for_url("**/search/?q=QUALIFICATION")
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert page.get_by_label("Search for").input_value() == "QUALIFICATION"
    summary = page.locator(".search-summary").inner_text()
    assert "for “QUALIFICATION”" in summary, summary
    # Matches are highlighted whatever their case.
    marks = page.locator(".search-results mark").all_inner_texts()
    assert marks, "nothing is highlighted"
    assert all(mark.casefold().startswith("qualification") for mark in marks), marks

    # Narrow to news by the counts' link; the query stays.
    types = page.get_by_role("navigation", name="Results by type")
    types.get_by_role("link", name="News (", exact=False).click()
    page.wait_for_url("**type=news**")
    assert page.get_by_label("Search in").input_value() == "news"
    kinds = page.locator(".search-result .search-result__type").all_inner_texts()
    assert kinds, "no results in news"
    assert set(kinds) == {"News"}, kinds

    # The article's page.
    article = site.news.long_article
    page.get_by_role("link", name=article.title).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == article.title

    # A draft is never found, by the words of its title or otherwise.
    page.goto("/search/?q=budget+programme")
    assert site.news.draft.title not in page.locator("main").inner_text()

    # The form on the search page itself: a one-letter query is told what to do.
    page.goto("/search/")
    page.get_by_label("Search for").fill("x")
    page.get_by_role("button", name="Search").click()
    error = page.locator(".field-error").inner_text()
    assert "at least 2 letters" in error, error
    assert page.get_by_label("Search for").get_attribute("aria-invalid") == "true"
    assert console_log.problems() == [], "\n".join(console_log.problems())
