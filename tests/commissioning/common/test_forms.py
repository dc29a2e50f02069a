"""The shared GOV.UK form pieces: messages that name their field, the date inputs, the error summary."""

import datetime
import re
import zoneinfo

import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import Layout
from django import forms
from django.template import Context, Template
from django.urls import reverse

from commissioning.common.forms import (
    DateInputField,
    DateTimeInputField,
    GDSFormMixin,
    error_summary_items,
    phrase_from_label,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")


class ExampleForm(GDSFormMixin, forms.Form):
    error_names = {"name": "the round's name"}

    name = forms.CharField(label="Name", max_length=10)
    email = forms.EmailField(label="Email address")
    years = forms.IntegerField(label="Number of years", min_value=1, max_value=10)
    amount = forms.DecimalField(label="Amount (£)", decimal_places=2)
    outcome = forms.ChoiceField(label="Outcome", choices=[("", "Choose"), ("o1", "O1"), ("o2", "O2")])
    direction = forms.ChoiceField(label="Direction", choices=[("up", "Up"), ("down", "Down")], widget=forms.RadioSelect)
    issues = forms.MultipleChoiceField(
        label="Candidate issues", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5)
    start_date = forms.DateField(label="Start date")
    deadline = forms.DateTimeField(label="Deadline for proposals", required=False)
    own = forms.CharField(label="Own", error_messages={"required": "Say something of your own"})


def _errors(data):
    form = ExampleForm(data=data)
    form.is_valid()
    return form, {name: list(messages) for name, messages in form.errors.items()}


def _render(form):
    return render_crispy_form(form)


def test_phrase_from_label_makes_a_noun_phrase():
    assert phrase_from_label("Start date") == "the start date"
    assert phrase_from_label("Annual budget (£)") == "the annual budget"
    assert phrase_from_label("Your question") == "your question"
    assert phrase_from_label("SIC code") == "the SIC code"


def test_required_messages_name_each_field_in_the_gov_uk_style():
    _form, errors = _errors({})

    assert errors == {
        "name": ["Enter the round's name"],
        "email": ["Enter the email address"],
        "years": ["Enter the number of years"],
        "amount": ["Enter the amount"],
        "outcome": ["Select the outcome"],
        "direction": ["Select the direction"],
        "issues": ["Select the candidate issues"],
        "notes": ["Enter the notes"],
        "start_date": ["Enter the start date"],
        "own": ["Say something of your own"],
    }
    assert "This field is required." not in str(errors)


def test_format_and_limit_messages_name_the_field_and_the_limit():
    _form, errors = _errors(
        {
            "name": "x" * 11,
            "email": "not an address",
            "years": "11",
            "amount": "lots",
            "outcome": "o9",
            "direction": "sideways",
            "notes": "too long",
        }
    )

    assert errors["name"] == ["The round's name must be 10 characters or fewer"]
    assert errors["email"] == ["Enter an email address in the correct format, like name@example.com"]
    assert errors["years"] == ["The number of years must be 10 or less"]
    assert errors["amount"] == ["The amount must be a number"]
    assert errors["outcome"] == ["Select the outcome from the list"]
    assert errors["direction"] == ["Select the direction from the list"]
    assert errors["notes"] == ["The notes must be 5 characters or fewer"]
    assert _errors({"years": "0"})[1]["years"] == ["The number of years must be 1 or more"]
    assert _errors({"years": "2.5"})[1]["years"] == ["The number of years must be a whole number"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the start date"),
        ("27", "", "2027", "The start date must include a month"),
        ("", "", "2027", "The start date must include a day and month"),
        ("27", "3", "", "The start date must include a year"),
        ("31", "2", "2027", "The start date must be a real date"),
        ("27", "13", "2027", "The start date must be a real date"),
        ("x", "3", "2027", "The start date must be a real date"),
        ("27", "3", "27", "Year must include 4 numbers"),
    ],
)
def test_date_input_messages(day, month, year, message):
    _form, errors = _errors({"start_date_day": day, "start_date_month": month, "start_date_year": year})

    assert errors["start_date"] == [message]


def test_date_input_cleans_day_month_and_year_to_a_date():
    form, _errors_ = _errors({"start_date_day": "27", "start_date_month": "3", "start_date_year": "2027"})

    assert "start_date" not in form.errors
    assert form.cleaned_data["start_date"] == datetime.date(2027, 3, 27)


def test_date_input_also_takes_one_iso_value():
    form = ExampleForm(data={"start_date": "2027-03-27"})
    form.is_valid()

    assert form.cleaned_data["start_date"] == datetime.date(2027, 3, 27)


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("12:00", (12, 0)),
        ("9:05", (9, 5)),
        ("5:30pm", (17, 30)),
        ("12am", (0, 0)),
        ("midday", (12, 0)),
        ("17.45", (17, 45)),
    ],
)
def test_date_and_time_input_is_uk_time(time, expected):
    form = ExampleForm(
        data={"deadline_day": "1", "deadline_month": "7", "deadline_year": "2027", "deadline_time": time}
    )
    form.is_valid()

    deadline = form.cleaned_data["deadline"]
    assert deadline.astimezone(LONDON).timetuple()[:5] == (2027, 7, 1, *expected)
    assert deadline.utcoffset() is not None


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("", "The deadline for proposals must include a time"),
        ("25:00", "The deadline for proposals must be a real time, like 9:30 or 14:00"),
        ("soon", "The deadline for proposals must be a real time, like 9:30 or 14:00"),
    ],
)
def test_date_and_time_input_messages(time, message):
    _form, errors = _errors(
        {"deadline_day": "1", "deadline_month": "7", "deadline_year": "2027", "deadline_time": time}
    )

    assert errors["deadline"] == [message]


def test_a_time_without_its_date_asks_for_the_date():
    _form, errors = _errors({"deadline_time": "12:00"})

    assert errors["deadline"] == ["The deadline for proposals must include a day, month and year"]


def test_a_refused_form_keeps_what_was_typed_and_marks_only_the_part_at_fault():
    form, _errors_ = _errors({"start_date_day": "27", "start_date_month": "", "start_date_year": "2O27"})
    html = _render(form)

    day = re.search(r'<input[^>]*name="start_date_day"[^>]*>', html)[0]
    month = re.search(r'<input[^>]*name="start_date_month"[^>]*>', html)[0]
    year = re.search(r'<input[^>]*name="start_date_year"[^>]*>', html)[0]
    assert 'value="27"' in day and "govuk-input--error" not in day and "aria-invalid" not in day
    assert "govuk-input--error" in month and 'aria-invalid="true"' in month
    assert 'value="2O27"' in year and "govuk-input--error" not in year
    assert "For example, 27 3 2027" in html


def test_a_whole_date_error_marks_every_part():
    form, _errors_ = _errors({"start_date_day": "31", "start_date_month": "2", "start_date_year": "2027"})
    html = _render(form)

    for part in ("day", "month", "year"):
        tag = re.search(rf'<input[^>]*name="start_date_{part}"[^>]*>', html)[0]
        assert "govuk-input--error" in tag


def test_the_date_input_is_a_labelled_group_with_its_hint_and_error():
    form, _errors_ = _errors({"start_date_day": "27", "start_date_month": "", "start_date_year": "2027"})
    html = _render(form)

    group = re.search(
        r'<div id="div_id_start_date" class="govuk-form-group govuk-form-group--error">(.*?)</fieldset>', html, re.S
    )[1]
    assert 'role="group"' in group
    assert 'aria-describedby="id_start_date_hint id_start_date_1_error"' in group
    assert group.index("The start date must include a month") < group.index('name="start_date_day"')
    for label, part in (("Day", "0"), ("Month", "1"), ("Year", "2")):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_start_date_{part}">{label}</label>' in group


def test_every_kind_of_input_is_marked_in_error():
    form, _errors_ = _errors({"notes": "too long", "outcome": "o9"})
    html = _render(form)

    def tag(name, element="input"):
        return re.search(rf'<{element}[^>]*name="{name}"[^>]*>', html)[0]

    assert "govuk-input--error" in tag("name")
    assert "govuk-input--error" in tag("email")
    assert "govuk-input--error" in tag("years")
    assert "govuk-textarea--error" in tag("notes", "textarea")
    assert "govuk-select--error" in tag("outcome", "select")
    for name in ("name", "direction", "issues", "notes", "outcome", "start_date"):
        assert f'id="div_id_{name}" class="govuk-form-group govuk-form-group--error' in html


def test_error_summary_links_go_to_the_input_at_fault_in_the_pages_order():
    form, _errors_ = _errors({"start_date_day": "27", "start_date_year": "2027"})

    links = {message: target for target, message in error_summary_items(form)}

    assert links["Enter the round's name"] == "id_name"
    assert links["Select the outcome"] == "id_outcome"
    assert links["Select the direction"] == "id_direction_1"  # the first radio
    assert links["Select the candidate issues"] == "id_issues_1"  # the first checkbox
    assert links["The start date must include a month"] == "id_start_date_1"  # the month
    assert [message for _target, message in error_summary_items(form)][:2] == [
        "Enter the round's name",
        "Enter the email address",
    ]
    html = _render(form)
    for target in links.values():
        assert f'id="{target}"' in html


def test_a_whole_date_error_links_to_the_day():
    form, _errors_ = _errors({})

    assert ("id_start_date_0", "Enter the start date") in error_summary_items(form)


def test_error_summary_follows_the_layout_and_takes_form_wide_errors():
    class Laid(GDSFormMixin, forms.Form):
        first = forms.CharField(label="First")
        second = forms.CharField(label="Second")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper.layout = Layout("second", "first")

        def clean(self):
            raise forms.ValidationError("Something about the whole form")

    form = Laid(data={})
    form.is_valid()

    assert error_summary_items(form) == [
        ("id_second", "Something about the whole form"),
        ("id_second", "Enter the second"),
        ("id_first", "Enter the first"),
    ]


def test_error_summary_of_a_formset_links_to_each_forms_input():
    class Row(GDSFormMixin, forms.Form):
        name = forms.CharField(label="Name")

    formset = forms.formset_factory(Row, extra=0, min_num=2)(
        data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-name": "Ann", "form-1-name": ""}
    )
    formset.is_valid()

    assert error_summary_items(formset) == [("id_form-1-name", "Enter the name")]


def test_error_summary_tag_renders_links_and_nothing_for_a_valid_form():
    template = Template("{% load crispy_forms_gds %}{% error_summary form %}")
    form, _errors_ = _errors({})

    html = template.render(Context({"form": form}))

    assert 'class="govuk-error-summary" data-module="govuk-error-summary"' in html
    assert '<a href="#id_name">Enter the round&#x27;s name</a>' in html
    assert template.render(Context({"form": ExampleForm()})).strip() == ""


def test_a_date_field_declared_as_the_gov_uk_one_keeps_its_own_hint():
    class Own(GDSFormMixin, forms.Form):
        when = DateInputField(label="When", help_text="The first day of the financial year")
        at = DateTimeInputField(label="At")

    form = Own()

    assert form.fields["when"].help_text == "The first day of the financial year"
    assert "27 3 2027" in str(form.fields["at"].help_text)


@pytest.mark.django_db
def test_sign_in_and_sign_up_messages_name_their_field(client):
    login = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    signup = client.post(reverse("account_signup"), {"email": "nobody"}).content.decode()

    assert '<a href="#id_login">Enter your email address</a>' in login
    assert '<a href="#id_password">Enter your password</a>' in login
    assert "Enter an email address in the correct format, like name@example.com" in signup
    assert '<a href="#id_password1">Enter a password</a>' in signup
    assert "This field is required." not in login + signup


def test_a_date_without_a_format_is_shown_the_uk_way():
    html = Template("{{ day }}|{{ day|date }}|{{ moment|date:'DATETIME_FORMAT' }}").render(
        Context({"day": datetime.date(2027, 3, 27), "moment": datetime.datetime(2027, 3, 27, 14, 5)})
    )

    assert html == "27 March 2027|27 March 2027|27 March 2027, 14:05"


@pytest.mark.django_db
def test_a_refused_form_page_title_starts_with_error(client):
    page = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()

    assert re.search(r"<title>Error: ", page)
    assert not re.search(r"<title>Error: ", client.get(reverse("account_login")).content.decode())


def test_a_disabled_date_keeps_its_initial_value():
    class Locked(GDSFormMixin, forms.Form):
        start = forms.DateField(label="Start date", disabled=True)

    form = Locked(data={}, initial={"start": datetime.date(2027, 4, 1)})

    assert form.is_valid()
    assert form.cleaned_data["start"] == datetime.date(2027, 4, 1)
    assert 'name="start_day" value="1"' in render_crispy_form(form)
