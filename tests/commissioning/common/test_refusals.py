"""A refused action is shown one way: its message and each of its details, on the form or as messages."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from commissioning.common.errors import StageBlocked
from commissioning.common.views import show_application_error

REFUSAL = StageBlocked("Not yet.", details=["Add the outcomes.", "Add the indicators."])


class _NameForm(forms.Form):
    name = forms.CharField()


def test_a_refusal_on_a_form_becomes_its_non_field_errors_and_keeps_what_was_typed():
    form = _NameForm({"name": "Typed text"})
    assert form.is_valid()

    returned = show_application_error(None, REFUSAL, form=form)

    assert returned is form
    assert form.non_field_errors() == ["Not yet.", "Add the outcomes.", "Add the indicators."]
    assert form["name"].value() == "Typed text"


def test_a_refusal_about_one_input_is_shown_against_it():
    form = _NameForm({"name": "Typed text"})
    assert form.is_valid()

    show_application_error(None, REFUSAL, form=form, field="name")

    assert form.errors == {"name": ["Not yet.", "Add the outcomes.", "Add the indicators."]}


@pytest.mark.django_db
def test_a_refusal_without_a_form_becomes_one_error_message_each():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)  # noqa: SLF001 -- where the messages middleware puts its storage

    show_application_error(request, REFUSAL)

    assert [(message.level_tag, str(message)) for message in get_messages(request)] == [
        ("error", "Not yet."),
        ("error", "Add the outcomes."),
        ("error", "Add the indicators."),
    ]
