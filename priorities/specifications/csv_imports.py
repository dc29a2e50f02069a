from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.services import AuditedCsvImport
from commissioning.common.csv_import.engine import UNCHANGED, Column
from commissioning.common.csv_import.parsers import parse_email, parse_text
from priorities.specifications.enums import SubscriberSource, SubscriberStatus
from priorities.specifications.models import Subscriber


class SubscriberImport(AuditedCsvImport):
    """Officers add people who asked to hear about rounds; they are subscribed without a confirmation email.

    Someone who has unsubscribed stays unsubscribed: an import never overrides their choice.
    """

    title = gettext_lazy("Mailing list")
    intro = gettext_lazy(
        "One row per person. Only add people who have asked to receive the partnership's calls for proposals."
    )
    template_filename = "mailing-list.csv"
    audit_action = "mailing.imported"
    key = ("email",)
    columns = (
        Column("name", gettext_lazy("The person's name."), parse=parse_text(200), example="Grace Adeyemi"),
        Column("email", gettext_lazy("Their email address."), parse=parse_email(), example="grace@example.org"),
        Column(
            "organisation",
            gettext_lazy("The organisation they work for, if any."),
            required=False,
            parse=parse_text(200),
            example="Voluntary Action Coventry",
        ),
    )

    @classmethod
    def existing_rows_policy(cls):
        return _(
            "A row with the email address of someone already on the list updates their name and organisation. "
            "People who have unsubscribed are left unsubscribed. Nobody is removed."
        )

    def prepare(self):
        self.existing = {s.email: s for s in Subscriber.objects.filter(partnership=self.round.partnership_id)}

    def write_row(self, values):
        subscriber = self.existing.get(values["email"]) or Subscriber(
            partnership=self.round.partnership, email=values["email"]
        )
        fields = {"name": values["name"], "organisation": values["organisation"] or ""}
        if subscriber.pk is None:
            fields.update(
                status=SubscriberStatus.CONFIRMED, source=SubscriberSource.IMPORT, confirmed_at=timezone.now()
            )
        elif subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return UNCHANGED
        elif subscriber.status == SubscriberStatus.PENDING:
            fields.update(status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now())
        return self.save(subscriber, fields)
