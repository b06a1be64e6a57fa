"""The portfolio in a real browser: a visitor filters, pages, opens a project and its gallery,
prints it and returns; a print reader gets a clean PDF of a project."""

from __future__ import annotations

import re
import shutil

import pytest

from portfolio.models import ProjectStatus
from tests.browser import helpers
from tests.browser.content import (
    SHOWCASE_GALLERY,
    SHOWCASE_KEY_FIGURES,
    SHOWCASE_ORGANIZATION,
    SHOWCASE_TITLE,
    make_portfolio,
)

pytestmark = pytest.mark.usefixtures("transactional_db")


# --- the visitor ----------------------------------------------------------------------------


def test_visitor_filters_pages_opens_a_project_and_its_gallery_prints_and_returns(
    browser_page, live_server, console_log
):
    portfolio = make_portfolio(with_draft=False)
    page = browser_page

    page.goto("/portfolio/")
    page.get_by_label("Category").select_option(label="Production")
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"category=production"))
    assert "15 projects, page 1 of 2" in page.locator(".result-count").inner_text()
    assert page.locator(".card__title").count() == 12

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2").click()
    page.wait_for_url(re.compile(r"page=2"))
    before = helpers.list_state(page)
    assert before["query"] == {"category": "production", "status": ProjectStatus.IN_PROGRESS, "page": "2"}
    assert before["chosen"]["category"] == "Production"
    assert before["chosen"]["status"] == "In progress"
    assert before["page"] == "2"
    assert len(before["titles"]) == 3
    assert before["titles"][-1] == SHOWCASE_TITLE  # the oldest of the fifteen

    # The project, with its gallery.
    page.get_by_role("link", name=SHOWCASE_TITLE).click()
    page.wait_for_url(re.compile(r"/portfolio/[^/]+/\?from="))
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_TITLE
    entry_url = page.url
    gallery = page.get_by_role("region", name="Gallery")
    assert gallery.locator("li").count() == len(SHOWCASE_GALLERY)
    item = portfolio.showcase.gallery.select_related("picture").first()
    largest = item.picture.renditions()[-1]

    # A gallery picture's link opens its largest rendition, a WebP the browser shows by itself.
    with page.expect_response(lambda response: response.url.endswith(largest.url)) as picture_response:
        gallery.locator("a.gallery__link").first.click()
    response = picture_response.value
    assert response.status == 200
    assert response.headers["content-type"] == "image/webp", response.headers
    page.wait_for_url(f"**{largest.url}")
    size = page.evaluate("() => [document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [largest.width, largest.height]

    page.go_back()
    page.wait_for_url(entry_url)
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_TITLE

    # Print, and back to the project.
    page.get_by_role("link", name="Print").click()
    page.wait_for_url(re.compile(r"/print/"))
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_TITLE
    page.get_by_role("link", name="Back to the project").click()
    page.wait_for_url(re.compile(r"/portfolio/[^/]+/\?from="))
    assert page.get_by_role("heading", level=1).inner_text() == SHOWCASE_TITLE

    # Return: the same filters and page.
    page.get_by_role("link", name="Return").click()
    page.wait_for_url(re.compile(r"/portfolio/\?"))
    assert helpers.list_state(page) == before
    assert console_log.problems() == [], "\n".join(console_log.problems())


# --- the print reader -------------------------------------------------------------------------


def figure_on_paper(layout_text: str, label: str, value: str) -> bool:
    """``value`` printed right after ``label`` on its line, or just below it in the same column
    (where it may wrap onto the next lines of that column: "40 million vials a" / "year")."""
    lines = layout_text.splitlines()
    for number, line in enumerate(lines):
        column = line.find(label)
        if column < 0:
            continue
        if re.search(rf"{re.escape(label)}\s+{re.escape(value)}", line):
            return True
        below = [other for other in lines[number + 1 : number + 5] if other.strip()]
        in_column = []
        for other in below:
            cell = re.split(r"\s{2,}", other[column:].strip(), maxsplit=1)[0] if len(other) > column else ""
            if not cell or (other[:column].strip() and not other[column - 1].isspace()):
                break
            in_column.append(cell)
        if " ".join(in_column).startswith(value):
            return True
    return False


def test_project_print_view_makes_a_clean_pdf(browser_page, live_server, poppler, artifacts_dir, console_log, tmp_path):
    portfolio = make_portfolio(with_draft=False)
    entry = portfolio.showcase
    page = browser_page
    page.goto(entry.get_print_url())
    helpers.wait_for(page, "[...document.images].every(img => img.complete)")
    assert page.evaluate("() => [...document.images].every(img => img.naturalWidth > 0)"), "a picture did not load"

    pdf = tmp_path / "portfolio-entry--print.pdf"
    needed = helpers.print_to_pdf(page, pdf)
    shutil.copy(pdf, artifacts_dir / pdf.name)  # for a person to look at
    pages = helpers.pdf_pages(poppler["pdftotext"], pdf)
    text = "\f".join(pages)
    # In reading order: the gallery's captions and the key figures are set in columns.
    flat = " ".join("".join(helpers.pdf_pages(poppler["pdftotext"], pdf, layout=False)).split())

    # What must be on paper.
    organization, website = SHOWCASE_ORGANIZATION
    for expected in (
        entry.title,
        entry.summary,
        "Production",
        "In progress",
        entry.years,
        "Organization",
        organization,
        "Location",
        entry.location,
        "How the project runs",
        "Gallery",
        *(caption for _label, _color, caption in SHOWCASE_GALLERY),
        "This project:",
    ):
        assert expected in flat, f"{expected!r} is missing from the printed project"
    for label, value in SHOWCASE_KEY_FIGURES:
        assert figure_on_paper(text, label, value), (
            f"the key figure {label} — {value} is missing, or apart from its label"
        )
    assert helpers.squeeze(website) in helpers.squeeze(text), "the organization's website is not written out"
    canonical = helpers.squeeze(live_server.url + entry.get_absolute_url())
    assert re.search(r"This\s*project:\s*" + re.escape(canonical), helpers.squeeze(text)), (
        "the project's URL is missing"
    )

    # What must not be on paper: navigation, footer, filters, buttons.
    for unwanted in (
        "Skip to content",
        "Portfolio",
        "Media center",
        "News by RSS",
        "Staff sign-in",
        "a regional pharmaceutical cluster.",
        "Category",
        "Status",
        "All categories",
        "All statuses",
        "All years",
        "Clear filters",
        "Show",
        "Print this page",
        "Back to the project",
        "Return",
        "All projects",
        "Newer",
        "Older",
    ):
        assert unwanted not in flat, f"{unwanted!r} is printed"

    # Every page has text; as few pages as the content needs; each picture drawn once, uncut.
    blank = [number for number, content in enumerate(pages, 1) if not content.strip()]
    assert not blank, f"blank page(s) {blank} in the PDF"
    assert len(pages) <= needed + 1, f"{len(pages)} pages for content that needs {needed}"
    drawn = helpers.pdf_images(poppler["pdfimages"], pdf)
    assert len(drawn) == 1 + len(SHOWCASE_GALLERY), f"expected the cover and the gallery once each: {drawn}"
    assert console_log.problems() == [], "\n".join(console_log.problems())
