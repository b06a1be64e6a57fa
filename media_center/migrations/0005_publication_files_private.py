"""Move the publications' documents from the public storage (``/uploads/``) to the private one.

Until now a document was at ``/uploads/publications/…`` for anyone with the address, drafts and
embargoed reports included; from now on it is kept under ``PRIVATE_MEDIA_ROOT`` and only the
download view sends it (docs/decisions/0005-private-files.md). Files keep their names. A public
copy is deleted only once the private one is written and has its size; a file already moved (a
second run) or missing from both is left as it is. Reversible: backwards, the files go back.
"""

from django.core.files.storage import storages
from django.db import migrations


def move_files(apps, source, target) -> None:
    Publication = apps.get_model("media_center", "Publication")
    for pk, name in Publication.objects.exclude(file="").values_list("pk", "file").iterator():
        if not source.exists(name):
            continue
        size = source.size(name)
        if target.exists(name) and target.size(name) == size:
            stored = name  # moved by an earlier run that stopped before deleting the original
        else:
            with source.open(name, "rb") as content:
                stored = target.save(name, content)
            if target.size(stored) != size:
                target.delete(stored)
                raise RuntimeError(f"Could not copy {name} ({size} bytes): the copy has another size.")
        if stored != name:
            Publication.objects.filter(pk=pk).update(file=stored)
        source.delete(name)


def to_private(apps, schema_editor) -> None:
    move_files(apps, storages["default"], storages["private"])


def to_public(apps, schema_editor) -> None:
    move_files(apps, storages["private"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("media_center", "0004_languages"),
    ]

    operations = [
        migrations.RunPython(to_private, to_public, elidable=False),
    ]
