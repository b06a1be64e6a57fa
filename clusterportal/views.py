"""
Generic list / detail / print views shared by every content section, and the site-wide pages.

A section's views are a few lines each::

    class ArticleList(PublishedListView):
        model = Article

    class ArticleDetail(PublishedDetailView):
        model = Article

    class ArticlePrint(PrintMixin, ArticleDetail):
        pass

Everything else about the section (its filter, page size, related rows, navigation) comes
from the model's one declaration in clusterportal.registry.

Return navigation (docs/design.md): list pages link to items as ``<item>?from=<list query>``;
item pages carry ``from`` along to the print view and prev/next links; "Return" is the
section's list path, fixed by the server, plus that query string *after* it has been checked
against the section's filter form. No path or host ever comes from the client.
"""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import InvalidPage, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from clusterportal import faults, languages, registry
from clusterportal.pagination import Cursor, ListPaginator, bar_of, newer_than, older_than
from clusterportal.registry import ContentType
from clusterportal.search import MAX_HITS_PER_TYPE, search
from clusterportal.search.forms import SearchForm
from clusterportal.sitemaps import sitemaps

#: The longest ``from`` value worth parsing; a list's query string is a few dozen characters.
MAX_FROM_LENGTH = 500
MAX_PAGE_DIGITS = 6


def parse_page(value: str) -> int | None:
    """A list's page number from a query string: 1 when absent, None when it is not one."""
    if not value:
        return 1
    if value.isascii() and value.isdigit() and len(value) <= MAX_PAGE_DIGITS and int(value) >= 1:
        return int(value)
    return None


def parse_key(query: QueryDict) -> tuple[Cursor | None, Cursor | None] | None:
    """A list page's key (``after`` or ``before``, clusterportal.pagination) from a query string:
    (after, before), at most one of them set; None when a key is given but is not one."""
    keys = []
    for name in ("after", "before"):
        raw = query.get(name)
        cursor = Cursor.decode(raw) if raw is not None else None
        if raw is not None and cursor is None:
            return None
        keys.append(cursor)
    if all(keys):
        return None
    return keys[0], keys[1]


def paginate(object_list, number: int, per_page: int) -> dict:
    """The context of one page of a list that is no ListView (a stream, search results):
    ``page_obj``, ``paginator``, ``is_paginated``, ``page_range``, the bar's links. Out of range: 404."""
    paginator = Paginator(object_list, per_page)
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise Http404("No such page.") from None
    return {
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
        "page_range": elided_page_range(page),
        **bar_of(page),
    }


def elided_page_range(page):
    """The page numbers a pagination bar shows, with "…" for the gaps: 1 … 4 5 [6] 7 8 … 20."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


class SectionMixin:
    """What every view of a content section shares, read from the model's registry entry
    (clusterportal.registry): its filter, page size, related rows, list, and navigation."""

    model = None

    @cached_property
    def declaration(self) -> ContentType:
        # Not "content_type": TemplateResponseMixin.content_type is the response's Content-Type.
        content_type = registry.for_model(self.model)
        if content_type is None:
            raise ImproperlyConfigured(f"{self.model.__name__} is not registered in clusterportal.registry.")
        return content_type

    def get_filterset_class(self):
        return self.declaration.filter

    def get_paginate_by(self, queryset) -> int:
        return self.declaration.per_page

    def get_list_url(self) -> str:
        return self.declaration.list_url

    def get_list_queryset(self):
        """What the section's list shows; prev/next and Return count within the same set."""
        return self.declaration.published()

    @staticmethod
    def encode_list_query(filterset, page: int, key: dict | None = None) -> str:
        """The query string of a list page, from a filter that has validated: filters, then page
        (and the page's key past the counted pages: ``after`` or ``before``)."""
        kept = [(name, filterset.data.get(name)) for name in filterset.form.fields if filterset.data.get(name)]
        if page > 1:
            kept.append(("page", str(page)))
            kept.extend((key or {}).items())
        return urlencode(kept)

    def list_in_languages(self, filterset) -> list[languages.Link]:
        """The section's list in every language, with the visitor's filters if they are valid
        (not the page: another language's list has other pages)."""
        query = self.encode_list_query(filterset, 1) if filterset is not None and filterset.is_valid() else ""
        return [
            languages.Link(
                code, languages.in_language(f"{self.declaration.key}:list", code) + (f"?{query}" if query else "")
            )
            for code in languages.codes()
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.declaration.section  # the header's current section
        context["media_nav"] = self.declaration.key  # the media center bar's current page
        context["list_url"] = self.get_list_url()
        return context


class PublishedListView(SectionMixin, FilterView):
    """A filtered, paginated list of published items, newest first (``<app>/<model>_list.html``).

    Invalid filter values: 200, the form shows the error, the list is empty (django-filter's
    strict mode). A page number that is not a number or out of range: 404 (Django's paginator).
    """

    strict = True
    template_name_suffix = "_list"  # FilterView's own default is "_filter"

    def get_queryset(self):
        return self.get_list_queryset()

    def paginate_queryset(self, queryset, page_size):
        # Django's own takes whatever int() reads ("٣", "+3", " 3", "3_0"): ASCII digits only here,
        # and Django's "last". Its paginator counts and offsets the whole list: ours stays bounded
        # (clusterportal.pagination).
        raw = self.request.GET.get(self.page_kwarg, "")
        number = "last" if raw == "last" else parse_page(raw)
        key = parse_key(self.request.GET)
        if number is None or key is None:
            raise Http404("Not a page number.")
        paginator = ListPaginator(queryset, page_size)
        after, before = key
        page = paginator.page(number, after=after, before=before)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        # Item links carry this list's own (already validated) query, for their Return link.
        valid = self.filterset.is_valid()
        context["from_query"] = (
            self.encode_list_query(self.filterset, page.number if page else 1, page.key if page else None)
            if valid
            else ""
        )
        if context.get("is_paginated"):
            context.update(bar_of(page))
        context["is_filtered"] = any(self.request.GET.get(name) for name in self.filterset.form.fields)
        context["form"] = self.filterset.form  # what includes/filter_form.html renders
        context["language_links"] = context["alternates"] = self.list_in_languages(self.filterset)
        return context


class PublishedDetailView(SectionMixin, DetailView):
    """One item (``<app>/<model>_detail.html``): published ones for everybody, drafts and
    scheduled ones for staff who may view or change the type (preview: ``visible_to``)."""

    with_neighbours = True

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related(*self.declaration.related)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.language != languages.current():
            # An item lives at its own language's address: /ru/news/<slug>/ for a Russian one.
            url = languages.translated_path(request.path, self.object.language)
            if url is None:
                raise Http404("No such page in this language.")
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(url + (f"?{query}" if query else ""))
        return self.render_to_response(self.get_context_data(object=self.object))

    def item_url(self, item) -> str:
        """The address of this view's page of ``item`` (its page, its print view…), in its language."""
        return item.get_absolute_url()

    def get_return_state(self):
        """The list the visitor came from, as (validated filterset or None, its query string).

        ``from`` is checked like the list checks its own query: known filters that validate and
        a page number. Anything else yields (None, ""): Return then goes to the plain list.
        """
        raw = self.request.GET.get("from", "")
        if not raw or len(raw) > MAX_FROM_LENGTH or "\x00" in raw:
            return None, ""
        query = QueryDict(raw)
        page = parse_page(query.get("page", ""))
        key = parse_key(query)
        if page is None or key is None:
            return None, ""
        filterset = self.get_filterset_class()(data=query, queryset=self.get_list_queryset())
        if not filterset.is_valid():
            return None, ""
        # The page is not checked against the list's length (that would cost a COUNT on every
        # item page): a page that no longer exists is the list's own 404.
        after, before = key
        kept = {"after": after.encode()} if after else {"before": before.encode()} if before else {}
        return filterset, self.encode_list_query(filterset, page, kept)

    def get_neighbours(self, obj, filterset):
        """Newer and older items within the visitor's current filter: two queries, each an index
        scan that starts at the item (a row-value comparison on the list's order, not an OR)."""
        if not obj.is_published:
            return None, None
        queryset = (filterset.qs if filterset is not None else self.get_list_queryset()).select_related(None)
        queryset = queryset.only("title", "slug", "language", "published_at")
        here = Cursor.of(obj)
        older = older_than(queryset, here).order_by("-published_at", "-pk")
        newer = newer_than(queryset, here).order_by("published_at", "pk")
        return newer.first(), older.first()

    def get_language_links(self, obj, filterset):
        """The switch and ``hreflang``: the item's published translations (one query) and,
        where it has none in a language, that language's list with the visitor's filters."""
        translations = {obj.language: obj}
        if obj.is_published:
            translations.update((item.language, item) for item in obj.translations().only("slug", "language"))
        lists = {link.language: link.url for link in self.list_in_languages(filterset)}
        switch = [
            languages.Link(code, self.item_url(translations[code]) if code in translations else lists[code])
            for code in languages.codes()
        ]
        alternates = [languages.Link(code, item.get_absolute_url()) for code, item in translations.items()]
        return switch, alternates if len(alternates) > 1 else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        filterset, from_query = self.get_return_state()
        context["from_query"] = from_query
        context["return_url"] = self.get_list_url() + (f"?{from_query}" if from_query else "")
        context["canonical_url"] = self.request.build_absolute_uri(obj.get_absolute_url())
        context["is_preview"] = not obj.is_published
        if context["is_preview"]:
            opts = obj._meta
            context["admin_change_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        if self.with_neighbours:
            context["newer"], context["older"] = self.get_neighbours(obj, filterset)
        context["language_links"], context["alternates"] = self.get_language_links(obj, filterset)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # A staff preview must never be stored by a browser or a shared cache.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


class PrintMixin:
    """Makes a detail view its print-friendly page: the same item, a bare template
    (``<app>/<model>_print.html``), nothing else: ``class ArticlePrint(PrintMixin, ArticleDetail)``."""

    template_name_suffix = "_print"
    with_neighbours = False

    def item_url(self, item) -> str:
        return item.get_print_url()


class HomeView(TemplateView):
    """``/``: each header section's home block, in the sections' order (clusterportal.registry)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home_blocks"] = [
            (section, section.home_items()) for section in registry.sections() if section.home_template
        ]
        return context


class SearchView(TemplateView):
    """``/search/?q=…&type=…&page=…``: every published item that matches, best first.

    Bad input is told at its field (too long, too short, a NUL byte, an unknown type) with no
    results; a page number that is not one, or is out of range: 404, as in every list.
    """

    template_name = "search.html"
    per_page = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(form=form, section="search")
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        number = parse_page(self.request.GET.get("page", ""))
        if number is None:
            raise Http404("Not a page number.")
        query, kind = form.cleaned_data["q"], form.cleaned_data["type"]  # CharField strips
        results = search(query, kind)
        context.update(paginate(results.hits, number, self.per_page))
        context.update(
            query=query,
            kind=kind,
            kind_label=dict(form.fields["type"].choices).get(kind, "") if kind else "",
            max_hits=MAX_HITS_PER_TYPE,
            results=results,
        )
        return context


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 200 ``ok`` when the database (``SELECT 1``) and the cache (a ping)
    answer; else 503 and one line per dependency, ``database: down``. No templates, no session."""
    down = faults.down_dependencies()
    if not down:
        return HttpResponse("ok\n", content_type="text/plain")
    body = "".join(f"{name}: {'down' if name in down else 'ok'}\n" for name in ("database", "cache"))
    response = HttpResponse(body, content_type="text/plain", status=503)
    response["Retry-After"] = str(faults.RETRY_AFTER_SECONDS)
    return response


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``: Django's sitemap index of what the registry holds (clusterportal.sitemaps),
    one ``<sitemap>`` per page of each section that has something to list."""
    found = {section: site for section, site in sitemaps().items() if site.paginator.num_pages}
    return sitemap_views.index(request, sitemaps=found, sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """``/sitemap-<section>.xml?p=<n>``: one page of a section. An unknown section, or a page that
    is not ASCII digits or not in the index: 404."""
    if parse_page(request.GET.get("p", "1")) is None:
        raise Http404("No such sitemap page")
    return sitemap_views.sitemap(request, sitemaps=sitemaps(), section=section)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/print/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Branded 404 that says nothing about why (no resolver details, no exception text). Its
    language switch leads to the other language's home page."""
    links = [languages.Link(code, languages.in_language("home", code)) for code in languages.codes()]
    return render(request, "404.html", {"language_links": links, "alternates": []}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context and no context processors: the database may be what failed.
    home = languages.in_language("home", languages.current())
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "home_url": home,
        # The page says someone has been told only if someone is: error mail goes to ADMINS.
        "someone_is_told": bool(settings.ADMINS),
    }
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
