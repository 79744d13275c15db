from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_ledger_numbers_consistent"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(fields=("source", "number"), name="item_number_unique_in_source"),
        ),
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(
                condition=models.Q(("occurrence_of__isnull", False)),
                fields=("occurrence_of", "occurrence_label"),
                name="item_occurrence_once_per_period",
            ),
        ),
    ]
