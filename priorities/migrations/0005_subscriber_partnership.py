import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0003_partnership"),
        ("priorities", "0004_dot_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="subscribers",
                to="commissioning.partnership",
            ),
        ),
    ]
