import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("priorities", "0006_subscribers_to_partnership"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="subscriber", name="unique_subscriber_email_per_round"),
        migrations.AlterModelOptions(name="subscriber", options={"ordering": ["partnership", "name", "email"]}),
        migrations.RemoveField(model_name="subscriber", name="round"),
        migrations.AlterField(
            model_name="subscriber",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="subscribers",
                to="commissioning.partnership",
            ),
        ),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                fields=("partnership", "email"), name="unique_subscriber_email_per_partnership"
            ),
        ),
    ]
