"""Base admin for every publishable content type: status column, preview, publish actions.

The picture library's admin is in ``clusterportal.pictures.admin``; it is registered here.
"""

from functools import cached_property, partial, reduce
from operator import and_, or_

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.db.models import Max, Min, Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy
from js_asset import Media

from clusterportal import languages, pagecache, registry
from clusterportal.faults import StorageFaultsAdminMixin
from clusterportal.models import PublicationState, Status
from clusterportal.pagination import count_up_to
from clusterportal.pictures import cards
from clusterportal.pictures.admin import PictureAdmin, without_fields
from clusterportal.pictures.models import Picture
from clusterportal.richtext import RichTextField
from clusterportal.search.words import prefix, query_words
from clusterportal.translation_admin import TranslationAdminMixin

admin.site.register(Picture, PictureAdmin)


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date + time inputs, each with a name for screen readers (axe: "label")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = pgettext_lazy("the date half of a date and time input", "Date")
        self.widgets[1].attrs["aria-label"] = pgettext_lazy("the time half of a date and time input", "Time")


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs have names for screen readers (axe: "label").

    A table's column headers are not labels; each input is named after its column.
    """

    formset = LabelledInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield


class OrderedTabularInline(LabelledTabularInline):
    """A tabular inline whose rows editors reorder by dragging, or with "Move up" / "Move down".

    The ``ordering_field`` column stays visible and editable; inline-order.js renumbers it
    (10, 20, 30 …) in the rows' order after each move. It finds the column by the
    ``data-inline-order`` attribute set here, so only inlines that opt in are touched.
    """

    ordering_field = "position"

    class Media:
        css = {"all": ["css/inline-order.css"]}
        js = ["js/inline-order.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name == self.ordering_field:
            formfield.widget.attrs["data-inline-order"] = ""
        return formfield


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        match self.value():
            case PublicationState.PUBLISHED:
                return queryset.published()
            case PublicationState.SCHEDULED:
                return queryset.scheduled()
            case PublicationState.DRAFT:
                return queryset.drafts()
        return queryset


class PublicationYearFilter(admin.SimpleListFilter):
    """The years (Moscow time) from the first publication time to the last: two index lookups,
    where Django's ``date_hierarchy`` reads every row for the years that have items."""

    title = _("publication year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = model_admin.model._default_manager.aggregate(first=Min("published_at"), last=Max("published_at"))
        if bounds["first"] is None:
            return []
        first, last = (timezone.localtime(bounds[key]).year for key in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        value = self.value()
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 9998):
            raise IncorrectLookupParameters(value)  # the admin's own answer: the list, with "?e=1"
        return queryset.filter(published_at__year=int(value))


class CappedCountPaginator(Paginator):
    """The change list's paginator: counts at most ``CAP`` items (the first ``CAP + 1`` rows found,
    in no order), so that a list of a million items does not count them all on every view. Past
    the cap the list says "more than …" (templates/admin/pagination.html) and pages go up to it;
    filters and the search narrow a list to what can be counted."""

    CAP = 10_000

    @cached_property
    def _found(self) -> int:
        return count_up_to(self.object_list, self.CAP + 1)

    @property
    def count(self) -> int:
        return min(self._found, self.CAP)

    @property
    def capped(self) -> bool:
        """Whether there are more than ``count`` items."""
        return self._found > self.CAP


def any_language_query(words: list[str]) -> SearchQuery:
    """Every word, in any language's stemmed form or as a typed beginning: the admin lists the
    items of every language at once (the site's search, clusterportal.search.postgresql, asks in
    the page's language only)."""
    configs = dict.fromkeys(languages.SEARCH_CONFIGS.values())
    return reduce(
        and_,
        (
            reduce(
                or_,
                [SearchQuery(f"{prefix(word)}:*", search_type="raw", config=config) for config in configs]
                + [SearchQuery(f"{word}:*", search_type="raw", config="simple")],
            )
            for word in words
        ),
    )


class PublishableAdmin(StorageFaultsAdminMixin, TranslationAdminMixin, admin.ModelAdmin):
    """The publishing workflow of every content type, added to what a subclass declares.

    A subclass declares only what is its own: ``list_display``, ``list_filter``, ``fieldsets``
    and ``readonly_fields``. This class adds after them the status, time and page columns, the
    status filter (first), the "Publishing" fieldset (last) and the timestamps, as pythondotorg's
    ``ContentManageableAdmin`` does. With a cover, ``class XAdmin(PublishableAdmin, WithCoverAdmin)``.
    A save whose files cannot be stored changes nothing and says so (``StorageFaultsAdminMixin``).
    """

    list_display = ("title",)
    search_fields = ("title",)
    # At size (a million items): no date_hierarchy (its years are a DISTINCT over every row; the
    # year filter's are two index lookups), no count of the whole table beside the filtered one,
    # a count that stops at CappedCountPaginator.CAP, and the search through the stored vectors.
    show_full_result_count = False
    paginator = CappedCountPaginator
    prepopulated_fields = {"slug": ("title",)}
    actions = ("publish", "unpublish")
    list_per_page = 50
    save_on_top = True
    # Editors paste addresses without a scheme; assume the one the web uses today.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js"]

    publishing_columns = ("state_badge", "published_at_display", "preview_link")
    publishing_fields = ("status", "published_at", "seo_description", ("created_at", "updated_at"))
    publishing_description = _(
        "Times are Moscow time (Europe/Moscow). A published item with a future time is scheduled "
        "and goes public by itself then."
    )

    def get_list_display(self, request):
        return (*super().get_list_display(request), *self.publishing_columns)

    def get_list_filter(self, request):
        return (PublicationStateFilter, PublicationYearFilter, *super().get_list_filter(request))

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, the words through the stored search vector (clusterportal.search):
        an index, and word forms ("сертификата" finds "сертификат"), where ``icontains`` reads
        every row. On SQLite, and for a term without a word to search, Django's ``icontains``."""
        words = query_words(search_term)
        content_type = registry.for_model(self.model)
        if connection.vendor != "postgresql" or not words or content_type is None or not content_type.search_fields:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(search_vector=any_language_query(words)), False

    def get_fieldsets(self, request, obj=None):
        own = without_fields(
            super().get_fieldsets(request, obj), (*flatten(self.publishing_fields), *self.language_fields)
        )
        return [
            *own,
            self.language_fieldset(),
            (_("Publishing"), {"fields": self.publishing_fields, "description": self.publishing_description}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "created_at", "updated_at")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, RichTextField) and formfield is not None:
            # Where admin.js finds the picture library for "Insert a picture".
            formfield.widget.attrs.update(
                {
                    "data-picture-lookup": reverse("admin:clusterportal_picture_changelist"),
                    "data-picture-add": reverse("admin:clusterportal_picture_add"),
                    "data-picture-embed": reverse("admin:clusterportal_picture_embed", args=[0]),
                }
            )
        return formfield

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor needs an inline <script type="importmap">. It gets this
        # request's CSP nonce, so the policy stays "no inline script" everywhere else.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("status"), ordering="status")
    def state_badge(self, obj):
        state = obj.publication_state
        label = PublicationState(state).label
        return format_html('<span class="state state-{}">{}</span>', state, label)

    @admin.display(description=_("publication time (Moscow)"), ordering="published_at")
    def published_at_display(self, obj):
        if obj.published_at is None:
            return "—"
        return timezone.localtime(obj.published_at).strftime("%d.%m.%Y %H:%M")

    @admin.display(description=pgettext_lazy("admin column: a link to the item's page", "page"))
    def preview_link(self, obj):
        if obj.is_published:
            label = pgettext("admin link to a published page", "View")
        else:
            label = pgettext("admin link to an unpublished page", "Preview")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description=_("Publish selected (now, or at their scheduled time)"))
    def publish(self, request, queryset):
        now = timezone.now()
        chosen = list(queryset.values_list("pk", flat=True))
        undated = queryset.filter(published_at__isnull=True).update(
            status=Status.PUBLISHED, published_at=now, updated_at=now
        )
        dated = queryset.filter(~Q(status=Status.PUBLISHED), published_at__isnull=False).update(
            status=Status.PUBLISHED, updated_at=now
        )
        count = undated + dated
        # update() bypasses save(): what save() does for social cards, done here (cards.py),
        # and for cached pages (pagecache.py).
        transaction.on_commit(partial(cards.refresh_social_cards, queryset.model, chosen), robust=True)
        pagecache.content_changed(queryset.model)
        message = ngettext("Published %(count)d item.", "Published %(count)d items.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Unpublish selected (back to draft)"))
    def unpublish(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True))
        count = queryset.exclude(status=Status.DRAFT).update(status=Status.DRAFT, updated_at=timezone.now())
        transaction.on_commit(partial(cards.refresh_social_cards, queryset.model, chosen), robust=True)
        pagecache.content_changed(queryset.model)
        message = ngettext("Unpublished %(count)d item.", "Unpublished %(count)d items.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


class SectionCategoryAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ru", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name_en",)}
    search_fields = ("name_en", "name_ru")
