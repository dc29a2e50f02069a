import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0004_partnership_from_rounds"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="strategicoutcome", name="unique_outcome_code_per_round"),
        migrations.AlterModelOptions(name="strategicoutcome", options={"ordering": ["partnership", "code"]}),
        migrations.RemoveField(model_name="strategicoutcome", name="round"),
        migrations.AlterField(
            model_name="strategicoutcome",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outcomes",
                to="commissioning.partnership",
            ),
        ),
        migrations.AddConstraint(
            model_name="strategicoutcome",
            constraint=models.UniqueConstraint(
                fields=("partnership", "code"), name="unique_outcome_code_per_partnership"
            ),
        ),
        migrations.RemoveField(model_name="round", name="partnership"),
        migrations.RenameField(model_name="round", old_name="partnership_link", new_name="partnership"),
        migrations.AlterField(
            model_name="round",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="rounds",
                to="commissioning.partnership",
                verbose_name="partnership",
            ),
        ),
    ]
