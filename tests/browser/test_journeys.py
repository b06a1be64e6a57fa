"""What people do on the site, in a real browser: an editor, a visitor, a print reader."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from clusterportal.models import Status
from clusterportal.pictures.images import scaled_size
from news.models import Article, Category
from tests.browser import helpers
from tests.browser.content import LONG_PARAGRAPHS, LONG_SOURCE_URL, library_picture, make_newsroom

pytestmark = pytest.mark.usefixtures("transactional_db")


# --- 1. the editor ------------------------------------------------------------------------


def choose_block_type(page, name: str) -> None:
    """The editor's block-type dropdown (paragraph / heading 2…4)."""
    page.locator(".prose-menubar__selected").click()  # its button lets clicks through to it
    page.locator(f".prose-menubar__option[data-name='{name}']").click()


def word_position(page, word: str) -> dict:
    """The middle of ``word`` in the editor, on screen (to double-click it)."""
    return page.evaluate(
        """word => {
            const walker = document.createTreeWalker(
                document.querySelector(".ProseMirror[contenteditable=true]"), NodeFilter.SHOW_TEXT
            );
            while (walker.nextNode()) {
                const at = walker.currentNode.textContent.indexOf(word);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + word.length);
                    const box = range.getBoundingClientRect();
                    return {x: box.x + box.width / 2, y: box.y + box.height / 2};
                }
            }
            throw new Error(`${word} is not in the editor`);
        }""",
        word,
    )


def test_editor_writes_previews_and_publishes_an_article(new_browser_context, live_server, console_log):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "editor-password-1")
    older = make_newsroom(with_draft=False).long_article
    volunteers = library_picture("Volunteers", alt_text="Volunteers waiting at a hospital reception")

    context = new_browser_context()
    page = context.new_page()

    # Sign in through the admin's own form.
    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("editor-password-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out")).wait_for()

    # A category.
    page.goto("/admin/news/category/add/")
    page.get_by_label("Name in English").press_sequentially("Clinical trials")  # typed: the slug follows keystrokes
    page.get_by_label("Name in Russian").fill("Клинические исследования")
    helpers.wait_for(page, "document.querySelector('#id_slug').value === 'clinical-trials'")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    assert Category.objects.filter(slug="clinical-trials").exists()

    # An article, written in the rich-text editor.
    page.goto("/admin/news/article/add/")
    page.get_by_label("Title").press_sequentially("Phase III trial of a cluster-made vaccine begins")
    helpers.wait_for(page, "document.querySelector('#id_slug').value.startsWith('phase-iii-trial')")
    # Category: a plain select (a handful of categories needs no autocomplete).
    page.locator("#id_category").select_option(label="Clinical trials")
    page.get_by_label("Lead").fill("Four hundred volunteers in three cities join the trial.")

    editor = page.locator(".ProseMirror[contenteditable='true']")
    # ProseMirror's base CSS (tiptap injects it inline, which the CSP blocks; admin.css serves
    # it): without white-space: pre-wrap, typed spaces collapse while the editor is written in.
    assert editor.evaluate("node => getComputedStyle(node).whiteSpace") in ("pre-wrap", "break-spaces")
    editor.click()
    choose_block_type(page, "heading2")
    page.keyboard.type("Who takes part")
    page.keyboard.press("Enter")
    page.keyboard.type("Volunteers are recruited by the regional hospitals (see the announcement).")
    page.keyboard.press("Enter")
    page.locator(".prose-menubar__button[data-name='bulletList']").click()
    page.keyboard.type("Kazan")
    page.keyboard.press("Enter")
    page.keyboard.type("Samara")
    page.keyboard.press("Enter")
    page.keyboard.type("Ufa")
    # Last, a link: double-click a word to select it, then the editor's link dialog. (Last,
    # because Tiptap hands the focus and the old selection back to the editor an animation
    # frame after the dialog closes, which would undo a click made in between.)
    word = word_position(page, "announcement")
    page.mouse.dblclick(word["x"], word["y"])
    page.locator(".prose-menubar__button[data-name='link']:not(.disabled)").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill("https://example.org/trial-announcement")
    dialog.locator("button[type='submit']").click()
    dialog.wait_for(state="detached")
    editor.locator("a[href='https://example.org/trial-announcement']").wait_for()
    helpers.wait_for(page, "document.activeElement.classList.contains('ProseMirror')")
    helpers.next_frames(page)

    assert editor.locator("h2", has_text="Who takes part").count() == 1
    assert editor.locator("a[href='https://example.org/trial-announcement']").inner_text() == "announcement"
    assert editor.locator("ul > li").all_inner_texts() == ["Kazan", "Samara", "Ufa"]

    # A cover picture from the library (its alt text is stored with it), and the source.
    # (Choosing it through the lookup popup is the picture journey's part; here its number is typed.)
    page.locator("#id_cover").fill(str(volunteers.pk))
    page.get_by_label("Source name").fill("Regional health ministry")
    page.get_by_label("Source URL").fill("https://example.org/health/trial")

    # Save as a draft (the default status) and stay on the form.
    assert page.locator("#id_status").input_value() == Status.DRAFT
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.locator(".messagelist .success").wait_for()
    article = Article.objects.get(slug__startswith="phase-iii-trial")
    assert article.status == Status.DRAFT
    assert article.category.slug == "clinical-trials"
    assert "<h2>Who takes part</h2>" in article.body
    assert re.search(r'<a href="https://example.org/trial-announcement"[^>]*>announcement</a>', article.body)
    assert re.search(r"<ul>\s*<li><p>Kazan</p></li>", article.body), article.body
    assert article.cover == volunteers

    # Preview from the list, as an editor would: a new tab with the draft banner.
    page.goto("/admin/news/article/")
    with context.expect_page() as new_tab:
        page.get_by_role("link", name="Preview").click()
    preview = new_tab.value
    console_log.watch(preview)
    preview.wait_for_load_state()
    assert urlsplit(preview.url).path == article.get_absolute_url()
    banner = preview.get_by_role("status")
    assert banner.is_visible()
    assert "Draft — not public" in banner.inner_text()
    assert preview.get_by_role("heading", level=1).inner_text() == article.title
    cover = preview.locator(".article__cover img")
    assert cover.get_attribute("alt") == "Volunteers waiting at a hospital reception"
    loaded = preview.evaluate("img => img.complete && img.naturalWidth > 0 && img.currentSrc", cover.element_handle())
    assert loaded, "the cover did not load from the live server"
    assert loaded.endswith(".webp"), f"the cover is not a WebP rendition: {loaded}"
    assert preview.locator(".rich-text h2", has_text="Who takes part").is_visible()
    assert preview.locator(".rich-text a[href='https://example.org/trial-announcement']").is_visible()
    assert preview.locator(".rich-text ul li").count() == 3
    assert console_log.problems() == [], "\n".join(console_log.problems())
    preview.close()

    # An anonymous visitor cannot see the draft.
    anonymous = new_browser_context().new_page()
    response = anonymous.goto(article.get_absolute_url())
    assert response.status == 404
    assert anonymous.get_by_role("heading", level=1).inner_text() == "Page not found"
    response = anonymous.goto(article.get_print_url())
    assert response.status == 404

    # Publish, and it leads the news.
    page.goto(f"/admin/news/article/{article.pk}/change/")
    page.locator("#id_status").select_option(Status.PUBLISHED)
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.locator(".messagelist .success").wait_for()
    article.refresh_from_db()
    assert article.is_published

    anonymous.goto("/news/")
    titles = anonymous.locator(".card__title").all_inner_texts()
    assert titles[0] == article.title
    assert titles[1] == older.title
    anonymous.locator(".card__title a").first.click()
    assert anonymous.get_by_role("heading", level=1).inner_text() == article.title
    assert anonymous.get_by_role("status").count() == 0, "a published article shows no preview banner"


# --- 2. the visitor -----------------------------------------------------------------------


def test_visitor_filters_pages_opens_prints_and_returns(browser_page, live_server, console_log):
    room = make_newsroom()
    page = browser_page

    page.goto("/news/")
    page.get_by_label("Category").select_option(label="GMP news")
    page.get_by_label("Year").select_option(str(room.recent_year))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"category=gmp-news"))
    assert "15 articles, page 1 of 2" in page.locator(".result-count").inner_text()

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2").click()
    page.wait_for_url(re.compile(r"page=2"))
    before = helpers.list_state(page)
    assert before["query"] == {"category": "gmp-news", "year": str(room.recent_year), "page": "2"}
    assert before["chosen"]["category"] == "GMP news"
    assert before["page"] == "2"
    assert len(before["titles"]) == 5

    page.locator(".card__title a").first.click()
    title = page.get_by_role("heading", level=1).inner_text()
    assert title == before["titles"][0]

    page.get_by_role("link", name="Print").click()
    page.wait_for_url(re.compile(r"/print/"))
    assert page.get_by_role("heading", level=1).inner_text() == title
    page.get_by_role("link", name="Back to the article").click()
    page.wait_for_url(re.compile(r"/news/[^/]+/\?from="))
    assert page.get_by_role("heading", level=1).inner_text() == title

    page.get_by_role("link", name="Return").click()
    page.wait_for_url(re.compile(r"/news/\?"))
    after = helpers.list_state(page)
    assert after == before
    assert console_log.problems() == [], "\n".join(console_log.problems())


def page_language(page) -> str:
    return page.evaluate("() => document.documentElement.getAttribute('lang')")


def test_visitor_switches_to_russian_prints_and_returns(browser_page, live_server, console_log):
    """From an English article, the header's switch leads to its Russian translation; Print and
    Return stay on the Russian side. (Links are found by their place, not their words: the
    interface of the Russian pages is in Russian.)"""
    room = make_newsroom(with_draft=False, russian=True)
    english, russian = room.long_article, room.russian.long_article
    page = browser_page

    page.goto(english.get_absolute_url())
    assert page_language(page) == "en"
    page.locator("nav.language-switch").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"**{russian.get_absolute_url()}")
    assert urlsplit(page.url).path.startswith("/ru/news/")
    assert page_language(page) == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == russian.title

    page.locator("a.print-link").click()
    page.wait_for_url(f"**{russian.get_print_url()}*")
    assert page_language(page) == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == russian.title
    page.locator(".print-tools a").first.click()  # back to the article
    page.wait_for_url(re.compile(re.escape(russian.get_absolute_url()) + r"(\?|$)"))

    page.locator("a.return-link").click()
    page.wait_for_url(re.compile(r"/ru/news/(\?|$)"))
    assert urlsplit(page.url).path == "/ru/news/"
    assert page_language(page) == "ru"
    titles = page.locator(".card__title").all_inner_texts()
    assert russian.title in titles, titles
    russian_titles = {article.title for article in room.russian.articles}
    assert set(titles) <= russian_titles, f"not Russian items: {set(titles) - russian_titles}"
    assert console_log.problems() == [], "\n".join(console_log.problems())


# --- 3. the print reader --------------------------------------------------------------------


def test_print_view_makes_a_clean_short_pdf(browser_page, live_server, poppler, artifacts_dir, console_log, tmp_path):
    room = make_newsroom(with_draft=False)
    article = room.long_article
    page = browser_page
    page.goto(article.get_print_url())
    assert page.evaluate("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")

    pdf = tmp_path / "news-article--print.pdf"
    needed = helpers.print_to_pdf(page, pdf)
    shutil.copy(pdf, artifacts_dir / pdf.name)  # for a person to look at
    pages = helpers.pdf_pages(poppler["pdftotext"], pdf)
    text = "\f".join(pages)

    # What must be on paper.
    flat = " ".join(text.split())
    for expected in (
        article.title,
        date_format(timezone.localtime(article.published_at), "j F Y"),
        "GMP news",
        article.lead,
        LONG_PARAGRAPHS[0][:80],
        LONG_PARAGRAPHS[-1][-60:],
        "What the regulator said",
        "Pharma Daily",
    ):
        assert expected in flat, f"{expected!r} is missing from the printed article"
    assert helpers.squeeze(LONG_SOURCE_URL) in helpers.squeeze(text), "the source URL is not written out on paper"
    assert helpers.squeeze(live_server.url + article.get_absolute_url()) in helpers.squeeze(text), (
        "the article's URL is missing"
    )

    # What must not be on paper: navigation, footer, filters, buttons.
    for unwanted in (
        "Portfolio",
        "Media center",
        "Skip to content",
        "a regional pharmaceutical cluster.",
        "News by RSS",
        "Staff sign-in",
        "Category",
        "Month",
        "All categories",
        "All years",
        "Clear filters",
        "Print this page",
        "Back to the article",
        "Return",
        "All news",
    ):
        assert unwanted not in flat, f"{unwanted!r} is printed"

    # As few pages as the text needs; no blank page; the cover is not cut across pages.
    blank = [number for number, content in enumerate(pages, 1) if not content.strip()]
    assert not blank, f"blank page(s) {blank} in the PDF"
    # How many pages the text needs depends on the fonts the machine has (DejaVu Serif sets
    # this article on 4 pages, Liberation Serif on 3); what must hold everywhere is that the
    # PDF has no more pages than the content's printed height asks for.
    assert len(pages) <= needed + 1, f"{len(pages)} pages for content that needs {needed}"
    drawn = helpers.pdf_images(poppler["pdfimages"], pdf)
    assert drawn, "the cover picture is not on paper"
    assert len(drawn) == 1, (
        f"the cover is drawn on pages {[image['page'] for image in drawn]}: cut across a page break?"
    )
    # The print view pins the 960 px rendition: sharp on paper, a fraction of the original's weight.
    assert (drawn[0]["width"], drawn[0]["height"]) == scaled_size(article.cover.width, article.cover.height, 960)
    assert console_log.problems() == [], "\n".join(console_log.problems())
