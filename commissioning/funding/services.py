"""Writes of the round's funding sources: add, change and remove, each audited."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Sum
from django.utils.translation import gettext as _

from commissioning.audit.services import audit, snapshot
from commissioning.common.errors import ApplicationError
from commissioning.common.money import format_pence
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.rounds.models import Round

SOURCE_FIELDS = ["organisation", "kind", "amounts_pence", "note"]


def _amounts(round_, amounts_pence):
    """One whole, non-negative amount for each year of the round."""
    amounts = [int(amount or 0) for amount in amounts_pence][: round_.number_of_years]
    amounts += [0] * (round_.number_of_years - len(amounts))
    if any(amount < 0 for amount in amounts):
        raise ApplicationError(_("An amount cannot be less than £0."))
    if not any(amounts):
        raise ApplicationError(_("Enter the amount the agency gives in at least one year."))
    return amounts


def _already_paying(source):
    """{year: pence} that decisions already draw from ``source``."""
    rows = source.decision_funding.values("year").annotate(total=Sum("amount_pence")).order_by("year")
    return {row["year"]: int(row["total"] or 0) for row in rows}


def _check_pays_decisions(source, round_):
    """Refuse amounts below what decisions already draw from the source in any year."""
    paying_by_year = _already_paying(source)
    problems = []
    for year in round_.years:
        paying = paying_by_year.get(year.number, 0)
        if paying > source.amount_in_year(year.number):
            problems.append(
                _("%(year)s: decisions already draw %(paying)s from this source, so it cannot give less.")
                % {"year": year.label, "paying": format_pence(paying)}
            )
    if problems:
        raise ApplicationError(_("This source already pays for decisions."), details=problems)


def _duplicate(source):
    return _("%(organisation)s already has a %(kind)s contribution to this round: change that one instead.") % {
        "organisation": source.organisation,
        "kind": source.get_kind_display().lower(),
    }


@transaction.atomic
def save_funding_source(source, *, by, organisation, kind, amounts_pence, note=""):
    """Add ``source`` (unsaved, its round set) or change it: the agency, pooled or aligned, the amount in
    each year of the round and a note.

    The round's row is locked so that sources and the decisions drawing on them change one at a time.
    Side effects: an audit entry ("funding.source_added" or "funding.source_changed"; none when nothing changed).
    Raises ApplicationError for an agency that already has a source of that kind, for no money at all, and for
    an amount below what decisions already draw from the source in a year.
    """
    round_ = Round.objects.select_for_update().get(pk=source.round_id)
    creating = source.pk is None
    before = None
    if not creating:
        source = FundingSource.objects.select_for_update().select_related("organisation").get(pk=source.pk)
        before = snapshot(source, SOURCE_FIELDS)
    source.organisation, source.kind, source.note = organisation, FundingKind(kind), (note or "").strip()
    source.amounts_pence = _amounts(round_, amounts_pence)
    taken = FundingSource.objects.filter(round_id=round_.pk, organisation=organisation, kind=source.kind)
    if taken.exclude(pk=source.pk).exists():
        raise ApplicationError(_duplicate(source))
    if not creating:
        _check_pays_decisions(source, round_)
    after = snapshot(source, SOURCE_FIELDS)
    if before == after:
        return source
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError as error:  # another officer added the same agency's source at that moment
        raise ApplicationError(_duplicate(source)) from error
    audit(
        "funding.source_added" if creating else "funding.source_changed",
        by=by,
        round_=round_,
        obj=source,
        before=before,
        after=after,
    )
    return source


@transaction.atomic
def remove_funding_source(source, *, by):
    """Remove ``source`` from its round.

    Side effects: an audit entry ("funding.source_removed"). Raises ApplicationError while a decision draws on it.
    """
    round_ = Round.objects.select_for_update().get(pk=source.round_id)
    source = FundingSource.objects.select_related("organisation").get(pk=source.pk)
    before = snapshot(source, SOURCE_FIELDS)
    pk = source.pk
    try:
        with transaction.atomic():
            source.delete()
    except ProtectedError as error:
        raise ApplicationError(
            _(
                "%(organisation)s's %(kind)s contribution pays for decisions already made, so it cannot be "
                "removed. Change those decisions' funding first."
            )
            % {"organisation": source.organisation, "kind": source.get_kind_display().lower()}
        ) from error
    source.pk = pk  # the entry names the source that was removed
    return audit("funding.source_removed", by=by, round_=round_, obj=source, before=before)
