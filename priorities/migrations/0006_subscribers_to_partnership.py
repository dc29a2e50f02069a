"""Each round's mailing list joins its partnership's list.

Someone on the lists of two rounds stays once: the entry changed last (signed up, confirmed
or unsubscribed most recently) is kept, so that whoever unsubscribed last stays unsubscribed.
"""

import datetime

from django.db import migrations

_EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _last_change(subscriber):
    return max(
        subscriber.created_at or _EARLIEST,
        subscriber.confirmed_at or _EARLIEST,
        subscriber.unsubscribed_at or _EARLIEST,
    ), subscriber.pk


def forwards(apps, schema_editor):
    Subscriber = apps.get_model("priorities", "Subscriber")
    kept = {}
    for subscriber in Subscriber.objects.select_related("round").order_by("pk"):
        key = (subscriber.round.partnership_id, subscriber.email.lower())
        current = kept.get(key)
        if current is None or _last_change(subscriber) > _last_change(current):
            if current is not None:
                current.delete()
            kept[key] = subscriber
        else:
            subscriber.delete()
    for (partnership_id, _email), subscriber in kept.items():
        subscriber.partnership_id = partnership_id
        subscriber.save(update_fields=["partnership"])


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0005_plan_belongs_to_partnership"),
        ("priorities", "0005_subscriber_partnership"),
    ]

    # Going back leaves the data where it is; the schema steps before this one refuse rows they cannot hold.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
