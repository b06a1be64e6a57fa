import django_filters

from clusterportal.filters import CategoryFilter, FilterForm, MonthFilter, YearFilter
from news.models import Article, Category


class ArticleFilter(django_filters.FilterSet):
    category = CategoryFilter(queryset=Category.objects.all())
    year = YearFilter(field_name="published_at", queryset=lambda: Article.objects.published().in_language())
    month = MonthFilter(field_name="published_at")

    class Meta:
        model = Article
        fields = ["category", "year", "month"]
        form = FilterForm
