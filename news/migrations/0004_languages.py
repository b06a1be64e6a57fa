"""Languages: every item is in a language (existing ones: the default) and in a translation
group of its own; taxonomy names per language (the old name becomes both, for editors to
translate). Reverses: the groups and Russian names go, the English name is the name again."""

import uuid

from django.db import migrations, models

import clusterportal.languages

LANGUAGE = models.CharField(
    "language",
    max_length=5,
    choices=[("en", "English"), ("ru", "Russian")],
    default=clusterportal.languages.default_language,
    help_text="The language this item is written in. It is listed on that language's pages only.",
)
TRANSLATION_KEY = models.UUIDField("translation group", default=uuid.uuid4, editable=False, db_index=True)


def own_translation_groups(apps, schema_editor):
    """A group per existing item (a callable default on AddField gives every row the same key)."""
    for name in ("article",):
        model = apps.get_model("news", name)
        for pk in model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(translation_key=uuid.uuid4())


def copy_names(apps, schema_editor):
    for name in ("category",):
        model = apps.get_model("news", name)
        model.objects.update(name_ru=models.F("name_en"))


class Migration(migrations.Migration):
    dependencies = [("news", "0003_one_publication_index_name")]

    operations = [
        migrations.RenameField("category", "name", "name_en"),
        migrations.AlterField("category", "name_en", models.CharField("name in English", max_length=100, unique=True)),
        migrations.AddField("category", "name_ru", models.CharField("name in Russian", max_length=100, null=True)),
        migrations.RunPython(copy_names, migrations.RunPython.noop),
        migrations.AlterField("category", "name_ru", models.CharField("name in Russian", max_length=100, unique=True)),
        migrations.AlterModelOptions(
            "category",
            options={
                "ordering": ["position", "name_en"],
                "verbose_name": "category",
                "verbose_name_plural": "categories",
            },
        ),
        migrations.AddField("article", "language", LANGUAGE),
        migrations.AddField("article", "translation_key", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(own_translation_groups, migrations.RunPython.noop),
        migrations.AlterField("article", "translation_key", TRANSLATION_KEY),
        migrations.RemoveIndex("article", "news_article_pub"),
        migrations.AddIndex(
            "article", models.Index(fields=["language", "status", "published_at"], name="news_article_pub")
        ),
        migrations.AddConstraint(
            "article",
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="news_article_one_per_language",
                violation_error_message="This item already has a translation in that language.",
            ),
        ),
    ]
