import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0002_audit_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Partnership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                (
                    "place",
                    models.CharField(
                        help_text="The city or district it works for", max_length=200, verbose_name="place"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="PartnershipMember",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[("officer", "Partnership officer"), ("board", "Board member")],
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="partnership_members",
                        to="commissioning.organisation",
                        verbose_name="on behalf of",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="commissioning.partnership",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partnership_roles",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["partnership", "role", "user"],
                "constraints": [
                    models.UniqueConstraint(fields=("partnership", "user", "role"), name="unique_partnership_user_role")
                ],
            },
        ),
        # Filled from the rounds by the next migration, then renamed to ``partnership`` and required.
        migrations.AddField(
            model_name="round",
            name="partnership_link",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="commissioning.partnership",
            ),
        ),
        migrations.AddField(
            model_name="strategicoutcome",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outcomes",
                to="commissioning.partnership",
            ),
        ),
        migrations.AlterField(
            model_name="round",
            name="place",
            field=models.CharField(help_text="Where the round's money is spent", max_length=200, verbose_name="place"),
        ),
    ]
