"""How the audit trail reads the priority workshop: its set-up, its states, every dot, the counts,
the tie decisions and the confirmed results."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning.audit.sentences import Field, Sentence, choice, hidden, listed, lookup, uk_date, yes_no
from commissioning.enums import Sector
from priorities.workshop.enums import VotingMethod

PERSON = lookup("commissioning.User")
PERSON_BY_EMAIL = lookup("commissioning.User", by="email")

WORKSHOP_FIELDS = {
    "title": gettext_lazy("the title"),
    "date": Field(gettext_lazy("the date"), uk_date),
    "place": gettext_lazy("the place"),
    "dots_per_participant": gettext_lazy("the dots for each participant"),
    "allow_stacking": Field(gettext_lazy("more than one dot on an issue"), yes_no),
    "priorities_to_select": gettext_lazy("the number of priorities to choose"),
    "voting_method": Field(gettext_lazy("the voting"), choice(VotingMethod)),
    "issues": gettext_lazy("the issues on the wall"),
    "state": hidden(),
}

PARTICIPANT_FIELDS = {
    "user": Field(gettext_lazy("person"), PERSON_BY_EMAIL),
    "organisation": Field(gettext_lazy("organisation"), lookup("commissioning.Organisation")),
    "sector": Field(gettext_lazy("sector"), choice(Sector)),
}


def paper_counts(counts):
    """Dots counted by sector ({sector or "": dots}): '5 public, 3 voluntary' or '8 in all'."""
    if not counts:
        return _("no count")
    sectors = dict(Sector.choices)
    parts = []
    for sector, dots in counts.items():
        if sector:
            parts.append(_("%(n)s %(sector)s") % {"n": dots, "sector": str(sectors.get(sector, sector)).lower()})
        else:
            parts.append(_("%(n)s in all") % {"n": dots})
    return ", ".join(parts)


def ranked_priorities(rows):
    """[[rank, title, dots], ...] -> '1. Worklessness (8 dots), 2. Housing (6 dots)'."""
    return ", ".join(
        ngettext("%(rank)s. %(title)s (%(n)s dot)", "%(rank)s. %(title)s (%(n)s dots)", int(dots))
        % {"rank": rank, "title": title, "n": dots}
        for rank, title, dots in rows
    )


def _group_saved(values):
    if values["before_name"]:
        return _("%(actor)s changed the discussion group “%(object)s”: %(changes)s") % values
    return _("%(actor)s set up the discussion group “%(object)s”") % values


def _results(values):
    text = _("%(actor)s confirmed the results of “%(object)s”: the priorities are %(after_priorities)s") % values
    if values["after_cross_cutting"] and values["after_cross_cutting"] != _("none"):
        text += "; " + _("cross-cutting: %(after_cross_cutting)s") % values
    return text


TIE_FIELDS = {
    "tied": Field(gettext_lazy("tied"), listed),
    "chosen": Field(gettext_lazy("the issues chosen"), listed),
    "reason": Field(gettext_lazy("the reason"), values=True),
    "dots": hidden(),
    "decided_by": hidden(),
}

SENTENCES = {
    "workshop.created": Sentence(
        gettext_lazy("%(actor)s set up the workshop “%(object)s” for %(after_date)s"), fields=WORKSHOP_FIELDS
    ),
    "workshop.updated": Sentence(
        gettext_lazy("%(actor)s changed the workshop “%(object)s”: %(changes)s"), fields=WORKSHOP_FIELDS
    ),
    "workshop.participant_added": Sentence(
        gettext_lazy("%(actor)s added %(after_user)s to the workshop's participants"),
        fields={**PARTICIPANT_FIELDS, "user": Field(gettext_lazy("person"), PERSON_BY_EMAIL, hidden=True)},
    ),
    "workshop.participant_removed": Sentence(
        gettext_lazy("%(actor)s removed %(before_user)s from the workshop's participants"),
        fields=PARTICIPANT_FIELDS,
        details=False,
    ),
    "workshop.code_issued": Sentence(gettext_lazy("%(actor)s issued a join code to %(object)s")),
    "workshop.group_saved": Sentence(
        _group_saved,
        fields={
            "name": gettext_lazy("the name"),
            "notes": gettext_lazy("the notes"),
            "note_taker": Field(gettext_lazy("the note-taker"), PERSON),
            "members": Field(gettext_lazy("the members"), lookup("priorities.Participant", related=("user",))),
        },
    ),
    "workshop.discussion_opened": Sentence(gettext_lazy("%(actor)s opened “%(object)s” for discussion"), details=False),
    "workshop.voting_opened": Sentence(gettext_lazy("%(actor)s opened voting at “%(object)s”"), details=False),
    "workshop.voting_closed": Sentence(gettext_lazy("%(actor)s closed voting at “%(object)s”"), details=False),
    "workshop.tally_shown": Sentence(gettext_lazy("%(actor)s showed the tally at “%(object)s”"), details=False),
    "workshop.tally_hidden": Sentence(gettext_lazy("%(actor)s hid the tally at “%(object)s”"), details=False),
    "workshop.dot_placed": Sentence(gettext_lazy("%(actor)s placed a dot on “%(summary)s”"), details=False),
    "workshop.dot_removed": Sentence(gettext_lazy("%(actor)s took a dot back from “%(summary)s”"), details=False),
    "workshop.paper_count_changed": Sentence(
        gettext_lazy(
            "%(actor)s changed the paper dots counted for “%(summary)s” from %(before_counts)s to %(after_counts)s"
        ),
        fields={"counts": Field(gettext_lazy("the count"), paper_counts), "issue": hidden()},
        details=False,
    ),
    "workshop.tie_resolved": Sentence(
        gettext_lazy("%(actor)s broke the tie between %(after_tied)s, choosing %(after_chosen)s"),
        fields=TIE_FIELDS,
        details=False,
        note_label=gettext_lazy("Why"),
    ),
    "workshop.tie_changed": Sentence(
        gettext_lazy("%(actor)s changed the tie decision at “%(object)s”: %(changes)s"),
        fields=TIE_FIELDS,
        note=False,
    ),
    "workshop.cross_cutting_added": Sentence(
        gettext_lazy("%(actor)s made “%(summary)s” a cross-cutting theme that every proposal must address"),
        fields={
            "title": gettext_lazy("title"),
            "rationale": gettext_lazy("why"),
            "requirements": gettext_lazy("what proposals must do"),
        },
    ),
    "workshop.cross_cutting_removed": Sentence(
        gettext_lazy("%(actor)s removed the cross-cutting theme “%(object)s”"), details=False
    ),
    "workshop.results_confirmed": Sentence(
        _results,
        fields={
            "priorities": Field(gettext_lazy("the priorities"), ranked_priorities),
            "cross_cutting": Field(gettext_lazy("cross-cutting"), listed),
            "state": hidden(),
        },
        details=False,
    ),
}
