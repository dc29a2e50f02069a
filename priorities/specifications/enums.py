from django.db import models
from django.utils.translation import gettext_lazy as _


class SpecificationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    AMENDED = "amended", _("Published (amended)")


PUBLIC_STATES = (SpecificationState.PUBLISHED, SpecificationState.AMENDED)

# The states each action starts from. The services refuse any other; the views read the same table
# before they show the action's form, so that nobody (a superuser included) is offered what will be refused.
ACTION_STATES = {
    "edit": (SpecificationState.DRAFT,),
    "submit": (SpecificationState.DRAFT,),
    "return": (SpecificationState.SUBMITTED, SpecificationState.APPROVED),
    "approve": (SpecificationState.SUBMITTED,),
    "publish": (SpecificationState.APPROVED,),
    "amend": PUBLIC_STATES,
}


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberSource(models.TextChoices):
    SIGNUP = "signup", _("Signed up")
    IMPORT = "import", _("Imported by an officer")


class AnnouncementKind(models.TextChoices):
    PUBLISHED = "published", _("Specification published")
    AMENDED = "amended", _("Specification amended")
    ANSWER = "answer", _("Answer to a clarification question")


class SignoffRole(models.TextChoices):
    CONTACT = "contact", _("Sponsor's contact")
    FINANCE = "finance", _("Finance officer")


class SignoffState(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    SUPERSEDED = "superseded", _("Asked again after the sponsor's details changed")


# The sign-offs that stand for a role: at most one of these per specification and role.
CURRENT_SIGNOFF_STATES = (SignoffState.PENDING, SignoffState.CONFIRMED, SignoffState.DECLINED)
