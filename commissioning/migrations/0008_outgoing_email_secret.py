from django.db import migrations, models
from django.db.models import Q

# The messages recorded before the flag existed that carry a secret: account emails (password
# reset, sign-in codes, address confirmation), invitations and mailing-list confirmations.
SECRET_KEYS = ("account:", "invitation:", "mailing:confirm:")


def mark_secret_messages(apps, schema_editor):
    OutgoingEmail = apps.get_model("commissioning", "OutgoingEmail")
    secret = Q()
    for prefix in SECRET_KEYS:
        secret |= Q(dedup_key__startswith=prefix)
    OutgoingEmail.objects.filter(secret).update(secret=True)
    OutgoingEmail.objects.filter(secret=True, status__in=["sent", "failed"]).update(body_text="", body_html="")


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0007_import_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="secret",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_secret_messages, migrations.RunPython.noop),
    ]
