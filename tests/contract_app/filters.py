import django_filters

from clusterportal.filters import FilterForm, YearFilter
from tests.contract_app.models import Notice


class NoticeFilter(django_filters.FilterSet):
    year = YearFilter(field_name="published_at", queryset=lambda: Notice.objects.published())

    class Meta:
        model = Notice
        fields = ["year"]
        form = FilterForm
