"""Rich text is sanitized before it is stored, whichever way it is saved; good markup survives."""

import pytest

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, article_admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"

# (dangerous input, substrings that must not be stored)
DANGEROUS = [
    pytest.param("<p>Hello</p><script>alert('x')</script>", ["<script", "alert("], id="script"),
    pytest.param(
        "<p>Hi</p><SCRIPT SRC=https://evil.example/x.js></SCRIPT>", ["<script", "evil.example"], id="script-src"
    ),
    pytest.param('<p onclick="steal()">Click</p>', ["onclick", "steal()"], id="onclick"),
    pytest.param('<p><a href="javascript:alert(1)">link</a></p>', ["javascript:"], id="javascript-link"),
    pytest.param('<p><a href="JaVaScRiPt:alert(1)">link</a></p>', ["javascript:"], id="javascript-link-mixed-case"),
    pytest.param('<p><a href=" javascript:alert(1)">link</a></p>', ["javascript:"], id="javascript-link-space"),
    pytest.param('<p><a href="data:text/html,<script>x</script>">x</a></p>', ["data:", "<script"], id="data-link"),
    pytest.param('<iframe src="https://evil.example/"></iframe><p>Text</p>', ["<iframe", "evil.example"], id="iframe"),
    pytest.param('<p style="color:red;background:url(x)">Styled</p>', ["style=", "color:red"], id="style-attribute"),
    pytest.param("<style>body{display:none}</style><p>Text</p>", ["<style", "display:none"], id="style-element"),
    pytest.param('<img src="x" onerror="alert(1)">', ["onerror", "<img"], id="img-onerror"),
    pytest.param('<svg onload="alert(1)"><circle/></svg>', ["<svg", "onload"], id="svg-onload"),
    pytest.param('<form action="https://evil.example/"><input name="q"></form>', ["<form", "<input"], id="form"),
    pytest.param('<object data="x.swf"></object><embed src="x.swf">', ["<object", "<embed"], id="object-embed"),
    pytest.param('<p><a href="https://example.org" target="_blank">x</a></p>', ["target="], id="target-attribute"),
    pytest.param('<p class="evil" id="main">x</p>', ["class=", "id="], id="class-and-id"),
]

ALLOWED = [
    pytest.param("<h2>Findings</h2>", id="h2"),
    pytest.param("<h3>Details</h3>", id="h3"),
    pytest.param("<p><strong>Bold</strong> and <em>italic</em></p>", id="strong-em"),
    pytest.param("<ul><li><p>One</p></li><li><p>Two</p></li></ul>", id="ul-li"),
    pytest.param("<ol><li><p>First</p></li></ol>", id="ol-li"),
    pytest.param("<blockquote><p>“A milestone,” said the governor.</p></blockquote>", id="blockquote"),
    pytest.param('<p><a href="https://example.org/report.pdf">the report</a></p>', id="https-link"),
    pytest.param('<p><a href="mailto:press@example.org">press office</a></p>', id="mailto-link"),
    pytest.param(
        "<table><tbody><tr><th>Year</th><th>Output</th></tr><tr><td>2023</td><td>12 t</td></tr></tbody></table>",
        id="table",
    ),
    pytest.param("<p>H<sub>2</sub>O and m<sup>2</sup></p>", id="sub-sup"),
    pytest.param("<p>Line<br>break</p><hr>", id="br-hr"),
]


def stored_body(article_id) -> str:
    return Article.objects.values_list("body", flat=True).get(pk=article_id)


def assert_clean(body: str, forbidden: list[str]):
    lowered = body.lower()
    for bad in forbidden:
        assert bad.lower() not in lowered, f"{bad!r} survived in {body!r}"


# --- saved from code -----------------------------------------------------------------------------


@pytest.mark.parametrize(("dirty", "forbidden"), DANGEROUS)
def test_model_save_stores_sanitized_html(dirty, forbidden):
    article = ArticleFactory(body=dirty)
    assert_clean(stored_body(article.pk), forbidden)
    # The instance in hand holds what was stored, too.
    assert_clean(article.body, forbidden)


@pytest.mark.parametrize(("dirty", "forbidden"), DANGEROUS)
def test_resaving_an_existing_article_sanitizes_the_new_body(dirty, forbidden):
    article = ArticleFactory()
    article.body = dirty
    article.save()
    assert_clean(stored_body(article.pk), forbidden)


def test_sanitizing_keeps_the_text():
    article = ArticleFactory(body='<p onclick="x()">Keep <span style="color:red">this</span> text</p>')
    assert "Keep" in stored_body(article.pk)
    assert "this" in stored_body(article.pk)
    assert "text" in stored_body(article.pk)


@pytest.mark.parametrize("markup", ALLOWED)
def test_allowed_markup_survives_model_save(markup):
    article = ArticleFactory(body=markup)
    assert stored_body(article.pk) == markup


# --- saved through the admin -------------------------------------------------------------------


@pytest.mark.parametrize(("dirty", "forbidden"), DANGEROUS)
def test_admin_form_stores_sanitized_html(dirty, forbidden, editor_client):
    category = CategoryFactory()
    response = editor_client.post(ADD_URL, article_admin_form_data(category, title="Dirty body", body=dirty))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert_clean(Article.objects.get(title="Dirty body").body, forbidden)


@pytest.mark.parametrize("markup", ALLOWED)
def test_allowed_markup_survives_the_admin_form(markup, editor_client):
    category = CategoryFactory()
    response = editor_client.post(ADD_URL, article_admin_form_data(category, title="Good body", body=markup))
    assert response.status_code == 302
    assert Article.objects.get(title="Good body").body == markup


def test_admin_edit_sanitizes_too(editor_client):
    article = ArticleFactory(draft=True)
    data = article_admin_form_data(
        article.category, title=article.title, slug=article.slug, body='<p onclick="x()">Edited</p><script>1</script>'
    )
    response = editor_client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 302
    assert stored_body(article.pk) == "<p>Edited</p>"


# --- what the reader gets --------------------------------------------------------------------


def test_article_page_never_renders_unsanitized_markup(client):
    article = ArticleFactory(
        body='<p onclick="steal()">Body text</p><script>alert(1)</script><a href="javascript:alert(2)">x</a>'
    )
    for url in (article.get_absolute_url(), article.get_print_url()):
        text = client.get(url).text
        assert "Body text" in text
        assert "onclick" not in text
        assert "alert(" not in text
        assert "javascript:" not in text
