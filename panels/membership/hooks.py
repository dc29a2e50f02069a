"""What panel membership adds: the panels on the round's page (officers and members), the member's
panel on their home page (declarations waiting), and how the audit trail reads panels and
declarations."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning.enums import STAGE_ORDER, Stage
from commissioning.registry import HomePanel, LinkGroup, Summary, audit_sentences, home_panel, round_summary
from panels.membership import selectors, sentences

PANELS = LinkGroup("panels", gettext_lazy("Selection panels"))


def _reached_panels(round_):
    return STAGE_ORDER.index(round_.stage) >= STAGE_ORDER.index(Stage.PANELS)


@round_summary(Stage.PANELS)
def panels_summary(round_, user):
    """For officers, once the round reaches the panels or a panel is set up: the panels and their
    members. For a member: their panel, and the declarations still waiting."""
    panels = selectors.panel_counts(round_) if user.has_perm("panels.manage_panel", round_) else []
    manages = bool(panels) or (user.has_perm("panels.manage_panel", round_) and _reached_panels(round_))
    seats = [] if manages else [seat for seat in selectors.seats_with_waiting(user) if seat.panel.round_id == round_.pk]
    if not manages and not seats:
        return None
    summary = Summary(group=PANELS)
    if manages:
        summary.lines.append(
            ngettext("%(n)d panel is set up.", "%(n)d panels are set up.", len(panels)) % {"n": len(panels)}
        )
        for panel in panels:
            summary.lines.append(
                ngettext(
                    "%(title)s: %(n)d member.",
                    "%(title)s: %(n)d members.",
                    panel.member_count,
                )
                % {"title": panel.priority.title, "n": panel.member_count}
            )
        summary.links.append((_("Selection panels"), reverse("panel_list", args=[round_.pk])))
    for seat in seats:
        summary.links.append(
            (
                _("Your panel: %(title)s") % {"title": seat.panel.priority.title},
                reverse("panel_detail", args=[round_.pk, seat.panel_id]),
            )
        )
        if seat.waiting:
            summary.lines.append(_declare_line(seat.waiting))
    return summary


def _declare_line(waiting):
    return ngettext(
        "Declare your interests: %(n)d proposal waiting.",
        "Declare your interests: %(n)d proposals waiting.",
        waiting,
    ) % {"n": waiting}


@home_panel
def panel_home(user):
    """The panels the person sits on, each with the declarations still waiting, and the seats offered to them."""
    seats = list(selectors.seats_with_waiting(user))
    offered = list(selectors.seats_waiting(user))
    if not seats and not offered:
        return None
    for seat in seats:
        seat.waiting_line = _declare_line(seat.waiting) if seat.waiting else ""
    return HomePanel(
        title=_("Selection panels"),
        template="panels/membership/_home.html",
        context={"seats": seats, "offered": offered},
    )


audit_sentences(sentences.SENTENCES)
