from django import template

from news.models import Article

register = template.Library()


@register.inclusion_tag("news/tags/latest_articles.html")
def latest_articles(count: int = 5):
    """The newest published articles, for the home page and other sections' sidebars."""
    return {"articles": Article.objects.published().select_related("category", "cover")[:count]}
