"""Filter building blocks shared by every section's list (django-filter).

Each accepts only well-formed values and turns anything else into a form error the visitor
can read, never a database error: slugs are checked for shape before they reach a query,
years and months are chosen from fixed lists.
"""

import functools

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models.functions import ExtractYear
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField


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


def years_with_items(filterset_queryset, field_name: str):
    """Choices for a year filter: the years that have items, newest first."""

    def choices():
        years = (
            filterset_queryset()
            .annotate(_year=ExtractYear(field_name))
            .order_by("-_year")
            .values_list("_year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years if year]

    return choices


class ChoicesAskedOnceField(ChoiceField):
    """A filter's choice field whose ``choices`` may be a callable, asked once when the field is made.

    django-filter makes a filter's field once per FilterSet, so once per request; Django's own
    callable choices would be asked again each time they are iterated (validating, then
    rendering the form), one query each.
    """

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, choices=choices() if callable(choices) else choices, **kwargs)


class DataChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose choices come from the database (``choices=`` a callable), one query a request."""

    field_class = ChoicesAskedOnceField


class YearFilter(DataChoiceFilter):
    """``?year=2024`` on a date field; offered years are those that have items."""

    def __init__(self, *args, queryset, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("empty_label", _("All years"))
        super().__init__(*args, choices=years_with_items(queryset, kwargs.get("field_name")), **kwargs)


#: Month names from Django's own catalogues (translated lazily, in the page's language).
MONTH_CHOICES = [(str(number), MONTHS[number]) for number in range(1, 13)]


class MonthFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "month")
        kwargs.setdefault("label", _("Month"))
        kwargs.setdefault("empty_label", _("All months"))
        kwargs["choices"] = MONTH_CHOICES
        super().__init__(*args, **kwargs)


@functools.cache
def year_filterset(model) -> type[django_filters.FilterSet]:
    """The filter of a list that has no other: ``?year=`` of publication, among the years that have
    published items. What a ``ContentType`` without a ``filterset`` of its own gets."""
    meta = type("Meta", (), {"model": model, "fields": ["year"], "form": FilterForm})
    year = YearFilter(field_name="published_at", queryset=lambda: model.objects.published())
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), {"year": year, "Meta": meta})
