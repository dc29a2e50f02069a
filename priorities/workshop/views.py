"""Pages of the priority workshop: set-up, the ballot on a phone, the projector, paper counts,
choosing the priorities, and the results.

Voting is open to a participant signed in with their account, or to one who joined in the room
with their code: the code puts that one participant's id in the session, for that workshop only.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.exports import csv_response
from commissioning.common.links import absolute_url
from commissioning.common.ratelimit import client_of, count_attempt, limit_key
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.documents.models import DocumentStatus
from commissioning.documents.services import latest_document
from commissioning.documents.views import document_response
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.workshop import selectors, services, tally, voting
from priorities.workshop.enums import ACTION_STATES, WorkshopState
from priorities.workshop.forms import (
    AddParticipantsForm,
    CrossCuttingForm,
    GroupForm,
    JoinCodeForm,
    PaperCountsForm,
    TieForm,
    WorkshopForm,
)
from priorities.workshop.models import CrossCuttingTheme, DiscussionGroup, Participant, Workshop

SESSION_SEATS = "workshop_seats"  # {workshop id: participant id} for people who joined with a code


class WorkshopMixin(StateRuleMixin, SignedInRoundMixin):
    """Loads ``self.workshop`` of the round from the URL and checks the rule against it, then the
    workshop's state against ``state_action`` (a key of ACTION_STATES) when the view names one: outside
    the states the action starts from, the view redirects to the workshop's page with the reason."""

    permission_required = "priorities.manage_workshop"
    state_action = None

    @cached_property
    def workshop(self):
        return get_object_or_404(Workshop.objects.select_related("round"), pk=self.kwargs["pk"], round=self.round)

    def get_permission_object(self):
        return self.workshop

    def state_refusal(self):
        return services.refusal_for(self.workshop, self.state_action) if self.state_action else None

    def state_refused_url(self):
        return reverse("workshop_detail", args=[self.round.pk, self.workshop.pk])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("workshop", self.workshop)
        # What the workshop's state allows, for the templates to offer only those forms and buttons.
        kwargs.setdefault("allowed", {action: self.workshop.allows(action) for action in ACTION_STATES})
        return super().get_context_data(**kwargs)

    def back_to_workshop(self):
        return redirect("workshop_detail", round_pk=self.round.pk, pk=self.workshop.pk)

    def back_to_where_asked(self):
        """To the projector when the form was posted from there, else to the workshop page."""
        target = "workshop_projector" if self.request.POST.get("next") == "projector" else "workshop_detail"
        return redirect(target, round_pk=self.round.pk, pk=self.workshop.pk)


class WorkshopListView(SignedInRoundMixin, TemplateView):
    permission_required = "priorities.view_workshop_list"
    template_name = "priorities/workshop/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workshops"] = selectors.workshops_visible_to(self.request.user, self.round)
        context["can_add"] = self.request.user.has_perm("priorities.add_workshop", self.round)
        context["setup_refusal"] = services.setup_refusal(self.round)
        return context


def _refused_setup(request, error, form):
    """A refused set-up on the form: against the input it is about, when it names one."""
    return show_application_error(request, error, form=form, field=getattr(error, "field", None))


class WorkshopCreateView(SignedInRoundMixin, FormView):
    """Set up a workshop; outside the round's workshop stage the page says why it cannot be done."""

    permission_required = "priorities.add_workshop"
    template_name = "priorities/workshop/form.html"
    form_class = WorkshopForm

    @cached_property
    def setup_refusal(self):
        return services.setup_refusal(self.round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_": self.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(setup_refusal=self.setup_refusal, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.setup_refusal:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            workshop = services.create_workshop(
                self.round, by=self.request.user, issues=list(form.cleaned_data["issues"]), **form.workshop_fields()
            )
        except ApplicationError as error:
            return self.form_invalid(_refused_setup(self.request, error, form))
        messages.success(self.request, _("Workshop created. Add the participants next."))
        return redirect("workshop_participants", round_pk=self.round.pk, pk=workshop.pk)


class WorkshopUpdateView(WorkshopMixin, FormView):
    """The set-up, offered only while the service would accept it (before voting opens)."""

    template_name = "priorities/workshop/form.html"
    form_class = WorkshopForm
    state_action = "set_up"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_": self.round, "instance": self.workshop}

    def form_valid(self, form):
        try:
            services.update_workshop(
                self.workshop, by=self.request.user, issues=list(form.cleaned_data["issues"]), **form.workshop_fields()
            )
        except ApplicationError as error:
            return self.form_invalid(_refused_setup(self.request, error, form))
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.form_invalid(form)
        messages.success(self.request, _("Workshop saved."))
        return self.back_to_workshop()


class WorkshopDetailView(WorkshopMixin, TemplateView):
    """The facilitator's page: state, actions, participants with their ballots, groups."""

    permission_required = "priorities.view_workshop"
    template_name = "priorities/workshop/detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("priorities.manage_workshop", self.workshop):
            if request.user.has_perm("priorities.view_workshop_results", self.workshop):
                return redirect("workshop_results", round_pk=self.round.pk, pk=self.workshop.pk)
            if selectors.participant_for(request.user, self.workshop.pk):
                return redirect("workshop_vote", round_pk=self.round.pk, pk=self.workshop.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.workshop
        context["participants"] = selectors.participants(workshop)
        context["ballots"] = selectors.all_ballots(workshop)
        context["issues"] = workshop.issues.order_by("name")
        context["groups"] = workshop.groups.select_related("note_taker").prefetch_related("members__user")
        context["tally"] = tally.workshop_tally(workshop)
        context["states"] = WorkshopState
        return context


class WorkshopStateView(WorkshopMixin, View):
    """Open discussion, open voting, close voting: the action posted, refused (with the reason, on the
    page the form was posted from) when the workshop's state does not allow it."""

    ACTIONS = {
        "open_discussion": (services.open_discussion, _("The workshop is open for discussion.")),
        "open_voting": (services.open_voting, _("Voting is open.")),
        "close_voting": (services.close_voting, _("Voting is closed.")),
    }

    @property
    def state_action(self):
        action = self.request.POST.get("action", "")
        return action if action in self.ACTIONS else None

    def state_refused_url(self):
        target = "workshop_projector" if self.request.POST.get("next") == "projector" else "workshop_detail"
        return reverse(target, args=[self.round.pk, self.workshop.pk])

    def post(self, request, round_pk, pk):
        action = self.ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Choose what to do."))
            return self.back_to_workshop()
        service, done = action
        try:
            service(self.workshop, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, done)
        return self.back_to_where_asked()


class TallyVisibilityView(WorkshopMixin, View):
    def post(self, request, round_pk, pk):
        show = request.POST.get("show") == "yes"
        services.set_tally_visibility(self.workshop, by=request.user, show=show)
        messages.success(request, _("The tally is shown.") if show else _("The tally is hidden until the reveal."))
        return self.back_to_where_asked()


class ParticipantsPageMixin(WorkshopMixin):
    """The participants' page and its forms: a POST the state does not allow goes back to the page."""

    state_guarded_methods = ("POST",)

    def state_refused_url(self):
        return reverse("workshop_participants", args=[self.round.pk, self.workshop.pk])


class ParticipantsView(ParticipantsPageMixin, FormView):
    """The participants, with the form to add more while the service would accept them."""

    template_name = "priorities/workshop/participants.html"
    form_class = AddParticipantsForm
    state_action = "change_participants"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workshop": self.workshop}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = selectors.participants(self.workshop)
        return context

    def form_valid(self, form):
        try:
            added = services.add_participants(self.workshop, list(form.cleaned_data["users"]), by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request,
            ngettext("%(n)d participant added.", "%(n)d participants added.", len(added)) % {"n": len(added)},
        )
        return redirect("workshop_participants", round_pk=self.round.pk, pk=self.workshop.pk)


class ParticipantMixin(ParticipantsPageMixin):
    @cached_property
    def participant(self):
        return get_object_or_404(
            Participant.objects.select_related("user", "workshop"),
            pk=self.kwargs["participant_pk"],
            workshop=self.workshop,
        )


class RemoveParticipantView(ParticipantMixin, View):
    state_action = "change_participants"

    def post(self, request, round_pk, pk, participant_pk):
        try:
            services.remove_participant(self.participant, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("%(person)s removed.") % {"person": self.participant.user})
        return redirect("workshop_participants", round_pk=round_pk, pk=pk)


def qr_svg(text):
    """``text`` as a QR code in inline SVG."""
    import qrcode.image.svg  # slow import: only a participant's card draws a QR code

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    return image.to_string(encoding="unicode")


class ParticipantCodeView(ParticipantMixin, TemplateView):
    """The card an officer hands over: the code and its QR code, for this participant and workshop."""

    template_name = "priorities/workshop/code.html"
    state_action = "issue_codes"

    def post(self, request, round_pk, pk, participant_pk):
        try:
            services.issue_join_code(self.participant, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return redirect("workshop_participants", round_pk=round_pk, pk=pk)
        return redirect("workshop_participant_code", round_pk=round_pk, pk=pk, participant_pk=participant_pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.participant
        context["participant"] = participant
        if participant.join_code:
            link = absolute_url(reverse("workshop_join") + f"?code={participant.join_code}", request=self.request)
            context["join_link"] = link
            context["qr"] = qr_svg(link)
            context["code_groups"] = f"{participant.join_code[:4]} {participant.join_code[4:]}"
        return context


class GroupView(WorkshopMixin, FormView):
    template_name = "priorities/workshop/group_form.html"
    form_class = GroupForm
    state_action = "change_groups"

    @cached_property
    def group(self):
        if "group_pk" not in self.kwargs:
            return None
        return get_object_or_404(DiscussionGroup, pk=self.kwargs["group_pk"], workshop=self.workshop)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workshop": self.workshop, "instance": self.group}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.save_group(
                self.workshop,
                by=self.request.user,
                group=self.group,
                name=data["name"],
                notes=data["notes"],
                note_taker=data["note_taker"],
                members=list(data["members"]),
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("Group saved."))
        return self.back_to_workshop()


def _session_seat_id(request, workshop_pk):
    """The participant the person joined as with a code at this workshop, if any."""
    return request.session.get(SESSION_SEATS, {}).get(str(workshop_pk))


def _seat_from_session(request, workshop_pk):
    participant_pk = _session_seat_id(request, workshop_pk)
    return selectors.participant_by_id(participant_pk, workshop_pk) if participant_pk else None


class BallotMixin:
    """Finds the person's own seat at the workshop; anyone without one gets a 404."""

    load_seat_first = True

    def dispatch(self, request, round_pk, pk, **kwargs):
        if self.load_seat_first and not self.find_seat(request, round_pk, pk):
            return self.no_seat(request)
        return super().dispatch(request, round_pk, pk, **kwargs)

    def find_seat(self, request, round_pk, pk):
        participant = selectors.participant_for(request.user, pk) or _seat_from_session(request, pk)
        if participant is None or participant.workshop.round_id != round_pk:
            return False
        self.participant = participant
        self.workshop = participant.workshop
        return True

    def no_seat(self, request):
        if not request.user.is_authenticated:
            return redirect(reverse("workshop_join"))
        raise Http404

    def ballot_context(self, *, status="", error=""):
        workshop, participant = self.workshop, self.participant
        mine = selectors.own_dots(participant)
        placed = sum(mine.values())
        left = workshop.dots_per_participant - placed
        voting_here = workshop.is_voting and not workshop.is_paper
        issues = list(selectors.wall_issues(workshop))
        context = {
            "workshop": workshop,
            "participant": participant,
            "cards": [
                (
                    issue,
                    mine.get(issue.pk, 0),
                    voting_here and left > 0 and (workshop.allow_stacking or not mine.get(issue.pk)),
                )
                for issue in issues
            ],
            "placed": placed,
            "left": left,
            "voting_here": voting_here,
            "waiting": not workshop.is_paper and workshop.state != WorkshopState.CONFIRMED and not workshop.is_voting,
            "limit": workshop.dots_per_participant,
            "status": status,
            "error": error,
            "evidence_links": self.request.user.has_perm("priorities.view_evidence", workshop.round),
            "signed_in_as_participant": self.request.user.is_authenticated
            and self.request.user.pk == participant.user_id,
        }
        if workshop.show_tally and not workshop.is_paper:
            context["tally"] = tally.workshop_tally(workshop)
        return context


class BallotView(BallotMixin, View):
    """The participant's ballot. While voting is not open htmx asks every few seconds whether the
    workshop's state has changed ("204 No Content" while it has not, so evidence being read stays
    open) and swaps in the new ballot when it has: the page changes by itself when voting opens."""

    template_name = "priorities/workshop/ballot.html"

    def get(self, request, round_pk, pk):
        if request.htmx and request.GET.get("shown") == self.workshop.state:
            return HttpResponse(status=204)
        if request.htmx:
            limit = self.workshop.dots_per_participant
            status = (
                ngettext("Voting is open. Place your dot.", "Voting is open. Place your dots.", limit)
                if self.workshop.is_voting
                else ""
            )
            return render(request, "priorities/workshop/_ballot.html", self.ballot_context(status=status))
        context = self.ballot_context()
        context["round"] = self.workshop.round if context["signed_in_as_participant"] else None
        return render(request, self.template_name, context)


class DotView(BallotMixin, View):
    """Place or take back one dot. Plain forms get a redirect; htmx gets the ballot back."""

    remove = False

    def answer(self, request, round_pk, pk, issue_id, *, status="", refusal=None):
        if request.htmx:
            error = " ".join([refusal.message, *map(str, refusal.details)]) if refusal else ""
            return render(request, "priorities/workshop/_ballot.html", self.ballot_context(status=status, error=error))
        if refusal:
            show_application_error(request, refusal)
        else:
            messages.success(request, status)
        return redirect(f"{reverse('workshop_vote', args=[round_pk, pk])}#issue-{issue_id}")

    def status(self, dot):
        values = {"issue": dot.issue.name, "left": dot.dots_left, "limit": dot.dots_limit}
        done = (_("Dot taken back from %(issue)s.") if self.remove else _("Dot placed on %(issue)s.")) % values
        left = ngettext("%(left)d of %(limit)d dot left.", "%(left)d of %(limit)d dots left.", dot.dots_limit)
        return f"{done} {left % values}"


class RemoveDotView(DotView):
    remove = True

    def post(self, request, round_pk, pk):
        issue_id = _issue_id(request)
        try:
            dot = voting.remove_dot(self.participant, issue_id, by=self.participant.user)
        except ApplicationError as refusal:
            return self.answer(request, round_pk, pk, issue_id, refusal=refusal)
        return self.answer(request, round_pk, pk, issue_id, status=self.status(dot))


class PlaceDotView(DotView):
    """Place one dot: the room's busiest request. The seat is checked by the service's own read
    rather than loaded first; the ballot is loaded only when htmx wants it back."""

    load_seat_first = False

    def post(self, request, round_pk, pk):
        issue_id = _issue_id(request)
        seat = voting.Seat(
            workshop_id=pk,
            round_id=round_pk,
            user_id=request.user.pk if request.user.is_authenticated else None,
            participant_id=_session_seat_id(request, pk),
        )
        status, refused = "", None
        try:
            status = self.status(voting.place_dot(seat, issue_id))
        except voting.NoSeat:
            return self.no_seat(request)
        except ApplicationError as refusal:
            refused = refusal
        if request.htmx and not self.find_seat(request, round_pk, pk):
            return self.no_seat(request)
        return self.answer(request, round_pk, pk, issue_id, status=status, refusal=refused)


def _issue_id(request):
    """The posted issue's id, or 0 (no issue) for anything that is not a plausible id."""
    value = request.POST.get("issue", "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


class JoinView(View):
    """Join a workshop in the room with the code on a participant's card (or its QR code).

    Wrong codes are counted so that codes cannot be guessed by trying them in turn: per browser and per
    account when signed in (a person who mistypes too often waits, alone), per join code (wrong codes
    one slip from a real code count against it, and once it has too many, it and the codes near it are
    refused alike, so the refusal does not say which is real: the facilitator can issue a new one), and
    per client address, with a limit high enough for a whole room on one network
    (commissioning/common/client.py says which address counts).
    """

    template_name = "priorities/workshop/join.html"
    window_seconds = 600
    browser_failures_key = "workshop_join_failures"

    def _client_key(self, request):
        return limit_key("workshop-join-client", client_of(request))

    def _account_key(self, request):
        return limit_key("workshop-join-account", request.user.pk) if request.user.is_authenticated else None

    @staticmethod
    def _code_keys(codes):
        return [limit_key("workshop-join-code", code) for code in codes]

    def _browser_failures(self, request):
        """The times of this browser's wrong codes within the window, kept in its session."""
        now = time.time()
        return [t for t in request.session.get(self.browser_failures_key, []) if t > now - self.window_seconds]

    def _refused(self, request):
        if len(self._browser_failures(request)) >= settings.JOIN_CODE_FAILURES_PER_BROWSER:
            return True
        account_key = self._account_key(request)
        if account_key and cache.get(account_key, 0) >= settings.JOIN_CODE_FAILURES_PER_BROWSER:
            return True
        return cache.get(self._client_key(request), 0) >= settings.FAILURES_PER_CLIENT

    def _code_locked(self, code, near):
        counts = cache.get_many(self._code_keys([code, *near]))
        return any(count >= settings.JOIN_CODE_FAILURES_PER_CODE for count in counts.values())

    def _count_failure(self, request, near):
        request.session[self.browser_failures_key] = [*self._browser_failures(request), time.time()]
        keys = [self._client_key(request), self._account_key(request), *self._code_keys(near)]
        for key in filter(None, keys):
            count_attempt(key, window_seconds=self.window_seconds)

    def _too_many(self, form):
        form.add_error(None, _("Too many wrong codes. Wait ten minutes, or ask the facilitator for help."))
        return render(self.request, self.template_name, {"form": form})

    def get(self, request):
        form = JoinCodeForm(initial={"code": request.GET.get("code", "")})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = JoinCodeForm(request.POST)
        if self._refused(request):
            return self._too_many(form)
        if form.is_valid():
            code = selectors.normalised_code(form.cleaned_data["code"])
            near = selectors.codes_near(code)
            if code and self._code_locked(code, near):
                return self._too_many(form)
            participant = selectors.participant_for_code(code)
            if participant is None or participant.workshop.state == WorkshopState.CONFIRMED:
                self._count_failure(request, near)
                form.add_error(
                    "code", _("That code does not match a workshop that is running. Check it and try again.")
                )
            else:
                seats = request.session.get(SESSION_SEATS, {})
                seats[str(participant.workshop_id)] = participant.pk
                request.session[SESSION_SEATS] = seats
                request.session.pop(self.browser_failures_key, None)
                request.session.cycle_key()
                messages.success(
                    request,
                    _("Welcome, %(person)s. You are taking part in %(workshop)s.")
                    % {"person": participant.user, "workshop": participant.workshop},
                )
                return redirect("workshop_vote", round_pk=participant.workshop.round_id, pk=participant.workshop_id)
        return render(request, self.template_name, {"form": form})


class ProjectorView(WorkshopMixin, TemplateView):
    """The room's screen: every issue's bar, turnout and the facilitator's controls, without the site's
    header. htmx refreshes the tally every second and the controls when the workshop's state changes;
    without JavaScript the page reloads itself."""

    template_name = "priorities/workshop/projector.html"

    # Up to this many issues stand in one column; more are split over two, so the type stays large.
    ONE_COLUMN_UP_TO = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop_tally = tally.workshop_tally(self.workshop)
        columns = 1 if len(workshop_tally.rows) <= self.ONE_COLUMN_UP_TO else 2
        context["tally"] = workshop_tally
        context["columns"] = columns
        context["rows_per_column"] = max(1, -(-len(workshop_tally.rows) // columns))
        context["controls_key"] = _controls_key(self.workshop)
        context["join_link"] = self.request.build_absolute_uri(reverse("workshop_join"))
        return context


class ProjectorTallyView(ProjectorView):
    """The fragment htmx fetches every second: turnout, state and the bars."""

    template_name = "priorities/workshop/_projector_tally.html"


def _controls_key(workshop):
    """What the facilitator's controls depend on: they are drawn again only when it changes."""
    return f"{workshop.state}-{'shown' if workshop.show_tally else 'hidden'}"


class ProjectorControlsView(WorkshopMixin, TemplateView):
    """The facilitator's controls, polled by the projector: "204 No Content" while the state and the
    tally's visibility are as the page shows them, so a button in focus is never replaced."""

    template_name = "priorities/workshop/_projector_controls.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("shown") == _controls_key(self.workshop):
            return HttpResponse(status=204)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(controls_key=_controls_key(self.workshop), **kwargs)


class CardsView(WorkshopMixin, TemplateView):
    """Every participant's join code and QR code as cards to print and cut out."""

    template_name = "priorities/workshop/cards.html"
    state_action = "issue_codes"
    state_guarded_methods = ("POST",)

    def state_refused_url(self):
        return reverse("workshop_cards", args=[self.round.pk, self.workshop.pk])

    def post(self, request, round_pk, pk):
        try:
            issued = services.issue_missing_join_codes(self.workshop, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, ngettext("%(n)d code issued.", "%(n)d codes issued.", issued) % {"n": issued})
        return redirect("workshop_cards", round_pk=round_pk, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = list(selectors.participants(self.workshop))
        join = self.request.build_absolute_uri(reverse("workshop_join"))
        context["cards"] = [
            {
                "participant": participant,
                "code": f"{participant.join_code[:4]} {participant.join_code[4:]}",
                "qr": qr_svg(f"{join}?code={participant.join_code}"),
            }
            for participant in people
            if participant.join_code
        ]
        context["without_code"] = [participant for participant in people if not participant.join_code]
        context["join_link"] = join
        return context


class PaperCountsView(WorkshopMixin, FormView):
    """The tally of a paper workshop, with the form for the counts while the service would take them."""

    template_name = "priorities/workshop/paper.html"
    form_class = PaperCountsForm
    state_action = "count_paper"
    state_guarded_methods = ("POST",)

    def state_refused_url(self):
        return reverse("workshop_paper", args=[self.round.pk, self.workshop.pk])

    def dispatch(self, request, *args, **kwargs):
        if self.has_permission() and not self.workshop.is_paper:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def tally(self):
        return tally.workshop_tally(self.workshop)

    def get_form_kwargs(self):
        counts = {row.issue.pk: row.by_sector for row in self.tally.rows}
        issues = sorted((row.issue for row in self.tally.rows), key=lambda issue: issue.name.lower())
        return {**super().get_form_kwargs(), "issues": issues, "counts": counts}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tally"] = self.tally
        return context

    def form_valid(self, form):
        try:
            changed = services.record_paper_counts(self.workshop, form.changed_counts(), by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, ngettext("%(n)d count saved.", "%(n)d counts saved.", changed) % {"n": changed})
        return redirect("workshop_paper", round_pk=self.round.pk, pk=self.workshop.pk)


class DecidingMixin(WorkshopMixin):
    """The decisions after voting (the tie, cross-cutting themes, confirmation): posted only while
    voting is closed, the "decide" state the services require; otherwise back to the choose page."""

    state_action = "decide"
    state_guarded_methods = ("POST",)

    def state_refused_url(self):
        return reverse("workshop_choose", args=[self.round.pk, self.workshop.pk])


class ChooseView(DecidingMixin, TemplateView):
    """Ranked issues, the tie across the cut-off, cross-cutting decisions and confirmation; the forms
    only while the decisions can be made."""

    template_name = "priorities/workshop/choose.html"

    @cached_property
    def selection(self):
        return tally.workshop_selection(self.workshop)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selection = self.selection
        context["selection"] = selection
        context["deciding"] = self.workshop.allows("decide")
        context["status_labels"] = tally.STATUS_LABELS
        if selection.has_tie and context["deciding"]:
            context.setdefault("tie_form", TieForm(selection=selection))
            context["tie_form"].helper.form_action = reverse("workshop_tie", args=[self.round.pk, self.workshop.pk])
        context.setdefault("cross_cutting_form", CrossCuttingForm(selection=selection))
        context["cross_cutting_form"].helper.form_action = reverse(
            "workshop_cross_cutting", args=[self.round.pk, self.workshop.pk]
        )
        return context


class TieView(ChooseView):
    def post(self, request, round_pk, pk):
        form = TieForm(request.POST, selection=self.selection)
        if form.is_valid():
            try:
                services.resolve_tie(
                    self.workshop,
                    by=request.user,
                    chosen=list(form.cleaned_data["chosen"]),
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                show_application_error(request, error, form=form)
            else:
                messages.success(
                    request,
                    _("The decision on the tie is changed and the reason recorded.")
                    if self.selection.decision
                    else _("The tie is resolved and the reason recorded."),
                )
                return redirect("workshop_choose", round_pk=round_pk, pk=pk)
        return self.render_to_response(self.get_context_data(tie_form=form))


class CrossCuttingView(ChooseView):
    def post(self, request, round_pk, pk):
        form = CrossCuttingForm(request.POST, selection=self.selection)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.make_cross_cutting(
                    self.workshop,
                    data["issue"],
                    by=request.user,
                    rationale=data["rationale"],
                    requirements=data["requirements"],
                )
            except ApplicationError as error:
                show_application_error(request, error, form=form)
            else:
                messages.success(request, _("%(issue)s is cross-cutting.") % {"issue": data["issue"]})
                return redirect("workshop_choose", round_pk=round_pk, pk=pk)
        return self.render_to_response(self.get_context_data(cross_cutting_form=form))


class RemoveCrossCuttingView(DecidingMixin, View):
    def post(self, request, round_pk, pk, theme_pk):
        theme = get_object_or_404(CrossCuttingTheme, pk=theme_pk, workshop=self.workshop)
        try:
            services.remove_cross_cutting(theme, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("%(issue)s is no longer cross-cutting.") % {"issue": theme.title})
        return redirect("workshop_choose", round_pk=round_pk, pk=pk)


class ConfirmView(DecidingMixin, View):
    def post(self, request, round_pk, pk):
        try:
            services.confirm_results(self.workshop, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return redirect("workshop_choose", round_pk=round_pk, pk=pk)
        messages.success(request, _("The priorities are confirmed and the round has moved on to specifications."))
        return redirect("workshop_results", round_pk=round_pk, pk=pk)


class ResultsView(WorkshopMixin, TemplateView):
    permission_required = "priorities.view_workshop_results"
    template_name = "priorities/workshop/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["selection"] = tally.workshop_selection(self.workshop)
        context["tie_decisions"] = selectors.tie_decisions(self.workshop)
        context["document"] = latest_document(self.workshop, services.RESULTS_PDF_KIND)
        context["can_manage"] = self.request.user.has_perm("priorities.manage_workshop", self.workshop)
        context["status_labels"] = tally.STATUS_LABELS
        return context


class ResultsPdfStatusView(ResultsView):
    template_name = "priorities/workshop/_pdf_status.html"

    def get_context_data(self, **kwargs):
        return {
            "workshop": self.workshop,
            "round": self.round,
            "document": latest_document(self.workshop, services.RESULTS_PDF_KIND),
        }


class ResultsPdfView(WorkshopMixin, View):
    permission_required = "priorities.view_workshop_results"
    state_action = "results_pdf"
    state_guarded_methods = ("POST",)

    def state_refused_url(self):
        return reverse("workshop_results", args=[self.round.pk, self.workshop.pk])

    def get(self, request, round_pk, pk):
        document = latest_document(self.workshop, services.RESULTS_PDF_KIND)
        if document is None or document.status != DocumentStatus.READY:
            raise Http404
        return document_response(document, filename=f"workshop-{self.workshop.pk}-results.pdf")

    def post(self, request, round_pk, pk):
        if not request.user.has_perm("priorities.manage_workshop", self.workshop):
            raise Http404
        try:
            services.request_results_pdf(self.workshop)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("The results PDF is being prepared."))
        return redirect("workshop_results", round_pk=round_pk, pk=pk)


class ResultsCsvView(WorkshopMixin, View):
    permission_required = "priorities.view_workshop_results"

    def get(self, request, round_pk, pk):
        return csv_response(tally.results_table(self.workshop), f"workshop-{self.workshop.pk}-results.csv")
