import secrets

from django.db import migrations, models

import commissioning.rounds.models


def fill_public_keys(apps, schema_editor):
    Round = apps.get_model("commissioning", "Round")
    for round_ in Round.objects.filter(public_key__isnull=True).only("pk"):
        Round.objects.filter(pk=round_.pk).update(public_key=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    """Each round gets a random key for its public pages; existing rounds are given one each."""

    dependencies = [
        ("commissioning", "0006_round_questions_from_bidders_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="public_key",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(fill_public_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="round",
            name="public_key",
            field=models.CharField(
                default=commissioning.rounds.models._public_key, editable=False, max_length=32, unique=True
            ),
        ),
    ]
