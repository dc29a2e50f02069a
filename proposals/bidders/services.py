"""Registering an organisation to bid in a round."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from commissioning.enums import Role
from commissioning.organisations.models import Organisation
from commissioning.organisations.services import save_organisation
from commissioning.rounds.models import Round
from commissioning.rounds.services import assign_role
from priorities.specifications.rules import has_confirmed_email
from proposals.bidders.models import Bidder
from proposals.bidders.selectors import takes_registrations
from proposals.bidders.validators import normalise_postcode

DETAIL_FIELDS = ("address", "postcode", "contact_name", "contact_email", "contact_phone")


class AlreadyRegistered(ApplicationError):
    default_message = _("That organisation is already registered to bid in this round.")


def _check_may_register(round_, by):
    if not takes_registrations(round_):
        raise ApplicationError(_("Organisations can register to bid only while the call for proposals is open."))
    if not has_confirmed_email(by):
        raise ApplicationError(_("Confirm your email address before you register an organisation to bid."))


def _new_organisation(fields, *, by):
    organisation = Organisation(**fields)
    try:
        with transaction.atomic():
            return save_organisation(organisation, by=by)
    except IntegrityError as error:
        raise ApplicationError(
            _("An organisation called “%(name)s” already exists. Ask someone who acts for it to register it.")
            % {"name": fields.get("name", "")}
        ) from error


def _registered_message(round_, organisation):
    return _(
        "%(organisation)s is already registered to bid in %(round)s. Its people act for it: ask one of them, "
        "or its main contact, to add you."
    ) % {"organisation": organisation, "round": round_.name}


def register_bidder(round_, *, by, organisation=None, organisation_fields=None, details):
    """Register ``organisation`` (one ``by`` acts for) or a new one made from ``organisation_fields``
    as a bidder in ``round_``, with ``details`` (address, postcode and main contact).

    Side effects: the new organisation (and its audit entry); ``by`` joins the organisation's people
    and takes the bidder role in the round (the first organisation they registered stays on the
    role); the Bidder row; an audit entry. Raises ApplicationError when the call is not open, the
    address is not confirmed, ``by`` does not act for ``organisation``, or it is already registered.
    """
    if (organisation is None) == (organisation_fields is None):
        raise ApplicationError(_("Choose one of your organisations or give the new one's details."))
    with transaction.atomic():
        # Locked so that two registrations of the same organisation at once give the message, not an error.
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        _check_may_register(round_, by)
        if organisation is None:
            organisation = _new_organisation(organisation_fields, by=by)
        elif not by.organisations.filter(pk=organisation.pk).exists():
            raise ApplicationError(_("You can register only an organisation you act for."))
        if Bidder.objects.filter(round=round_, organisation=organisation).exists():
            raise AlreadyRegistered(_registered_message(round_, organisation))
        values = {name: (details.get(name) or "").strip() for name in DETAIL_FIELDS}
        values["postcode"] = normalise_postcode(values["postcode"])
        values["contact_email"] = values["contact_email"].lower()
        bidder = Bidder(round=round_, organisation=organisation, registered_by=by, **values)
        try:
            bidder.full_clean(validate_constraints=False)
        except ValidationError as error:
            raise ApplicationError(_("The registration was not saved."), details=error.messages) from error
        bidder.save()
        by.organisations.add(organisation)
        assign_role(round_, by, Role.BIDDER, by=by, organisation=organisation)
        audit(
            "bidder.registered",
            by=by,
            round_=round_,
            obj=bidder,
            after={"organisation": organisation.name, **values},
        )
    return bidder
