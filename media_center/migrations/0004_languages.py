"""Languages: every item is in a language (existing ones: the default) and in a translation
group of its own. Reverses: the groups go."""

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
    for name in (
        "gallery",
        "video",
        "publication",
        "pressmention",
    ):
        model = apps.get_model("media_center", name)
        for pk in model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("media_center", "0003_one_publication_index_name")]

    operations = [
        migrations.AddField("gallery", "language", LANGUAGE),
        migrations.AddField("gallery", "translation_key", models.UUIDField(null=True, editable=False)),
        migrations.AddField("video", "language", LANGUAGE),
        migrations.AddField("video", "translation_key", models.UUIDField(null=True, editable=False)),
        migrations.AlterField("publication", "language", LANGUAGE),
        migrations.AddField("publication", "translation_key", models.UUIDField(null=True, editable=False)),
        migrations.AddField("pressmention", "language", LANGUAGE),
        migrations.AddField("pressmention", "translation_key", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(own_translation_groups, migrations.RunPython.noop),
        migrations.AlterField("gallery", "translation_key", TRANSLATION_KEY),
        migrations.RemoveIndex("gallery", "media_center_gallery_pub"),
        migrations.AddIndex(
            "gallery", models.Index(fields=["language", "status", "published_at"], name="media_center_gallery_pub")
        ),
        migrations.AddConstraint(
            "gallery",
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="media_center_gallery_one_per_language",
                violation_error_message="This item already has a translation in that language.",
            ),
        ),
        migrations.AlterField("video", "translation_key", TRANSLATION_KEY),
        migrations.RemoveIndex("video", "media_center_video_pub"),
        migrations.AddIndex(
            "video", models.Index(fields=["language", "status", "published_at"], name="media_center_video_pub")
        ),
        migrations.AddConstraint(
            "video",
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="media_center_video_one_per_language",
                violation_error_message="This item already has a translation in that language.",
            ),
        ),
        migrations.AlterField("publication", "translation_key", TRANSLATION_KEY),
        migrations.RemoveIndex("publication", "media_center_publication_pub"),
        migrations.AddIndex(
            "publication",
            models.Index(fields=["language", "status", "published_at"], name="media_center_publication_pub"),
        ),
        migrations.AddConstraint(
            "publication",
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="media_center_publication_one_per_language",
                violation_error_message="This item already has a translation in that language.",
            ),
        ),
        migrations.AlterField("pressmention", "translation_key", TRANSLATION_KEY),
        migrations.RemoveIndex("pressmention", "media_center_pressmention_pub"),
        migrations.AddIndex(
            "pressmention",
            models.Index(fields=["language", "status", "published_at"], name="media_center_pressmention_pub"),
        ),
        migrations.AddConstraint(
            "pressmention",
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="media_center_pressmention_one_per_language",
                violation_error_message="This item already has a translation in that language.",
            ),
        ),
    ]
