"""Every text a form accepts has a length limit, so that nobody can store a novel in a name."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import commissioning
import priorities
from commissioning.plan.models import StrategicOutcome
from tests.factories.commissioning import PASSWORD

# Fields whose length another check already bounds: allauth's username and password fields, which the request-size
# limit (MAX_REQUEST_BYTES) bounds and allauth's own validators check.
EXEMPT_FIELDS = {"username", "password", "password1", "password2", "oldpassword"}


def _form_classes():
    for package in (commissioning, priorities):
        for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module_info.name.endswith(".forms"):
                continue
            module = importlib.import_module(module_info.name)
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield module.__name__, name, cls


FORMS = list(_form_classes())


def test_the_project_has_forms_to_check():
    assert len(FORMS) > 10


@pytest.mark.parametrize(("module", "name", "form_class"), FORMS, ids=[f"{m}.{n}" for m, n, _c in FORMS])
def test_every_text_field_has_a_max_length(module, name, form_class):
    unbounded = [
        field_name
        for field_name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        and not (module == "commissioning.accounts.forms" and field_name in EXEMPT_FIELDS)
    ]
    assert unbounded == []


@pytest.mark.django_db
def test_text_over_its_limit_is_refused_with_a_message(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)
    too_long = "x" * 2001

    response = client.post(
        reverse("plan_outcome_create", args=[round_.pk]), {"code": "O9", "title": "Work", "description": too_long}
    )

    assert response.status_code == 200
    assert "The description must be 2,000 characters or fewer" in response.content.decode()
    assert too_long in response.content.decode()  # what was typed is kept
    assert not StrategicOutcome.objects.filter(code="O9").exists()
