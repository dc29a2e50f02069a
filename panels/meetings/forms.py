"""Forms of meetings: a slot (its start the GOV.UK way, its length, place or video link), the slot
a proposal books, the proposal an officer assigns to a slot, and the meeting record's rows."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import DateInputField, DateTimeInputField, GDSFormMixin
from panels.meetings.models import Attendee
from panels.meetings.services import when
from proposals.writing.forms_plan import MAX_ROWS, RowForm, RowFormSet, rows_formset

__all__ = ["rows_formset"]


class SlotForm(GDSFormMixin, forms.Form):
    submit_label = _("Save the slot")

    starts_at = DateTimeInputField(label=_("When the meeting starts"))
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        initial=90,
        min_value=15,
        max_value=480,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False, help_text=_("An address or a room"))
    video_link = forms.URLField(
        label=_("Video link"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("For example, https://meet.example.org/panel. Give a place, a video link or both."),
    )
    error_names = {"starts_at": _("when the meeting starts"), "minutes": _("the length of the meeting")}

    def clean(self):
        data = super().clean()
        missing = not (data.get("place") or "").strip() and not (data.get("video_link") or "").strip()
        if missing and "place" not in self.errors and "video_link" not in self.errors:
            self.add_error("place", _("Enter a place or a video link"))
        return data


def slot_label(slot):
    """A slot as a choice reads: its time, then where."""
    where = ", ".join(part for part in (slot.place, str(_("by video")) if slot.video_link else "") if part)
    return f"{when(slot.starts_at)} – {where}"


class BookForm(GDSFormMixin, forms.Form):
    """The free slot a proposal books."""

    submit_label = _("Book this slot")

    slot = forms.ChoiceField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time for the meeting"),
            "invalid_choice": _("That slot has just been taken: choose another"),
        },
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {str(slot.pk): slot for slot in slots}
        self.fields["slot"].choices = [(key, slot_label(slot)) for key, slot in self.slots.items()]

    def clean_slot(self):
        return self.slots[self.cleaned_data["slot"]]


class AssignForm(GDSFormMixin, forms.Form):
    """The proposal an officer puts in a slot (moving its meeting if it had one)."""

    submit_label = _("Assign to this slot")

    proposal = forms.ChoiceField(label=_("Proposal"), error_messages={"required": _("Choose a proposal")})

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = {str(proposal.pk): proposal for proposal in proposals}
        self.fields["proposal"].choices = [
            ("", _("Choose a proposal")),
            *[
                (key, f"{proposal.title} ({proposal.lead_organisation.name})")
                for key, proposal in self.proposals.items()
            ],
        ]

    def clean_proposal(self):
        return self.proposals[self.cleaned_data["proposal"]]


class NotesForm(GDSFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes of the meeting"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []


class AttendeeForm(RowForm):
    side = forms.ChoiceField(label=_("Side"), choices=Attendee.Side.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    error_names = {"side": _("the side the person came from"), "name": _("the name of the person")}


class QuestionForm(RowForm):
    question = forms.CharField(label=_("Question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(
        label=_("Answer"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    error_names = {"question": _("the question"), "answer": _("the answer")}


class FollowUpForm(RowForm):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    request = forms.CharField(
        label=_("What is asked of the proposer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = DateInputField(label=_("Due by"))
    error_names = {"request": _("what is asked of the proposer"), "due_date": _("the date the follow-up is due")}


def _formset(form, remove_label):
    klass = formset_factory(
        form, formset=RowFormSet, extra=0, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
    )
    klass.remove_label = remove_label
    return klass


AttendeeFormSet = _formset(AttendeeForm, _("Remove this person"))
QuestionFormSet = _formset(QuestionForm, _("Remove this question"))
FollowUpFormSet = _formset(FollowUpForm, _("Remove this follow-up"))


class FollowUpDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
