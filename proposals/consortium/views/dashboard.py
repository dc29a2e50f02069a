"""A bidder's dashboard for one round: the published specifications and their deadlines, the
proposals of the organisations they act for, the invitations waiting for their answer and the
answers to the questions they follow."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from commissioning.registry import bidder_links
from commissioning.rounds.mixins import SignedInRoundMixin
from proposals.bidders.selectors import my_bidders, takes_registrations
from proposals.consortium import selectors
from proposals.writing.completeness import completeness_percent, section_statuses


def time_left(deadline, now=None):
    """The time until ``deadline`` in words: "12 days left", "5 hours left", "Closed"."""
    if deadline is None:
        return ""
    seconds = (deadline - (now or timezone.now())).total_seconds()
    if seconds <= 0:
        return _("Closed")
    days, hours, minutes = int(seconds // 86400), int(seconds // 3600), int(seconds // 60)
    if days >= 1:
        return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
    if hours >= 1:
        return ngettext("%(n)d hour left", "%(n)d hours left", hours) % {"n": hours}
    minutes = max(minutes, 1)
    return ngettext("%(n)d minute left", "%(n)d minutes left", minutes) % {"n": minutes}


class DashboardView(SignedInRoundMixin, TemplateView):
    permission_required = "proposals.view_bidder_dashboard"
    template_name = "proposals/consortium/dashboard.html"

    def get_context_data(self, **kwargs):
        user, round_ = self.request.user, self.round
        now = timezone.now()
        specifications = [
            (
                spec,
                time_left(spec.proposal_deadline, now),
                spec.proposal_deadline is None or now < spec.proposal_deadline,
            )
            for spec in selectors.open_specifications(round_)
        ]
        proposals = selectors.my_proposals(user, round_)
        if proposals:
            themes = list(round_.cross_cutting_themes.order_by("title"))
            for proposal in proposals:
                indicators = sorted(proposal.specification.indicators.all(), key=lambda indicator: indicator.code)
                statuses = section_statuses(proposal, indicators=indicators, themes=themes)
                proposal.completeness = completeness_percent(statuses)
                proposal.sections_to_do = sum(1 for status in statuses if not status.complete)
        return super().get_context_data(
            bidders=list(my_bidders(user, round_)),
            specifications=specifications,
            proposals=proposals,
            invitations=list(selectors.invitations_waiting(user, round_)),
            answers=list(selectors.answers_followed(user, round_)),
            takes_registrations=takes_registrations(round_),
            later_links=bidder_links(round_, user),
            **kwargs,
        )
