"""Site-wide search at /search/, as a visitor sees it.

What is found (published items of every content type, every word of the query, any field, any
case, Russian and English word forms), in which order (title matches first, then newest), how
the page shows it (summary, typed results with highlighted snippets, counts by type,
pagination), and what bad input gets (a clear message next to the field, never a 500).
Also: the search form in every page's header, noindex, and a query count that does not grow.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterportal import registry
from media_center.models import PressMention
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EntryFactory,
    GalleryFactory,
    OrganizationFactory,
    PressMentionFactory,
    PublicationFactory,
    VideoFactory,
)
from tests.helpers import MOSCOW, pagination_links

pytestmark = pytest.mark.django_db

KINDS = ["news", "portfolio", "galleries", "videos", "publications", "press"]

ITEM_LABELS = {
    "news": "News",
    "portfolio": "Portfolio project",
    "galleries": "Photo gallery",
    "videos": "Video",
    "publications": "Publication",
    "press": "Press about us",
}

FACTORIES = {
    "news": ArticleFactory,
    "portfolio": EntryFactory,
    "galleries": GalleryFactory,
    "videos": VideoFactory,
    "publications": PublicationFactory,
    "press": PressMentionFactory,
}

#: Every searchable field of every type (the contract); "category" and "organization" are the
#: related object's name.
FIELDS = [
    ("news", "title"),
    ("news", "lead"),
    ("news", "body"),
    ("news", "category"),
    ("portfolio", "title"),
    ("portfolio", "summary"),
    ("portfolio", "body"),
    ("portfolio", "organization"),
    ("portfolio", "location"),
    ("galleries", "title"),
    ("galleries", "description"),
    ("videos", "title"),
    ("videos", "description"),
    ("publications", "title"),
    ("publications", "description"),
    ("press", "title"),
    ("press", "outlet"),
    ("press", "excerpt"),
]

#: Where a type keeps its longer text (for snippets and "matches only in its body").
BODY_FIELD = {
    "news": "body",
    "portfolio": "body",
    "galleries": "description",
    "videos": "description",
    "publications": "description",
    "press": "excerpt",
}


def make(kind: str, field: str | None = None, text: str = "", **kwargs):
    """One item of ``kind`` (published an hour ago unless told) with ``text`` in ``field``."""
    if field == "body":
        kwargs["body"] = f"<p>{text}</p>"
    elif field == "category":
        kwargs["category"] = CategoryFactory(name=text)
    elif field == "organization":
        kwargs["organization"] = OrganizationFactory(name=text)
    elif field is not None:
        kwargs[field] = text
    return FACTORIES[kind](**kwargs)


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


# --- reading the page ---------------------------------------------------------------------------


def plain(fragment: str) -> str:
    """What a person reads: tags dropped (highlights without a gap), entities decoded."""
    fragment = re.sub(r"</?mark>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@dataclass
class Result:
    key: str
    html: str

    @property
    def text(self) -> str:
        return plain(self.html)

    @property
    def links(self) -> list[str]:
        return [html.unescape(h) for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', self.html)]

    @property
    def title(self) -> str:
        """The text of the result's link to the item (the first one that leaves the search)."""
        for href, text in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', self.html, re.S):
            if not href.startswith(("?", "/search/")):
                return plain(text)
        raise AssertionError(f"a result without a link to its item: {self.html}")

    @property
    def snippet(self) -> str:
        """The snippet's HTML, as served (``<mark>`` around the matched words)."""
        match = re.search(r'<p class="search-result__snippet"[^>]*>(.*?)</p>', self.html, re.S)
        assert match, f"a result without a snippet: {self.html}"
        return match.group(1)


def results(response) -> list[Result]:
    text = response.text
    listing = re.search(r'<ol class="search-results"[^>]*>(.*?)</ol>', text, re.S)
    items = re.findall(r'<li class="search-result search-result--([a-z]+)"[^>]*>(.*?)</li>', text, re.S)
    if items:
        assert listing, "results outside <ol class=search-results>"
    return [Result(key, body) for key, body in items]


def titles(response) -> list[str]:
    return [result.title for result in results(response)]


def summary(response) -> str | None:
    match = re.search(r'<p class="search-summary"[^>]*>(.*?)</p>', response.text, re.S)
    return plain(match.group(1)) if match else None


def type_counts(response) -> dict[str, tuple[str, dict]]:
    """The "Results by type" nav: type key -> (link text, the link's query)."""
    nav = re.search(r'<nav class="search-types"[^>]*aria-label="Results by type"[^>]*>(.*?)</nav>', response.text, re.S)
    assert nav, "no Results by type nav"
    found = {}
    for href, text in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', nav.group(1), re.S):
        params = parse_qs(urlsplit(html.unescape(href)).query)
        if "type" in params:
            found[params["type"][0]] = (plain(text), params)
    return found


def on_search(href: str) -> str:
    """A pagination href ("?q=…&page=2", as {% querystring %} writes it) as a path to request."""
    return href if href.startswith("/") else "/search/" + href


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def parse(fragment: str) -> _StartTags:
    parser = _StartTags()
    parser.feed(fragment)
    parser.close()
    return parser


def start_tags(fragment: str, tag: str, **attrs) -> list[dict[str, str]]:
    """Attributes of every <tag> in the fragment whose attributes include ``attrs``."""
    return [
        found
        for name, found in parse(fragment).tags
        if name == tag and all(found.get(k) == v for k, v in attrs.items())
    ]


def form_html(text: str, css_class: str) -> str:
    match = re.search(rf'<form\b[^>]*\bclass="{css_class}"[^>]*>.*?</form>', text, re.S)
    assert match, f"no <form class={css_class}> on the page"
    return match.group(0)


def label_for(fragment: str, field_id: str) -> str:
    match = re.search(rf'<label\b[^>]*\bfor="{field_id}"[^>]*>(.*?)</label>', fragment, re.S)
    assert match, f"no <label for={field_id}>"
    return plain(match.group(1)).removesuffix(":")


def q_value(response) -> str:
    [field] = start_tags(form_html(response.text, "search-form"), "input", name="q")
    return field.get("value", "")


def field_errors(response) -> list[str]:
    """The error messages shown at the form's fields (the house's ``class="field-error"``)."""
    form = form_html(response.text, "search-form")
    return [plain(e) for e in re.findall(r'<div class="field-error"[^>]*>(.*?)</div>', form, re.S)]


def message(response, pattern: str) -> str:
    """The error message at a field that matches ``pattern``."""
    found = [text for text in field_errors(response) if re.search(pattern, text, re.I)]
    assert found, f"no field error matching {pattern!r}: {field_errors(response)}"
    return found[0]


def search(client, q: str | None = None, *, language: str = "en", **params):
    """The search page in ``language`` (it finds that language's items)."""
    if q is not None:
        params["q"] = q
    response = client.get("/search/" if language == "en" else f"/{language}/search/", params)
    assert response.status_code == 200, response.status_code
    return response


def assert_summary(response, expected: str):
    """The summary says ``expected`` (a type filter may add to it, e.g. "… in Photo galleries")."""
    shown = summary(response)
    assert shown is not None, "no search summary"
    assert shown.startswith(expected), shown


def assert_no_results(response):
    assert results(response) == []
    assert summary(response) is None or summary(response).startswith("No results")


# --- finding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "field"), FIELDS)
def test_every_searchable_field_of_every_type_is_searched(kind, field, client):
    item = make(kind, field, "Quokkaville")
    make(kind)  # a neighbour of the same type that does not match
    response = search(client, "quokkaville")
    found = results(response)
    assert [result.key for result in found] == [kind]
    assert item.get_absolute_url() in found[0].links
    assert_summary(response, "1 result for “quokkaville”")


@pytest.mark.parametrize("kind", KINDS)
def test_each_result_shows_its_type_date_title_and_link(kind, client):
    item = make(
        kind, "title", "Quokka expedition report", published_at=datetime.datetime(2024, 3, 5, 12, tzinfo=MOSCOW)
    )
    [result] = results(search(client, "quokka"))
    assert result.key == kind
    assert ITEM_LABELS[kind] in result.text
    assert "5 March 2024" in result.text
    assert "Quokka expedition report" in result.text
    assert item.get_absolute_url() in result.links


def test_press_mentions_link_out_to_the_outlet(client):
    PressMentionFactory(title="Quokka cluster on the front page", url="https://press.example.com/quokka-story")
    response = search(client, "quokka")
    [result] = results(response)
    assert "https://press.example.com/quokka-story" in result.links
    assert not any(link.startswith("/media-center/") for link in result.links)
    # The outlet stands beside the date (the press source's own result template).
    outlet = PressMention.objects.get().outlet
    assert re.search(
        r'class="search-result search-result--press">\s*<p class="meta">.*?· ' + re.escape(outlet), response.text
    )


def test_every_word_must_match_in_any_field(client):
    both = ArticleFactory(title="Quokka habitat survey", body="<p>Funded by the wombat foundation.</p>")
    ArticleFactory(title="Quokka numbers rise")
    ArticleFactory(title="Wombat burrows mapped")
    EntryFactory(title="Wombat park", location="Quokka island")
    response = search(client, "quokka wombat")
    assert sorted(titles(response)) == sorted([both.title, "Wombat park"])
    assert_summary(response, "2 results for “quokka wombat”")


def test_a_query_word_matches_words_that_start_with_it(client):
    ArticleFactory(title="Pharmaceutical exports grow")
    GalleryFactory(title="Биотехнологии в кластере")
    assert titles(search(client, "pharma")) == ["Pharmaceutical exports grow"]
    assert titles(search(client, "биотех")) == ["Биотехнологии в кластере"]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Vaccination campaign starts", "vacc"),
        ("Vaccination campaign starts", "vaccinat"),
        ("Manufacturing site opens", "manufactur"),
        ("Manufacturing site opens", "manufacturin"),
        ("Production grows", "productio"),
        ("Running costs fall", "runnin"),
        ("Laboratory equipment arrives", "laborator"),
        ("Лабораторные исследования", "лабораторн"),
        ("Производство вакцин", "производс"),
        ("Фармацевтическая компания", "фармацевт"),
    ],
)
def test_the_beginning_of_any_word_is_enough(stored, query, client):
    """What a visitor types before finishing the word: "vaccinat" finds "vaccination"."""
    ArticleFactory(title=stored)
    assert titles(search(client, query)) == [stored]


def test_every_word_counts_however_many_words(client):
    words = "quokka wombat numbat bilby dingo emu koala possum dunnart bandicoot"
    ArticleFactory(title=f"Fauna: {words}")
    assert len(titles(search(client, words))) == 1
    assert titles(search(client, f"{words} platypus")) == []
    assert titles(search(client, f"platypus {words}")) == []


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Новый завод в Калуге", "ЗАВОД"),
        ("НОВЫЙ ЗАВОД В КАЛУГЕ", "завод"),
        ("Новый Завод в Калуге", "зАвОд"),
        ("Quokka Research Station", "QUOKKA"),
        ("QUOKKA RESEARCH STATION", "quokka"),
    ],
)
def test_search_ignores_case_including_cyrillic(stored, query, client):
    ArticleFactory(title=stored)
    assert titles(search(client, query)) == [stored]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Новая галерея кластера", "галереи"),
        ("Фотографии для галереи кластера", "галерея"),
        ("Открыт новый завод", "заводе"),
        ("Экскурсия на заводе", "завод"),
        ("New vaccine line opens", "vaccines"),
        ("Two vaccines approved", "vaccine"),
    ],
)
def test_russian_and_english_word_forms_find_each_other(stored, query, client):
    """Each language's words on that language's site: Russian items stemmed as Russian."""
    language = "ru" if re.search("[а-я]", stored.lower()) else "en"
    GalleryFactory(title=stored, language=language)
    GalleryFactory(title="Open day at the laboratory", language=language)
    assert titles(search(client, query, language=language)) == [stored]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Цена вакцины снизилась", "цены"),
        ("Новый цех открыт", "цеха"),
        ("Лекарства для больниц", "лекарство"),
        ("Проекты кластера", "проект"),
        ("Новости кластера", "новость"),
        ("Вакцина зарегистрирована", "вакцины"),
        ("Экспорт вырос", "экспорта"),
    ],
)
def test_more_everyday_russian_word_forms_find_each_other(stored, query, client):
    """Beyond the contract's three pairs: common short nouns, as visitors type them on the
    Russian site, in Russian items."""
    GalleryFactory(title=stored, language="ru")
    assert titles(search(client, query, language="ru")) == [stored]


# --- drafts and scheduled items -----------------------------------------------------------------


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
@pytest.mark.parametrize("kind", KINDS)
def test_unpublished_items_are_never_found_nor_counted(kind, trait, client):
    shown = make(kind, "title", "Quokka shown")
    make(kind, "title", "Quokka hidden", **{trait: True})
    response = search(client, "quokka")
    assert titles(response) == [shown.title]
    assert_summary(response, "1 result for “quokka”")
    assert "hidden" not in response.text.lower()
    text, _ = type_counts(response)[kind]
    assert text.endswith("(1)")
    assert not [r for r in results(search(client, "quokka", type=kind)) if "hidden" in r.text.lower()]


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_only_unpublished_matches_means_no_results(trait, client):
    for kind in KINDS:
        make(kind, "title", "Quokka secret", **{trait: True})
    response = search(client, "quokka")
    assert results(response) == []
    assert_summary(response, "No results for “quokka”.")
    assert "secret" not in response.text.lower()


# --- order --------------------------------------------------------------------------------------


def test_title_matches_come_before_body_matches(client):
    body_only = ArticleFactory(
        title="Weekly digest", body="<p>Quokka, quokka and more quokka news.</p>", published_at=ago(minutes=5)
    )
    in_title = GalleryFactory(title="Quokka photos", published_at=ago(days=30))
    older_in_title = ArticleFactory(title="Quokka census", published_at=ago(days=60))
    assert titles(search(client, "quokka")) == [in_title.title, older_in_title.title, body_only.title]


def test_title_match_beats_a_newer_item_that_matches_in_every_other_field(client):
    in_title = EntryFactory(title="Quokka park", published_at=ago(days=10))
    elsewhere = EntryFactory(
        title="Neutral heading",
        summary="A quokka sanctuary.",
        organization=OrganizationFactory(name="Quokka Holdings"),
        location="Quokka island",
        body="<p>Quokka care.</p>",
        published_at=ago(hours=1),
    )
    assert titles(search(client, "quokka")) == [in_title.title, elsewhere.title]


@pytest.mark.parametrize("kind", KINDS)
def test_title_match_beats_a_newer_body_match_within_each_type(kind, client):
    body_field = BODY_FIELD[kind]
    body_only = make(kind, body_field, "All about the quokka", title="Neutral heading", published_at=ago(hours=1))
    in_title = make(kind, "title", "Quokka heading", published_at=ago(days=10))
    found = results(search(client, "quokka"))
    assert [r.title for r in found] == [in_title.title, body_only.title]


def test_equal_matches_are_newest_first(client):
    for day in (3, 1, 2):
        ArticleFactory(title=f"Quokka report {day}", published_at=ago(days=day))
    assert titles(search(client, "quokka")) == ["Quokka report 1", "Quokka report 2", "Quokka report 3"]


# --- types and counts ---------------------------------------------------------------------------


@pytest.fixture
def mixed_hits():
    """Three news, two galleries, one press mention match "quokka"; a video does not."""
    for n in range(3):
        ArticleFactory(title=f"Quokka news {n}")
    for n in range(2):
        GalleryFactory(title=f"Quokka gallery {n}")
    PressMentionFactory(title="Quokka in the press")
    VideoFactory(title="Wombat video")


def test_results_by_type_counts_each_type_with_hits(mixed_hits, client):
    response = search(client, "quokka")
    assert_summary(response, "6 results for “quokka”")
    counts = type_counts(response)
    assert set(counts) == {"news", "galleries", "press"}
    assert counts["news"][0] == "News (3)"
    assert counts["galleries"][0].endswith("(2)")
    assert counts["press"][0].endswith("(1)")
    for key, (_, params) in counts.items():
        assert params["q"] == ["quokka"]
        assert params["type"] == [key]


def test_type_filter_shows_only_that_type(mixed_hits, client):
    response = search(client, "quokka", type="galleries")
    assert [r.key for r in results(response)] == ["galleries", "galleries"]
    assert_summary(response, "2 results for “quokka”")


@pytest.mark.parametrize("kind", KINDS)
def test_type_filter_works_for_every_type(kind, client):
    for other in KINDS:
        make(other, "title", f"Quokka {other}")
    assert [r.key for r in results(search(client, "quokka", type=kind))] == [kind]


def test_type_without_hits_says_no_results(mixed_hits, client):
    response = search(client, "quokka", type="videos")
    assert results(response) == []
    assert_summary(response, "No results for “quokka”")


# --- pagination ---------------------------------------------------------------------------------


def test_ten_results_per_page_and_404_past_the_last(client):
    for n in range(25):
        ArticleFactory(title=f"Quokka report {n:02}", published_at=ago(days=30 - n))
    expected = [f"Quokka report {n:02}" for n in range(24, -1, -1)]

    first = search(client, "quokka")
    assert_summary(first, "25 results for “quokka”")
    assert titles(first) == expected[:10]
    links = pagination_links(first)
    assert parse_qs(urlsplit(links["2"]).query) == {"q": ["quokka"], "page": ["2"]}
    second = client.get(on_search(links["2"]))
    assert second.status_code == 200
    assert titles(second) == expected[10:20]
    third = client.get(on_search(links["3"]))
    assert titles(third) == expected[20:]
    assert client.get("/search/", {"q": "quokka", "page": "4"}).status_code == 404


def test_page_links_keep_the_query_and_the_type(client):
    for n in range(12):
        ArticleFactory(title=f"Quokka news {n:02}")
    GalleryFactory(title="Quokka gallery")
    first = search(client, "quokka", type="news")
    assert len(results(first)) == 10
    href = pagination_links(first)["2"]
    assert parse_qs(urlsplit(href).query) == {"q": ["quokka"], "type": ["news"], "page": ["2"]}
    second = client.get(on_search(href))
    assert [r.key for r in results(second)] == ["news", "news"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "4", "1.5", "99999999999999999999", "1\x00"])
def test_bad_page_numbers_are_404(page, client):
    for _ in range(25):
        ArticleFactory(title="Quokka report")
    assert client.get("/search/", {"q": "quokka", "page": page}).status_code == 404


# --- the page -----------------------------------------------------------------------------------


def test_page_without_a_query_shows_the_form_only(client):
    ArticleFactory(title="Quokka report")
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "", "type": ""}):
        response = client.get("/search/", params)
        assert response.status_code == 200
        text = response.text
        assert re.search(r"<h1\b[^>]*>[^<]*Search", text)
        assert 'class="search-form"' in text
        assert summary(response) is None
        assert results(response) == []
        assert 'class="search-types"' not in text
        assert 'role="alert"' not in text
        assert "error" not in plain(form_html(text, "search-form")).lower()


def test_search_form_has_labelled_fields_and_a_button(client):
    text = search(client).text
    form = form_html(text, "search-form")
    [attrs] = start_tags(form, "form")
    assert attrs["role"] == "search"
    assert attrs["action"] == "/search/"
    assert attrs["method"].lower() == "get"
    [q] = start_tags(form, "input", name="q")
    assert q["type"] == "search"
    assert q["id"] == "id_q"
    assert label_for(form, "id_q") == "Search for"
    [select] = start_tags(form, "select", name="type")
    assert select["id"] == "id_type"
    assert label_for(form, "id_type") == "Search in"
    options = re.findall(r'<option\b[^>]*\bvalue="([^"]*)"[^>]*>(.*?)</option>', form, re.S)
    assert plain(options[0][1]) == "Everywhere"
    assert options[0][0] == ""
    assert {value for value, _ in options[1:]} == {ct.key for ct in registry.searchable()}
    assert set(KINDS) <= {value for value, _ in options[1:]}
    assert re.search(r"<button\b[^>]*>\s*Search\s*</button>", form)


def test_form_keeps_the_query_and_the_type(client):
    query = 'quokka "wombat" <b>&amp;'
    response = search(client, query, type="videos")
    assert q_value(response) == query
    assert "<b>&amp;" not in response.text
    form = form_html(response.text, "search-form")
    [selected] = re.findall(r"<option\b[^>]*\bselected\b[^>]*>", form)
    assert 'value="videos"' in selected


def test_summary_says_1_result_in_the_singular(client):
    ArticleFactory(title="Quokka report")
    assert_summary(search(client, "quokka"), "1 result for “quokka”")


def test_no_results_says_so(client):
    ArticleFactory(title="Quokka report")
    response = search(client, "xyzzy")
    assert_summary(response, "No results for “xyzzy”.")
    assert results(response) == []


def test_snippet_marks_the_matched_words(client):
    ArticleFactory(title="Weekly digest", lead="The quokka colony met the wombat delegation.")
    [result] = results(search(client, "quokka wombat"))
    assert re.search(r"<mark>quokka</mark>", result.snippet, re.I)
    assert re.search(r"<mark>wombat</mark>", result.snippet, re.I)
    assert "quokka colony met the wombat" in plain(result.snippet)


def test_snippet_marks_cyrillic_matches_whatever_the_case(client):
    ArticleFactory(title="Новости", lead="Кластер построил новый завод в Калуге.")
    [result] = results(search(client, "ЗАВОД"))
    assert "<mark>завод</mark>" in result.snippet


def test_snippet_shows_a_match_deep_inside_a_long_body(client):
    filler = " ".join(f"filler{n}" for n in range(400))
    ArticleFactory(title="Weekly digest", lead="Nothing to see.", body=f"<p>{filler} the quokka finale</p>")
    [result] = results(search(client, "quokka"))
    assert re.search(r"<mark>quokka</mark>", result.snippet, re.I)


def test_snippet_is_text_not_markup(client):
    ArticleFactory(
        title="Weekly digest",
        lead="Nothing to see.",
        body='<p>About <em>quokka</em> habitats, see <a href="https://example.org/r">the report</a>.</p>',
    )
    [result] = results(search(client, "quokka"))
    assert "<" not in re.sub(r"</?mark>", "", result.snippet), result.snippet
    seen = plain(result.snippet)
    assert "quokka habitats" in seen
    for markup in ("<p>", "<em>", "<a ", "href"):
        assert markup not in seen


def test_markup_of_rich_text_is_not_searched(client):
    ArticleFactory(
        title="Weekly digest",
        lead="Nothing to see.",
        body='<p>See <a href="https://example.org/r">the <strong>report</strong></a>.</p>',
    )
    for word in ("href", "strong", "example"):
        assert results(search(client, word)) == [], word
    assert len(results(search(client, "report"))) == 1


# --- escaping -----------------------------------------------------------------------------------


def test_query_is_escaped_everywhere(client):
    query = '<script>alert("quokka")</script>'
    response = search(client, query)
    assert "<script>alert" not in response.text
    assert_summary(response, f"No results for “{query}”.")
    assert q_value(response) == query


def test_content_is_escaped_in_results(client):
    ArticleFactory(title="Quokka <script>alert(1)</script> & friends", lead="Quokka <img src=x onerror=alert(1)> lead.")
    response = search(client, "quokka")
    text = response.text
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text
    [result] = results(response)
    assert "Quokka <script>alert(1)</script> & friends" in result.text
    assert re.search(r"<mark>quokka</mark>", result.snippet, re.I)


def test_highlighting_never_breaks_escaped_characters(client):
    excerpt = "The quokka marketing team & R&D share amplifiers, \"quoted\" 'too', 5 < 6."
    PressMentionFactory(title="Weekly digest", excerpt=excerpt)
    # "amp", "lt", "gt", "quot" are only in the escaped text ("&amp;", "&lt;"…), never words.
    for query in ("quokka lt", "quokka gt", "quokka x27"):
        assert results(search(client, query)) == [], query
    for query in ("quokka amp", "quokka mark", "quokka quot"):
        [found] = results(search(client, query))
        snippet = found.snippet
        without_marks = re.sub(r"</?mark>", "", snippet)
        assert "<" not in without_marks, (query, snippet)
        assert ">" not in without_marks, (query, snippet)
        assert not re.search(r"&[#a-z0-9]*<mark>", snippet), (query, snippet)
        assert html.unescape(without_marks) == excerpt, (query, snippet)


def test_plain_text_snippets_are_shown_as_written(client):
    """Only rich text is HTML: a plain-text excerpt shows "R&D" and "<lab>" as the editor typed."""
    excerpt = "Quokka R&D at AT&T: <lab> results, 5 < 6."
    PressMentionFactory(title="Weekly digest", excerpt=excerpt)
    [found] = results(search(client, "quokka"))
    assert plain(found.snippet) == excerpt, found.snippet
    assert "<lab>" not in found.snippet


# --- bad input ----------------------------------------------------------------------------------


@pytest.fixture
def quokka():
    return ArticleFactory(title="Quokka report")


def assert_error_without_results(response, pattern: str, junk: str):
    assert_no_results(response)
    shown = message(response, pattern)
    assert junk not in shown
    assert 'class="search-form"' in response.text


def test_query_of_200_characters_is_fine(quokka, client):
    query = "quokka " + "x" * 193
    assert len(query) == 200
    response = search(client, query)
    assert "at most 200" not in response.text
    assert_summary(response, "No results for")
    assert q_value(response) == query


def test_query_longer_than_200_characters_is_refused(quokka, client):
    junk = "quokka " + "<b>" + "x" * 200
    response = search(client, junk)
    assert_error_without_results(response, r"at most 200 characters", junk)
    assert "<b>xxx" not in response.text


@pytest.mark.parametrize("query", ["q", " q ", "ж", "Ё"])
def test_one_letter_is_refused(query, quokka, client):
    response = search(client, query)
    assert_error_without_results(response, r"at least 2 (letters|characters)", f"“{query.strip()}”")


def test_two_letters_are_fine(client):
    ArticleFactory(title="Quokka report")
    response = search(client, "qu")
    assert titles(response) == ["Quokka report"]


@pytest.mark.parametrize("query", ["quokka\x00", "\x00", "quo\x00kka"])
def test_nul_byte_is_refused(query, quokka, client):
    response = search(client, query)
    assert_error_without_results(response, r".", "\x00")
    assert "\x00" not in response.text


@pytest.mark.parametrize("kind", ["bogus", "<script>alert(1)</script>", "x" * 5000, "\x00"])
def test_unknown_type_is_refused(kind, quokka, client):
    response = search(client, "quokka", type=kind)
    assert_error_without_results(response, r"Choose one of the", kind)
    assert "<script>alert" not in response.text
    assert "\x00" not in response.text


def test_junk_never_appears_raw_in_an_error(client):
    for params in ({"q": "<i>" * 100}, {"q": "<i>"}, {"q": "quokka", "type": "<i>x</i>"}):
        response = client.get("/search/", params)
        assert response.status_code == 200
        assert "<i>" not in response.text


TSQUERY_AND_SQL = [
    "quokka & wombat",
    "quokka | wombat",
    "!quokka",
    "quokka:*",
    "quokka:A",
    "(quokka",
    "quokka)",
    "'quokka'",
    '"quokka"',
    "quokka\\",
    "\\",
    "100%",
    "%quokka%",
    "quokka_",
    "&",
    "|",
    "!",
    ":*",
    "()",
    "''",
    '""',
    "%%",
    "__",
    "' OR 1=1 --",
    "'; DROP TABLE news_article; --",
    "quokka <-> wombat",
    "quokka <2> wombat",
    "&& || !!",
    "a & b",
    "ab:*&cd",
    "\\x00",
    "-quokka",
    "*",
]


@pytest.mark.parametrize("query", TSQUERY_AND_SQL)
def test_query_syntax_is_just_words(query, quokka, client):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Traceback" not in response.text
    response = client.get("/search/", {"q": query, "type": "news"})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["%%", "__", "%", "_", "%_%", "*", "&|!"])
def test_wildcards_do_not_find_everything(query, client):
    ArticleFactory(title="Quokka report")
    GalleryFactory(title="Wombat gallery")
    assert_no_results(client.get("/search/", {"q": query}))


def test_quoted_word_still_finds_the_word(client):
    ArticleFactory(title="Quokka report")
    for query in ('"quokka"', "'quokka'", "(quokka)", "quokka!"):
        assert titles(search(client, query)) == ["Quokka report"], query


# --- robots, header, queries --------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": "quokka"}, {"q": "x"}, {"q": "quokka", "type": "bogus"}])
def test_search_pages_are_noindex(params, quokka, client):
    text = client.get("/search/", params).text
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', text)


def test_other_pages_are_not_noindex(quokka, client):
    assert 'name="robots"' not in client.get("/news/").text


def header_pages():
    article = ArticleFactory(title="Quokka report")
    # /search/ itself is left out: its own, larger form is the page's search form.
    return ["/", "/news/", article.get_absolute_url(), "/portfolio/", "/media-center/", "/media-center/press/"]


def test_every_public_page_has_the_header_search_form(client):
    for url in header_pages():
        text = client.get(url).text
        header = re.search(r'<header class="site-header".*?</header>', text, re.S)
        assert header, url
        form = form_html(header.group(0), "site-search")
        [attrs] = start_tags(form, "form")
        assert attrs["role"] == "search", url
        assert attrs["action"] == "/search/", url
        assert attrs.get("method", "get").lower() == "get", url
        [q] = start_tags(form, "input", name="q")
        label = q.get("aria-label") or label_for(form, q["id"])
        assert label == "Search the site", url


def test_header_search_leads_to_results(client):
    ArticleFactory(title="Quokka report")
    text = client.get("/").text
    form = form_html(text, "site-search")
    action = start_tags(form, "form")[0]["action"]
    assert titles(client.get(action, {"q": "quokka"})) == ["Quokka report"]


def make_hits(count: int):
    """``count`` items of every type that match "quokka", some with cover pictures."""
    from tests.factories import PictureFactory

    picture = PictureFactory(size=(320, 200))
    for n in range(count):
        cover = picture if n % 2 else None
        ArticleFactory(title=f"Quokka news {n}", cover=cover)
        EntryFactory(title=f"Quokka project {n}", cover=cover)
        GalleryFactory(title=f"Quokka gallery {n}", cover=cover)
        VideoFactory(title=f"Quokka video {n}", cover=cover)
        PublicationFactory(title=f"Quokka report {n}")
        PressMentionFactory(title=f"Quokka mention {n}")


def count_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize(
    "params", [{"q": "quokka"}, {"q": "quokka", "type": "portfolio"}, {"q": "quokka", "page": "1"}]
)
def test_query_count_is_the_same_with_few_and_many_hits_of_every_type(params, client):
    make_hits(2)
    few = count_queries(client, params)
    make_hits(10)
    many = count_queries(client, params)
    assert len(many) == len(few), many
    assert len(count_queries(client, {**params, "page": "2"})) == len(many)


def test_search_runs_one_query_per_source(client, django_assert_max_num_queries):
    make_hits(3)
    with django_assert_max_num_queries(len(registry.searchable())):  # the tests' own "notices" too
        assert client.get("/search/", {"q": "quokka"}).status_code == 200
