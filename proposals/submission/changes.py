"""What changed between two versions of a proposal, in words: field by field and row by row.

``changes_between(old, new)`` compares two snapshots (``snapshot.proposal_data``) and returns one
``Change`` a difference, in the order the proposal reads: "Budget: year 2, Staff, Hillfields
Youth Trust: £40,000 → £45,000". Long text is compared word by word (difflib), so a reader sees
what was added and removed rather than two whole answers side by side. Pure: no queries.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commissioning.common.money import format_pence
from proposals.writing.enums import Section
from proposals.writing.models import Proposal

# Text longer than this (or on several lines) is compared word by word.
LONG_TEXT = 80
# Unchanged words kept either side of a change, so that it reads in its place.
CONTEXT_WORDS = 6

FIELD_SECTIONS = {
    "title": Section.ACTIVITY,
    "activity": Section.ACTIVITY,
    "how_outcome": Section.ACTIVITY,
    "neighbourhoods": Section.ACTIVITY,
    "evaluation_plan": Section.EVALUATION,
    "client_group_involvement": Section.CLIENT_GROUP,
    "steering_group_places": Section.CLIENT_GROUP,
    "sponsor_contact_name": Section.SPONSOR,
    "sponsor_contact_role": Section.SPONSOR,
    "sponsor_evidence": Section.SPONSOR,
}


@dataclass(frozen=True)
class Change:
    """One difference: the section it is in, what changed in words, and for long text the words
    (``("same" | "added" | "removed" | "gap", text)`` pieces) that show it in place."""

    section: str
    text: str
    words: tuple = field(default=())

    def __str__(self):
        return f"{self.section}: {self.text}"


def _quoted(value):
    if value in (None, ""):
        return _("nothing")
    return f"“{value}”"


def _is_long(*values):
    return any(isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value) for value in values)


def word_changes(old, new):
    """The pieces that show how ``new`` differs from ``old``, word by word; long unchanged runs
    are shortened to a few words either side of each change."""
    old_words, new_words = (old or "").split(), (new or "").split()
    pieces = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old_words[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if first and last:
                pieces.append(("same", " ".join(words)))
                continue
            keep_before = [] if first else words[:CONTEXT_WORDS]
            keep_after = [] if last else words[-CONTEXT_WORDS:]
            if len(words) <= len(keep_before) + len(keep_after) + 1:
                pieces.append(("same", " ".join(words)))
                continue
            if keep_before:
                pieces.append(("same", " ".join(keep_before)))
            pieces.append(("gap", "…"))
            if keep_after:
                pieces.append(("same", " ".join(keep_after)))
            continue
        if tag in ("delete", "replace"):
            pieces.append(("removed", " ".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(("added", " ".join(new_words[j1:j2])))
    return tuple(pieces)


def _value_change(section, label, old, new, *, shown=_quoted):
    """The change of one value ("Title of the activity: “A” → “B”"), or None when equal."""
    if old == new:
        return None
    if _is_long(old, new):
        if old in (None, ""):
            text = _("%(label)s: added") % {"label": label}
        elif new in (None, ""):
            text = _("%(label)s: removed") % {"label": label}
        else:
            text = _("%(label)s: changed") % {"label": label}
        return Change(section=section, text=text, words=word_changes(old, new))
    return Change(
        section=section, text=_("%(label)s: %(old)s → %(new)s") % {"label": label, "old": shown(old), "new": shown(new)}
    )


def _field_label(name):
    return str(Proposal._meta.get_field(name).verbose_name)


def _number(value):
    return _("nothing") if value in (None, "") else str(value)


def _fields(old, new):
    changes = []
    for name, section in FIELD_SECTIONS.items():
        shown = _number if name == "steering_group_places" else _quoted
        change = _value_change(str(section.label), _field_label(name), old.get(name), new.get(name), shown=shown)
        if change:
            changes.append(change)
    return changes


def _partner_sections(old, new):
    labels = dict(Section.choices)
    before = [str(labels.get(key, key)) for key in old]
    after = [str(labels.get(key, key)) for key in new]
    if before == after:
        return []
    return [
        Change(
            section=str(Section.PARTNERS.label),
            text=_("Sections partners may edit: %(old)s → %(new)s")
            % {"old": ", ".join(before) or _("none"), "new": ", ".join(after) or _("none")},
        )
    ]


def _paired(old_rows, new_rows, key):
    """(old row or None, new row or None) for every key, in the new version's order, the removed
    rows after them."""
    old_by, new_by = {key(row): row for row in old_rows}, {key(row): row for row in new_rows}
    keys = list(new_by) + [k for k in old_by if k not in new_by]
    return [(old_by.get(k), new_by.get(k)) for k in keys]


def _row_changes(section, old_rows, new_rows, *, name, added, removed, compared):
    """Added and removed rows in one sentence each; a row in both versions, one sentence per
    value that changed (``compared``: (label, key, shown) of each value)."""
    changes = []
    for old, new in _paired(old_rows, new_rows, key=lambda row: row["id"]):
        if old is None:
            changes.append(Change(section=section, text=added(new)))
        elif new is None:
            changes.append(Change(section=section, text=removed(old)))
        else:
            for label, key, shown in compared:
                change = _value_change(
                    section, f"{name(new)}, {label}", old.get(key), new.get(key), shown=shown or _quoted
                )
                if change:
                    changes.append(change)
    return changes


def _partners(old_rows, new_rows):
    return _row_changes(
        str(Section.PARTNERS.label),
        old_rows,
        new_rows,
        name=lambda row: row["organisation_name"],
        added=lambda row: (
            _("%(name)s added (%(state)s)") % {"name": row["organisation_name"], "state": row["state_label"].lower()}
        ),
        removed=lambda row: _("%(name)s removed") % {"name": row["organisation_name"]},
        compared=[
            (_("name"), "organisation_name", None),
            (_("contact's name"), "contact_name", None),
            (_("contact's email address"), "contact_email", None),
            (_("role in delivery"), "role_in_delivery", None),
            (_("state"), "state_label", None),
        ],
    )


def _uk_date(value):
    if not value:
        return _("nothing")
    return date_format(datetime.date.fromisoformat(value), "j F Y")


def _indicators(old_rows, new_rows):
    section = str(Section.INDICATORS.label)
    changes = []
    for old, new in _paired(old_rows, new_rows, key=lambda row: row["id"]):
        old, new = old or {}, new or {}
        row = new or old
        name = f"{row['code']} {row['name']}".strip()
        for label, key, shown in (
            (_("baseline"), "baseline_value", _number),
            (_("date of the baseline"), "baseline_date", _uk_date),
            (_("source of the baseline"), "baseline_source", _quoted),
        ):
            change = _value_change(section, f"{name}, {label}", old.get(key), new.get(key), shown=shown)
            if change:
                changes.append(change)
        old_targets, new_targets = old.get("targets", {}), new.get("targets", {})
        for year in sorted(set(old_targets) | set(new_targets), key=int):
            change = _value_change(
                section,
                _("%(name)s, target in year %(year)s") % {"name": name, "year": year},
                old_targets.get(year),
                new_targets.get(year),
                shown=_number,
            )
            if change:
                changes.append(change)
    return changes


def _budget(old_rows, new_rows):
    """Each cell whose amount changed; a cell that is not there holds £0."""
    section = str(Section.BUDGET.label)

    def key(row):
        return (row["year"], row["partner_id"], row["category"])

    changes = []
    old_by, new_by = {key(row): row for row in old_rows}, {key(row): row for row in new_rows}
    for cell in sorted(set(old_by) | set(new_by)):
        old, new = old_by.get(cell), new_by.get(cell)
        before, after = (old or {}).get("amount_pence", 0), (new or {}).get("amount_pence", 0)
        if before == after:
            continue
        row = new or old
        changes.append(
            Change(
                section=section,
                text=_("year %(year)d, %(category)s, %(partner)s: %(old)s → %(new)s")
                % {
                    "year": row["year"],
                    "category": row["category_label"],
                    "partner": row["partner"],
                    "old": format_pence(before),
                    "new": format_pence(after),
                },
            )
        )
    return changes


def _themes(old_rows, new_rows):
    section = str(Section.THEMES.label)
    changes = []
    for old, new in _paired(old_rows, new_rows, key=lambda row: row["id"]):
        row = new or old
        change = _value_change(
            section,
            _("response to %(title)s") % {"title": row["title"]},
            (old or {}).get("response", ""),
            (new or {}).get("response", ""),
        )
        if change:
            changes.append(change)
    return changes


def _milestones(old_rows, new_rows):
    def described(row):
        return _("“%(description)s” (month %(month)s)") % row

    return _row_changes(
        _("Milestones"),
        old_rows,
        new_rows,
        name=lambda row: _quoted(row["description"]),
        added=lambda row: _("%(milestone)s added") % {"milestone": described(row)},
        removed=lambda row: _("%(milestone)s removed") % {"milestone": described(row)},
        compared=[(_("description"), "description", None), (_("month"), "month", _number)],
    )


def _outputs(old_rows, new_rows):
    return _row_changes(
        _("Outputs"),
        old_rows,
        new_rows,
        name=lambda row: _quoted(row["description"]),
        added=lambda row: _("%(output)s added") % {"output": _quoted(row["description"])},
        removed=lambda row: _("%(output)s removed") % {"output": _quoted(row["description"])},
        compared=[(_("description"), "description", None), (_("how many"), "quantity", _number)],
    )


def _risks(old_rows, new_rows):
    return _row_changes(
        str(Section.RISKS.label),
        old_rows,
        new_rows,
        name=lambda row: _quoted(row["description"]),
        added=lambda row: (
            _("%(risk)s added (likelihood %(likelihood)s, impact %(impact)s)")
            % {
                "risk": _quoted(row["description"]),
                "likelihood": row["likelihood_label"].lower(),
                "impact": row["impact_label"].lower(),
            }
        ),
        removed=lambda row: _("%(risk)s removed") % {"risk": _quoted(row["description"])},
        compared=[
            (_("description"), "description", None),
            (_("likelihood"), "likelihood_label", None),
            (_("impact"), "impact_label", None),
            (_("mitigation"), "mitigation", None),
        ],
    )


def _attachments(old_rows, new_rows):
    def described(row):
        return _("“%(name)s” (%(kind)s, %(size)s)") % {
            "name": row["name"],
            "kind": row["kind_label"].lower(),
            "size": filesizeformat(row["size"]),
        }

    return _row_changes(
        str(Section.ATTACHMENTS.label),
        old_rows,
        new_rows,
        name=lambda row: _quoted(row["name"]),
        added=lambda row: _("%(attachment)s added") % {"attachment": described(row)},
        removed=lambda row: _("%(attachment)s removed") % {"attachment": described(row)},
        compared=[(_("what it is"), "kind_label", None)],
    )


def _section_order():
    order = {str(section.label): index for index, section in enumerate(Section)}
    milestones = order[str(Section.MILESTONES.label)]
    order[str(_("Milestones"))] = order[str(_("Outputs"))] = milestones
    return order


def changes_between(old, new):
    """Every difference between the snapshots ``old`` and ``new``, in the order the proposal reads."""
    old_proposal, new_proposal = old.get("proposal", {}), new.get("proposal", {})
    changes = [
        *_fields(old.get("fields", {}), new.get("fields", {})),
        *_partner_sections(old_proposal.get("partner_sections", []), new_proposal.get("partner_sections", [])),
        *_partners(old.get("partners", []), new.get("partners", [])),
        *_indicators(old.get("indicators", []), new.get("indicators", [])),
        *_budget(old.get("budget", []), new.get("budget", [])),
        *_themes(old.get("themes", []), new.get("themes", [])),
        *_milestones(old.get("milestones", []), new.get("milestones", [])),
        *_outputs(old.get("outputs", []), new.get("outputs", [])),
        *_risks(old.get("risks", []), new.get("risks", [])),
        *_attachments(old.get("attachments", []), new.get("attachments", [])),
    ]
    order = _section_order()
    return sorted(changes, key=lambda change: order.get(change.section, len(order)))
