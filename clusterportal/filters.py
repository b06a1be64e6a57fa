"""Filter building blocks shared by every section's list (django-filter).

Each accepts only well-formed values and turns anything else into a form error the visitor
can read, never a database error: slugs are checked for shape before they reach a query,
years and months are chosen from fixed lists.

Their cost does not grow with the content: a year filter asks which years have items with index
probes (one EXISTS per year, in one query), never a scan of every item's year, and filters by a
range of publication times that an index reads.
"""

import datetime
import functools

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import Exists, Min
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from clusterportal import pagecache


class FilterForm(forms.Form):
    """The form behind every section's filter.

    Errors are tied to their fields for screen readers, and never repeat the visitor's value
    (Django's default "… is not one of the available choices" would echo NUL bytes or 10 kB
    of junk into the page).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            message = field.error_messages.get("invalid_choice", "")
            if "%(value)s" in str(message) or isinstance(field, forms.ModelChoiceField):
                label = str(field.label).lower()
                # Translators: %(field)s is the field's label in lower case, e.g. "category".
                message = gettext("Choose one of the %(field)s options in the list.") % {"field": label}
                field.error_messages["invalid_choice"] = message

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"


class SlugModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        # Garbage (markup, NUL bytes, 10 kB strings) never reaches the database.
        if len(value) > 200:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        try:
            validate_slug(value)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        return super().to_python(value)


class CategoryFilter(django_filters.ModelChoiceFilter):
    """``?category=<slug>``: readable URLs, and a clear error for an unknown slug."""

    field_class = SlugModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("All categories"))
        kwargs.setdefault("label", _("Category"))
        super().__init__(*args, **kwargs)


#: The years a year filter probes in its one query, back from this year; an archive older than
#: that costs one query more (its first item's year, then those years' probes).
YEAR_WINDOW = 30
#: The most years a year filter offers: bounds the probes whatever the oldest item's date.
MAX_YEARS = 100


def year_start(year: int) -> datetime.datetime:
    """1 January of ``year``, 00:00 in the site's time zone (Moscow)."""
    return datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def in_year(field_name: str, year: int) -> dict:
    """Filter arguments for ``field_name`` falling in ``year`` (site time): a range an index reads."""
    return {f"{field_name}__gte": year_start(year), f"{field_name}__lt": year_start(year + 1)}


def years_with_items(filterset_queryset, field_name: str):
    """Choices for a year filter: the years that have items (published ones: none is in the
    future), newest first.

    One query whatever the number of items: a row of ``EXISTS`` probes, one per year of the last
    ``YEAR_WINDOW`` (each an index range probe that stops at its first row) and one for anything
    older; only then a second, for the years before (from the first item's year, an index probe
    too). Exact, so no empty year is offered, and never stale, so there is nothing to invalidate.
    (``SELECT DISTINCT EXTRACT(YEAR …)`` read every row.)
    """

    def probe(queryset, years, older_than: int | None = None) -> dict:
        probes = {f"y{year}": Exists(queryset.filter(**in_year(field_name, year))) for year in years}
        if older_than is not None:
            probes["older"] = Exists(queryset.filter(**{f"{field_name}__lt": year_start(older_than)}))
        # One row (any item's) carrying the probes: uncorrelated, each is evaluated once.
        return next(iter(queryset.annotate(**probes).values(*probes)[:1]), {})

    def choices():
        queryset = filterset_queryset().order_by()
        # Kept until the content changes (clusterportal.pagecache.remembered): building the
        # probes costs the ORM ~10 ms a list page, far more than the database spends on them.
        # The lists' year querysets are their model's published items in the page's language.
        name = f"years:{queryset.model._meta.label}:{field_name}:{translation.get_language()}"
        return pagecache.remembered(name, lambda: probed(queryset))

    def probed(queryset):
        newest = timezone.localdate().year
        years = list(range(newest, newest - YEAR_WINDOW, -1))
        found = probe(queryset, years, older_than=years[-1])
        if found.pop("older", False):
            first = queryset.aggregate(first=Min(field_name))["first"]
            oldest = max(timezone.localtime(first).year, newest - MAX_YEARS + 1)
            years += range(years[-1] - 1, oldest - 1, -1)
            found |= probe(queryset, years[YEAR_WINDOW:])
        return [(str(year), str(year)) for year in years if found.get(f"y{year}")]

    return choices


class AskedOnce:
    """A zero-argument callable that asks ``function`` the first time only; copies share it
    (forms deep-copy their fields)."""

    def __init__(self, function):
        self.function = function
        self.answer = None

    def __call__(self):
        if self.answer is None:
            self.answer = list(self.function())
        return self.answer

    def __deepcopy__(self, memo):
        return self


class ChoicesAskedOnceField(ChoiceField):
    """A filter's choice field whose ``choices`` may be a callable, asked once, when first needed.

    django-filter makes a filter's field once per FilterSet, so once per request; Django's own
    callable choices would be asked again each time they are iterated (validating, then
    rendering the form), one query each. Asked only when needed: an item page checking a
    Return address without a year never asks which years have items.
    """

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, choices=AskedOnce(choices) if callable(choices) else choices, **kwargs)


class DataChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose choices come from the database (``choices=`` a callable), one query a request."""

    field_class = ChoicesAskedOnceField


class YearFilter(DataChoiceFilter):
    """``?year=2024`` on a date field; offered years are those that have items. Filters by the
    range 1 January (site time) to the next 1 January, which the list's index reads."""

    def __init__(self, *args, queryset, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("empty_label", _("All years"))
        super().__init__(*args, choices=years_with_items(queryset, kwargs.get("field_name")), **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return qs.filter(**in_year(self.field_name, int(value)))  # one of the offered years


#: Month names from Django's own catalogues (translated lazily, in the page's language).
MONTH_CHOICES = [(str(number), MONTHS[number]) for number in range(1, 13)]


class MonthFilter(django_filters.ChoiceFilter):
    """``?month=3``: with a year (the filterset's ``year``), the range of that month, which an
    index reads; alone (March of every year), the month of each item's time (site time)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "month")
        kwargs.setdefault("label", _("Month"))
        kwargs.setdefault("empty_label", _("All months"))
        kwargs["choices"] = MONTH_CHOICES
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        year = self.parent.form.cleaned_data.get("year") if self.parent is not None else None
        if not (isinstance(year, str) and year.isdigit()):
            return super().filter(qs, value)
        zone, month = timezone.get_current_timezone(), int(value)
        start = datetime.datetime(int(year), month, 1, tzinfo=zone)
        end = datetime.datetime(int(year) + month // 12, month % 12 + 1, 1, tzinfo=zone)
        return qs.filter(**{f"{self.field_name}__gte": start, f"{self.field_name}__lt": end})


@functools.cache
def year_filterset(model) -> type[django_filters.FilterSet]:
    """The filter of a list that has no other: ``?year=`` of publication, among the years that have
    published items in the page's language. What a ``ContentType`` without a ``filterset`` of its own gets."""
    meta = type("Meta", (), {"model": model, "fields": ["year"], "form": FilterForm})
    year = YearFilter(field_name="published_at", queryset=lambda: model.objects.published().in_language())
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), {"year": year, "Meta": meta})
