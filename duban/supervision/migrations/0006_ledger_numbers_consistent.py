"""Make existing ledgers consistent before 0007 makes their numbers unique.

Concurrent creates used to give several items of one source the same position
and number. Each source whose stored numbers differ from what its tree spells
is renumbered as ``services.tree.ledger_renumber`` does (siblings by position,
then by id: the earlier item keeps the number, the later ones follow the last
sibling), so numbers are unique and gapless again. A recurring item with two
occurrences of one period keeps the first; the later ones get the id in their
label (they stay on the ledger: nothing is deleted). Sources already
consistent are not written.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import Count

LABEL_MAX = 40


def _renumber(items):
    """The rows whose (position, number, path) change, with the new values set."""
    children = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        children[item.parent_id].append(item)
    changed = []

    def walk(parent):
        for pos, child in enumerate(children[parent.id if parent else None], start=1):
            old = (child.position, child.number, child.path)
            child.position = pos
            child.number = f"{parent.number}.{pos}" if parent else str(pos)
            child.path = f"{parent.path}.{pos:04d}" if parent else f"{pos:04d}"
            if (child.position, child.number, child.path) != old:
                changed.append(child)
            walk(child)

    walk(None)
    return changed


def forwards(apps, schema_editor):
    Item = apps.get_model("supervision", "Item")
    source_ids = Item.objects.values_list("source_id", flat=True).distinct().order_by("source_id")
    for source_id in source_ids:
        changed = _renumber(list(Item.objects.filter(source_id=source_id).only(
            "id", "parent_id", "position", "number", "path")))
        if not changed:
            continue
        for item in changed:  # placeholders first, so the rewrite never collides half-way
            Item.objects.filter(pk=item.pk).update(number=f"~{item.pk}")
        Item.objects.bulk_update(changed, ["position", "number", "path"], batch_size=300)
    duplicated = (Item.objects.filter(occurrence_of__isnull=False).values("occurrence_of", "occurrence_label")
                  .annotate(n=Count("id")).filter(n__gt=1))
    for group in duplicated:
        later = Item.objects.filter(occurrence_of=group["occurrence_of"],
                                    occurrence_label=group["occurrence_label"]).order_by("id")[1:]
        for item in later:
            suffix = f"#{item.pk}"
            item.occurrence_label = f"{item.occurrence_label[: LABEL_MAX - len(suffix)]}{suffix}"
            item.save(update_fields=["occurrence_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0005_reminder_failed_message"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
