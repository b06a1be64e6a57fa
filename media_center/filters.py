import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterportal.filters import FilterForm, YearFilter
from media_center.models import Publication, PublicationType


class PublicationFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        field_name="publication_type",
        choices=PublicationType.choices,
        label=pgettext_lazy("kind of item", "Type"),
        empty_label=_("All types"),
        # Django's default message repeats the value: NUL bytes and 10 kB strings into the page.
        error_messages={"invalid_choice": _("Choose one of the types in the list.")},
    )
    year = YearFilter(field_name="published_at", queryset=lambda: Publication.objects.published().in_language())

    class Meta:
        model = Publication
        fields = ["type", "year"]
        form = FilterForm
