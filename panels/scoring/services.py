"""Changes of scoring: a panel's criteria (the defaults, then the officers' and chair's edits until
the first score), a member's draft and submitted sheet, the chair's consensus and recommendation,
and a sheet set aside when its member declares an interest. Every change but a draft is audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError
from panels.membership.models import Panel
from panels.scoring.enums import DEFAULT_CRITERIA, DEFAULT_DESCRIPTORS, RecommendationKind
from panels.scoring.models import Criterion, LevelDescriptor, ModeratedScore, Recommendation, Score, ScoreSheet
from panels.scoring.ranking import weighted_total
from panels.scoring.selectors import criteria_frozen, criteria_of, weights_of


class CriteriaFrozen(ApplicationError):
    default_message = gettext_lazy("The criteria cannot change: the panel has started scoring.")


class WeightsDoNotAddUp(ApplicationError):
    default_message = gettext_lazy("The weights must add up to 100.")


class ScoringRefused(ApplicationError):
    default_message = gettext_lazy("These scores cannot be saved.")


def _default_descriptor(index, level, scale_max):
    """The default descriptor of ``level`` on a scale from 0 to ``scale_max``, from the 0-to-4 defaults."""
    levels = DEFAULT_DESCRIPTORS[index]
    return str(levels[round(level * (len(levels) - 1) / scale_max)])


def ensure_default_criteria(panel):
    """Give ``panel`` the case study's criteria, weights and level descriptors if it has none yet."""
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel.pk)
        if Criterion.objects.filter(panel=panel).exists():
            return False
        for index, (title, description, weight) in enumerate(DEFAULT_CRITERIA):
            criterion = Criterion.objects.create(
                panel=panel, title=str(title), description=str(description), weight=weight, order=index + 1
            )
            LevelDescriptor.objects.bulk_create(
                LevelDescriptor(
                    criterion=criterion, score=level, descriptor=_default_descriptor(index, level, panel.scale_max)
                )
                for level in range(panel.scale_max + 1)
            )
    return True


def criteria_refusal(panel):
    """Why the panel's criteria cannot change now, or None."""
    if criteria_frozen(panel):
        return CriteriaFrozen.default_message
    return None


def update_criteria(panel, changes, *, by):
    """Change the panel's criteria: ``changes`` maps each criterion's id to its title, weight and
    ``levels`` ({score: descriptor}). Refused once a score exists, or when the weights do not add up
    to 100. Audited."""
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel.pk)
        if criteria_frozen(panel):
            raise CriteriaFrozen
        criteria = {c.pk: c for c in criteria_of(panel)}
        if set(changes) != set(criteria):
            raise ApplicationError(_("The criteria changed while you were editing them. Try again."))
        total = sum(change["weight"] for change in changes.values())
        if total != 100:
            raise WeightsDoNotAddUp(_("The weights must add up to 100; they add up to %(total)d.") % {"total": total})
        before = {str(c.pk): {"title": c.title, "weight": c.weight} for c in criteria.values()}
        for pk, change in changes.items():
            criterion = criteria[pk]
            criterion.title = change["title"]
            criterion.weight = change["weight"]
            criterion.save(update_fields=["title", "weight"])
            current = {level.score: level for level in criterion.levels.all()}
            for score, descriptor in change["levels"].items():
                if score in current:
                    if current[score].descriptor != descriptor:
                        current[score].descriptor = descriptor
                        current[score].save(update_fields=["descriptor"])
                else:
                    LevelDescriptor.objects.create(criterion=criterion, score=score, descriptor=descriptor)
        after = {str(pk): {"title": change["title"], "weight": change["weight"]} for pk, change in changes.items()}
        audit(
            "scoring.criteria_changed",
            by=by,
            round_=panel.round,
            obj=panel,
            before={"criteria": _criteria_lines(before)},
            after={"criteria": _criteria_lines(after)},
        )


def _criteria_lines(criteria):
    return [f"{values['title']} ({values['weight']}%)" for values in criteria.values()]


def _locked_sheet(member, proposal):
    sheet, _created = ScoreSheet.objects.get_or_create(member=member, proposal=proposal)
    return ScoreSheet.objects.select_for_update().get(pk=sheet.pk)


def sheet_refusal(sheet):
    """Why ``sheet`` cannot change now, or None."""
    if sheet is None:
        return None
    if sheet.set_aside_at is not None:
        return _("Your scores on this proposal were set aside when you declared an interest.")
    if sheet.submitted_at is not None:
        return _("You have submitted your scores on this proposal; they cannot change.")
    return None


def save_scores(member, proposal, scores, *, by, submit=False):
    """Save ``member``'s scores of ``proposal`` (``scores``: {criterion id: (value or None, comment)}) as a
    draft; with ``submit``, also submit them (every criterion scored), which is audited. Returns the
    sheet and its weighted total."""
    with transaction.atomic():
        # The panel's row, as update_criteria locks it: a first score and a change of criteria never cross.
        panel = Panel.objects.select_for_update().get(pk=member.panel_id)
        sheet = _locked_sheet(member, proposal)
        refusal = sheet_refusal(sheet)
        if refusal:
            raise ScoringRefused(refusal)
        criteria = criteria_of(panel)
        if not criteria:
            raise ScoringRefused(_("The panel has no criteria yet."))
        existing = {score.criterion_id: score for score in sheet.scores.all()}
        values = {}
        for criterion in criteria:
            value, comment = scores.get(criterion.pk, (None, ""))
            if value is None:
                if criterion.pk in existing:
                    existing[criterion.pk].delete()
                continue
            if not 0 <= value <= panel.scale_max:
                raise ScoringRefused(
                    _("Score “%(criterion)s” from 0 to %(max)d.")
                    % {"criterion": criterion.title, "max": panel.scale_max}
                )
            Score.objects.update_or_create(
                sheet=sheet, criterion=criterion, defaults={"value": value, "comment": comment}
            )
            values[criterion.pk] = value
        total = weighted_total(values, weights_of(criteria), panel.scale_max)
        if submit:
            missing = [c.title for c in criteria if c.pk not in values]
            if missing:
                raise ScoringRefused(
                    _("Score every criterion before you submit."),
                    details=[_("“%(criterion)s” has no score.") % {"criterion": title} for title in missing],
                )
            sheet.submitted_at = timezone.now()
            sheet.save(update_fields=["submitted_at", "updated_at"])
            audit(
                "scoring.submitted",
                by=by,
                round_=panel.round,
                obj=proposal,
                after={
                    "scores": [f"{c.title}: {values[c.pk]}" for c in criteria],
                    "weighted_total": str(total),
                },
            )
        else:
            sheet.save(update_fields=["updated_at"])
    return sheet, total


def set_aside_sheet(member, proposal, *, by, reason=""):
    """Set ``member``'s sheet on ``proposal`` aside (kept, marked, left out of every total), when they
    declare an interest in it. Audited; nothing happens when they have no sheet or it is already aside."""
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().filter(member=member, proposal=proposal).first()
        if sheet is None or sheet.set_aside_at is not None:
            return None
        sheet.set_aside_at = timezone.now()
        sheet.set_aside_reason = reason or _("An interest in the proposal was declared.")
        sheet.save(update_fields=["set_aside_at", "set_aside_reason", "updated_at"])
        audit(
            "scoring.set_aside",
            by=by,
            round_=member.panel.round,
            obj=proposal,
            after={"member": str(member.user), "submitted": sheet.submitted_at is not None},
            summary=sheet.set_aside_reason,
        )
    return sheet


def moderate(proposal, panel, agreed, *, by):
    """Record the consensus per criterion: ``agreed`` maps a criterion id to (value, rationale). The
    members' own scores are left as they are. Audited with the values before and after."""
    with transaction.atomic():
        criteria = {c.pk: c for c in criteria_of(panel)}
        current = {m.criterion_id: m for m in ModeratedScore.objects.select_for_update().filter(proposal=proposal)}
        before, after = {}, {}
        for pk, (value, rationale) in agreed.items():
            criterion = criteria.get(pk)
            if criterion is None:
                raise ApplicationError(_("That criterion is not one of the panel's."))
            if not 0 <= value <= panel.scale_max:
                raise ApplicationError(
                    _("Agree a score for “%(criterion)s” from 0 to %(max)d.")
                    % {"criterion": criterion.title, "max": panel.scale_max}
                )
            old = current.get(pk)
            if old is not None and old.value == value and old.rationale == rationale:
                continue
            if old is not None:
                before[criterion.title] = f"{old.value}: {old.rationale}"
            ModeratedScore.objects.update_or_create(
                proposal=proposal,
                criterion=criterion,
                defaults={"value": value, "rationale": rationale, "moderated_by": by},
            )
            after[criterion.title] = f"{value}: {rationale}"
        if after:
            audit(
                "scoring.moderated",
                by=by,
                round_=panel.round,
                obj=proposal,
                before={"consensus": [f"{k} {v}" for k, v in before.items()]},
                after={"consensus": [f"{k} {v}" for k, v in after.items()]},
            )
    return len(after)


def recommend(proposal, panel, *, kind, reasons, conditions="", by):
    """The chair's recommendation on ``proposal``: fund, fund with conditions (conditions required) or
    do not fund, with reasons. Audited."""
    if kind == RecommendationKind.FUND_WITH_CONDITIONS and not conditions.strip():
        raise ApplicationError(_("Enter the conditions of funding."))
    if kind != RecommendationKind.FUND_WITH_CONDITIONS:
        conditions = ""
    with transaction.atomic():
        old = Recommendation.objects.select_for_update().filter(proposal=proposal).first()
        before = {"kind": old.kind, "reasons": old.reasons, "conditions": old.conditions} if old is not None else None
        recommendation, _created = Recommendation.objects.update_or_create(
            proposal=proposal,
            defaults={"kind": kind, "reasons": reasons, "conditions": conditions, "recommended_by": by},
        )
        audit(
            "scoring.recommended",
            by=by,
            round_=panel.round,
            obj=proposal,
            before=before,
            after={"kind": kind, "reasons": reasons, "conditions": conditions},
        )
    return recommendation


def set_aside_on_interest(declaration, *, by):
    """Set aside the declaring member's sheet on the proposal (the callback of an interest declared)."""
    return set_aside_sheet(
        declaration.member,
        declaration.proposal,
        by=by,
        reason=_("An interest was declared: %(nature)s.") % {"nature": declaration.get_nature_display().lower()},
    )
