import django_filters
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterportal.filters import CategoryFilter, DataChoiceFilter, FilterForm
from portfolio.models import Category, Entry, ProjectStatus


class RunningInYearFilter(DataChoiceFilter):
    """``?year=2024``: projects running at some time in that year (started by then, not completed before).

    Offered years run from the earliest start among published projects to the current year,
    newest first; anything else is a form error.
    """

    def __init__(self, *args, queryset, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("empty_label", _("All years"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose one of the years in the list.")})
        self._queryset = queryset
        super().__init__(*args, choices=self.year_choices, **kwargs)

    def year_choices(self) -> list[tuple[str, str]]:
        earliest = self._queryset().aggregate(earliest=Min("year_started"))["earliest"]
        if earliest is None:
            return []
        return [(str(year), str(year)) for year in range(timezone.localdate().year, earliest - 1, -1)]

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        year = int(value)  # one of the offered choices: the form has validated it
        return qs.filter(Q(year_started__lte=year), Q(year_completed__isnull=True) | Q(year_completed__gte=year))


class EntryFilter(django_filters.FilterSet):
    category = CategoryFilter(queryset=Category.objects.all())
    status = django_filters.ChoiceFilter(
        field_name="project_status",
        choices=ProjectStatus.choices,
        label=pgettext_lazy("a project's status", "Status"),
        empty_label=_("All statuses"),
        # Django's default message repeats the value: NUL bytes and 10 kB strings into the page.
        error_messages={"invalid_choice": _("Choose one of the statuses in the list.")},
    )
    year = RunningInYearFilter(queryset=lambda: Entry.objects.published())

    class Meta:
        model = Entry
        fields = ["category", "status", "year"]
        form = FilterForm
