"""Pages of meetings: the panel's timetable; slots offered, changed, removed and assigned by the
officer; a proposal's own meeting (booked by its lead, moved or cancelled by the officer); the
meeting record; the follow-ups the proposer marks done."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.meetings import selectors, services
from panels.meetings.forms import (
    AssignForm,
    AttendeeFormSet,
    BookForm,
    FollowUpFormSet,
    NotesForm,
    QuestionFormSet,
    SlotForm,
    rows_formset,
)
from panels.meetings.models import FollowUp, MeetingSlot
from panels.membership.models import Panel
from panels.membership.selectors import panel_of_proposal, panel_proposals
from proposals.writing.models import Proposal


class PanelMixin(SignedInRoundMixin):
    permission_required = "panels.view_panel"

    @cached_property
    def panel(self):
        return get_object_or_404(
            Panel.objects.select_related("priority", "round"), round=self.round, pk=self.kwargs["panel_pk"]
        )

    def get_permission_object(self):
        return self.panel

    def get_context_data(self, **kwargs):
        return super().get_context_data(panel=self.panel, **kwargs)

    def to_timetable(self):
        return redirect("meeting_timetable", self.round.pk, self.panel.pk)


class SlotMixin(PanelMixin):
    permission_required = "panels.manage_panel"

    @cached_property
    def slot(self):
        return get_object_or_404(
            MeetingSlot.objects.select_related("booking__proposal"), panel=self.panel, pk=self.kwargs["slot_pk"]
        )

    def has_permission(self):
        return super().has_permission() and self.slot is not None

    def get_context_data(self, **kwargs):
        return super().get_context_data(slot=self.slot, **kwargs)


class TimetableView(PanelMixin, TemplateView):
    template_name = "panels/meetings/timetable.html"

    def get_context_data(self, **kwargs):
        manages = self.request.user.has_perm("panels.manage_panel", self.panel)
        return super().get_context_data(
            slots=selectors.timetable_for(self.request.user, self.panel),
            unbooked=list(selectors.unbooked_proposals(self.panel)) if manages else [],
            manages=manages,
            now=timezone.now(),
            **kwargs,
        )


def _slot_fields(data):
    starts_at = data["starts_at"]
    return {
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=data["minutes"]),
        "place": data.get("place") or "",
        "video_link": data.get("video_link") or "",
    }


class SlotAddView(PanelMixin, FormView):
    permission_required = "panels.manage_panel"
    template_name = "panels/meetings/slot_form.html"
    form_class = SlotForm

    def form_valid(self, form):
        try:
            services.add_slot(self.panel, by=self.request.user, **_slot_fields(form.cleaned_data))
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("Slot offered."))
        return self.to_timetable()


class SlotEditView(SlotMixin, FormView):
    template_name = "panels/meetings/slot_form.html"
    form_class = SlotForm

    def get_initial(self):
        slot = self.slot
        return {
            "starts_at": slot.starts_at,
            "minutes": int((slot.ends_at - slot.starts_at).total_seconds() // 60),
            "place": slot.place,
            "video_link": slot.video_link,
        }

    def form_valid(self, form):
        try:
            services.change_slot(self.slot, by=self.request.user, **_slot_fields(form.cleaned_data))
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        booked = hasattr(self.slot, "booking")
        messages.success(
            self.request,
            _("Slot changed. Everyone invited has been sent the new time.") if booked else _("Slot changed."),
        )
        return self.to_timetable()


class SlotRemoveView(SlotMixin, TemplateView):
    template_name = "panels/meetings/slot_remove.html"

    def post(self, request, *args, **kwargs):
        try:
            services.remove_slot(self.slot, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return self.to_timetable()
        messages.success(request, _("Slot removed."))
        return self.to_timetable()


class SlotAssignView(SlotMixin, FormView):
    template_name = "panels/meetings/slot_assign.html"
    form_class = AssignForm

    def get_form_kwargs(self):
        proposals = panel_proposals(self.panel).select_related("lead_organisation").order_by("title", "pk")
        return {**super().get_form_kwargs(), "proposals": proposals}

    def form_valid(self, form):
        try:
            services.book_slot(form.cleaned_data["proposal"], self.slot, by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="proposal"))
        messages.success(self.request, _("Meeting assigned. The proposer and the panel have been sent the invitation."))
        return self.to_timetable()


class ProposalMixin(SignedInRoundMixin):
    """A proposal's meeting: the proposal of this round, checked against ``permission_required``."""

    permission_required = "panels.book_meeting"

    @cached_property
    def proposal(self):
        return get_object_or_404(
            Proposal.objects.select_related("lead_organisation", "specification__priority", "round"),
            round=self.round,
            pk=self.kwargs["pk"],
        )

    @cached_property
    def panel(self):
        return panel_of_proposal(self.proposal)

    @cached_property
    def booking(self):
        return selectors.booking_of(self.proposal)

    def get_permission_object(self):
        return self.proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, panel=self.panel, booking=self.booking, **kwargs)

    def to_booking(self):
        return redirect("meeting_booking", self.round.pk, self.proposal.pk)


class BookingView(ProposalMixin, FormView):
    """The proposal's meeting: the slot it holds, the free slots to book or move to, and the
    follow-ups the panel asked of it."""

    template_name = "panels/meetings/booking.html"
    form_class = BookForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "slots": list(selectors.free_slots(self.panel))}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            follow_ups=list(selectors.follow_ups_of(self.proposal)),
            manages=user.has_perm("panels.manage_meeting", self.proposal),
            may_record=user.has_perm("panels.record_meeting", self.proposal),
            **kwargs,
        )

    def form_valid(self, form):
        moving = self.booking is not None and self.booking.slot_id is not None
        try:
            services.book_slot(self.proposal, form.cleaned_data["slot"], by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="slot"))
        messages.success(
            self.request,
            _("Meeting moved. Everyone invited has been sent the new time.")
            if moving
            else _("Meeting booked. We have emailed you a calendar invitation."),
        )
        return self.to_booking()


class CancelView(ProposalMixin, TemplateView):
    permission_required = "panels.manage_meeting"
    template_name = "panels/meetings/cancel.html"

    def has_permission(self):
        return super().has_permission() and self.booking is not None and self.booking.slot_id is not None

    def post(self, request, *args, **kwargs):
        try:
            services.cancel_booking(self.booking, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
            return self.to_booking()
        messages.success(request, _("Meeting cancelled. The proposer and the panel have been told."))
        return self.to_booking()


ROW_GROUPS = {
    "attendee": (AttendeeFormSet, _("Who attended"), _("Person %(n)d"), _("Add another person")),
    "question": (QuestionFormSet, _("Questions and answers"), _("Question %(n)d"), _("Add another question")),
    "follow_up": (
        FollowUpFormSet,
        _("Follow-ups asked of the proposer"),
        _("Follow-up %(n)d"),
        _("Add another follow-up"),
    ),
}


class RecordView(ProposalMixin, TemplateView):
    """The meeting record: attendees from each side, questions and answers, notes and follow-ups.
    "Add another" posts the page back with one more blank row, saving nothing."""

    permission_required = "panels.record_meeting"
    template_name = "panels/meetings/record.html"

    def has_permission(self):
        return super().has_permission() and self.booking is not None and self.booking.slot_id is not None

    def _rows(self):
        record = selectors.record_of(self.booking)
        if record is None:
            return {"attendee": [], "question": [], "follow_up": []}, ""
        return {
            "attendee": [
                {"side": a.side, "name": a.name, "organisation": a.organisation} for a in record.attendees.all()
            ],
            "question": [{"question": q.question, "answer": q.answer} for q in record.questions.all()],
            "follow_up": [{"pk": f.pk, "request": f.request, "due_date": f.due_date} for f in record.follow_ups.all()],
        }, record.notes

    def build(self, data=None):
        rows, notes = self._rows()
        pressed = {prefix for prefix in ROW_GROUPS if data is not None and f"add-{prefix}" in data}
        formsets = {
            prefix: rows_formset(
                klass, prefix=prefix, rows=rows[prefix], data=data, retype=bool(pressed), add=prefix in pressed
            )
            for prefix, (klass, *_labels) in ROW_GROUPS.items()
        }
        notes_form = NotesForm(data=None if pressed else data, initial={"notes": notes})
        if pressed:
            notes_form = NotesForm(initial={"notes": data.get("notes", "")})
        return notes_form, formsets, bool(pressed)

    def get_context_data(self, notes_form=None, formsets=None, **kwargs):
        if notes_form is None:
            notes_form, formsets, _pressed = self.build()
        groups = [
            {
                "prefix": prefix,
                "formset": formsets[prefix],
                "heading": heading,
                "rows": [(legend % {"n": n}, form) for n, form in enumerate(formsets[prefix].forms, start=1)],
                "add_label": add_label,
            }
            for prefix, (_klass, heading, legend, add_label) in ROW_GROUPS.items()
        ]
        errors = [form for group in groups for _legend, form in group["rows"] if form.errors]
        return super().get_context_data(notes_form=notes_form, row_groups=groups, forms_in_error=errors, **kwargs)

    def post(self, request, *args, **kwargs):
        notes_form, formsets, pressed = self.build(request.POST)
        if pressed or not (notes_form.is_valid() and all(f.is_valid() for f in formsets.values())):
            status = 200 if pressed else 400
            return self.render_to_response(
                self.get_context_data(notes_form=notes_form, formsets=formsets), status=status
            )
        try:
            services.save_record(
                self.booking,
                by=request.user,
                notes=notes_form.cleaned_data["notes"],
                attendees=formsets["attendee"].rows(),
                questions=formsets["question"].rows(),
                follow_ups=formsets["follow_up"].rows(),
            )
        except ApplicationError as error:
            show_application_error(request, error)
            return self.to_booking()
        messages.success(request, _("Meeting record saved."))
        return redirect("meeting_record", self.round.pk, self.proposal.pk)


class FollowUpDoneView(ProposalMixin, View):
    permission_required = "panels.view_follow_ups"

    def post(self, request, *args, **kwargs):
        follow_up = FollowUp.objects.filter(
            record__booking__proposal=self.proposal, pk=self.kwargs["follow_up_pk"]
        ).first()
        if follow_up is None:
            raise Http404
        done = request.POST.get("done") != "0"
        services.mark_follow_up_done(follow_up, by=request.user, done=done)
        messages.success(request, _("Marked done.") if done else _("Marked not yet done."))
        return self.to_booking()
