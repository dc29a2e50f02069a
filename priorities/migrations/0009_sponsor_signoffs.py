"""The finance officer's acknowledgement, once typed in by an officer, becomes a sign-off row.

Each specification with a typed acknowledgement gets a confirmed finance-officer sign-off that
says it was recorded by an officer (the officer who approved the specification), dated at the
start of the day typed, UK time. Going back copies the newest such sign-off into the old fields.
"""

import datetime
import zoneinfo

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

LONDON = zoneinfo.ZoneInfo("Europe/London")


def acknowledgements_to_signoffs(apps, schema_editor):
    Specification = apps.get_model("priorities", "Specification")
    SponsorSignoff = apps.get_model("priorities", "SponsorSignoff")
    for spec in Specification.objects.exclude(sponsor_acknowledged_by="").iterator():
        day = spec.sponsor_acknowledged_on or (spec.approved_at or spec.updated_at).astimezone(LONDON).date()
        when = datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON).astimezone(datetime.UTC)
        SponsorSignoff.objects.create(
            specification=spec,
            role="finance",
            state="confirmed",
            organisation_id=spec.sponsor_organisation_id,
            name=spec.sponsor_acknowledged_by,
            email="",
            commitment=spec.mainstreaming_commitment,
            asked_by_id=spec.approved_by_id,
            asked_at=when,
            answered_at=when,
            recorded_by_officer=True,
        )


def signoffs_to_acknowledgements(apps, schema_editor):
    Specification = apps.get_model("priorities", "Specification")
    SponsorSignoff = apps.get_model("priorities", "SponsorSignoff")
    confirmed = SponsorSignoff.objects.filter(role="finance", state="confirmed").order_by(
        "specification", "-answered_at"
    )
    seen = set()
    for signoff in confirmed:
        if signoff.specification_id in seen:
            continue
        seen.add(signoff.specification_id)
        Specification.objects.filter(pk=signoff.specification_id).update(
            sponsor_acknowledged_by=signoff.answered_by.full_name if signoff.answered_by_id else signoff.name,
            sponsor_acknowledged_on=signoff.answered_at.astimezone(LONDON).date(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0006_round_questions_from_bidders_only"),
        ("priorities", "0008_announcement_base_url"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="specification",
            name="finance_officer_email",
            field=models.EmailField(
                blank=True,
                help_text="The finance officer is emailed too, and must also confirm before the specification is approved.",
                max_length=254,
                verbose_name="Finance officer's email address",
            ),
        ),
        migrations.AlterField(
            model_name="specification",
            name="sponsor_contact_email",
            field=models.EmailField(
                blank=True,
                help_text="When the specification is submitted, the contact is emailed to confirm the commitment.",
                max_length=254,
                verbose_name="Sponsor contact's email address",
            ),
        ),
        migrations.AddField(
            model_name="specification",
            name="return_reason",
            field=models.TextField(blank=True, verbose_name="Why it was returned"),
        ),
        migrations.AddField(
            model_name="specification",
            name="returned_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="specification",
            name="returned_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="SponsorSignoff",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[("contact", "Sponsor's contact"), ("finance", "Finance officer")],
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for an answer"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                            ("superseded", "Asked again after the sponsor's details changed"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email address")),
                ("commitment", models.TextField(blank=True, verbose_name="the commitment asked about")),
                ("asked_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
                ("reason", models.TextField(blank=True, verbose_name="reason for declining")),
                ("recorded_by_officer", models.BooleanField(default=False)),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "asked_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "invitation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="commissioning.invitation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="commissioning.organisation",
                        verbose_name="sponsor",
                    ),
                ),
                (
                    "specification",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signoffs",
                        to="priorities.specification",
                    ),
                ),
            ],
            options={
                "ordering": ["specification", "role", "-asked_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("state__in", ("pending", "confirmed", "declined"))),
                        fields=("specification", "role"),
                        name="one_current_signoff_per_role",
                    )
                ],
            },
        ),
        migrations.RunPython(acknowledgements_to_signoffs, signoffs_to_acknowledgements),
        migrations.RemoveField(
            model_name="specification",
            name="sponsor_acknowledged_by",
        ),
        migrations.RemoveField(
            model_name="specification",
            name="sponsor_acknowledged_on",
        ),
    ]
