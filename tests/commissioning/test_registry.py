"""The registry the areas plug into: one builder a PDF kind, summaries and demo seeders in the order of the
round's stages, every area's hooks discovered, every stage guarded, and a round that cannot pass the call for
proposals while the stages after it are not built."""

import sys

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from commissioning import registry
from commissioning.audit.models import AuditEntry
from commissioning.checks import every_stage_is_guarded
from commissioning.common.errors import StageBlocked
from commissioning.enums import Stage
from commissioning.rounds import services
from commissioning.rounds.models import Round

TEST_KIND = "registry-test-kind"


@pytest.fixture
def document_builders():
    """The registry's builders as they were, whatever the test registers."""
    saved = dict(registry._document_builders)
    yield registry._document_builders
    registry._document_builders.clear()
    registry._document_builders.update(saved)


@pytest.fixture
def no_summaries():
    """An empty list of round summaries for the test; the registered ones come back afterwards."""
    saved = list(registry._summaries)
    registry._summaries.clear()
    yield
    registry._summaries[:] = saved


@pytest.fixture
def no_demo_seeders():
    """An empty list of demo seeders for the test; the registered ones come back afterwards."""
    saved = list(registry._demo_seeders)
    registry._demo_seeders.clear()
    yield
    registry._demo_seeders[:] = saved


@pytest.fixture
def closed_stage_unguarded():
    """The stage "closed" without its placeholder guard (it has no real one); the placeholder comes back afterwards."""
    placeholder = registry._placeholder_guards.pop(Stage.CLOSED.value)
    yield
    registry._placeholder_guards[Stage.CLOSED.value] = placeholder


def _builder(document):
    return "first.html", {}


def _other_builder(document):
    return "second.html", {}


def test_a_second_builder_for_a_pdf_kind_is_refused(document_builders):
    registry.document_builder(TEST_KIND)(_builder)

    with pytest.raises(ImproperlyConfigured) as error:
        registry.document_builder(TEST_KIND)(_other_builder)

    assert TEST_KIND in str(error.value)
    assert document_builders[TEST_KIND] is _builder


def test_registering_the_same_builder_again_is_harmless(document_builders):
    registry.document_builder(TEST_KIND)(_builder)

    registry.document_builder(TEST_KIND)(_builder)

    assert document_builders[TEST_KIND] is _builder


def _summary(title):
    def summary(round_, user):
        return registry.Summary(title=title)

    return summary


def test_round_summaries_come_in_the_order_of_the_stages_whatever_the_order_registered(no_summaries):
    registry.round_summary(Stage.CALL)(_summary("call"))
    registry.round_summary(Stage.SETUP)(_summary("setup, first"))
    registry.round_summary(Stage.SPECIFICATION)(_summary("specification"))
    registry.round_summary(Stage.WORKSHOP)(_summary("workshop"))
    registry.round_summary(Stage.SETUP)(_summary("setup, second"))
    registry.round_summary(Stage.WORKSHOP)(lambda round_, user: None)

    titles = [summary.title for summary in registry.summaries_for(None, None)]

    assert titles == ["setup, first", "setup, second", "workshop", "specification", "call"]


def _seeder(name):
    def seed(round_, *, stdout):
        return name

    seed.__name__ = name
    return seed


def test_demo_seeders_come_in_the_order_of_the_stages_whatever_the_order_registered(no_demo_seeders):
    registry.demo_seeder(Stage.SPECIFICATION)(_seeder("specification"))
    registry.demo_seeder(Stage.SETUP)(_seeder("setup, first"))
    registry.demo_seeder(Stage.WORKSHOP)(_seeder("workshop"))
    registry.demo_seeder(Stage.SETUP)(_seeder("setup, second"))

    names = [seed(None, stdout=None) for seed in registry.demo_seeders()]

    assert names == ["setup, first", "setup, second", "workshop", "specification"]


def test_the_registered_demo_seeders_run_stage_by_stage():
    modules = [seed.__module__ for seed in registry.demo_seeders()]

    assert modules == [
        "commissioning.funding.demo",
        "priorities.evidence.demo",
        "priorities.workshop.demo",
        "priorities.specifications.demo",
        "proposals.review.demo",
        "panels.brokering.demo",
    ]


def test_autodiscover_imports_every_areas_hooks():
    registry.autodiscover()

    for hooks in (
        "commissioning.plan.hooks",
        "commissioning.rounds.hooks",
        "priorities.evidence.hooks",
        "priorities.workshop.hooks",
        "priorities.specifications.hooks",
    ):
        assert hooks in sys.modules, hooks


def test_every_stage_is_guarded_now():
    assert every_stage_is_guarded() == []


def test_a_stage_without_a_guard_fails_the_system_check(closed_stage_unguarded):
    errors = every_stage_is_guarded()

    assert len(errors) == 1
    (error,) = errors
    assert isinstance(error, checks.Error)
    assert error.id == "commissioning.E001"
    assert "“closed”" in error.msg


@pytest.mark.django_db
def test_a_round_at_the_call_with_nothing_published_cannot_move_to_panels(round_, officer):
    Round.objects.filter(pk=round_.pk).update(stage=Stage.CALL)
    round_.refresh_from_db()

    with pytest.raises(StageBlocked) as error:
        services.move_round_to_stage(round_, Stage.PANELS, by=officer)

    assert error.value.details == ["No specification has been published for proposals."]
    round_.refresh_from_db()
    assert round_.stage == Stage.CALL
    assert Round.objects.get(pk=round_.pk).stage == "call"
    assert not AuditEntry.objects.filter(action="round.stage_changed").exists()


def test_round_page_groups_summaries_by_what_a_person_does(no_summaries):
    def summary(**kwargs):
        return lambda round_, user: registry.Summary(**kwargs)

    registry.round_summary(Stage.CALL)(summary(title="Proposals", links=[("Proposals", "/p/")]))
    registry.round_summary(Stage.SPECIFICATION)(summary(group=registry.SPECIFICATIONS, links=[("Specs", "/s/")]))
    registry.round_summary(Stage.SETUP)(summary(group=registry.EVIDENCE, lines=["3 issues"]))
    registry.round_summary(Stage.SETUP)(summary(group=registry.PLAN, links=[("Plan", "/plan/")]))
    registry.round_summary(Stage.SETUP)(summary(group=registry.MANAGE, links=[("People", "/people/")]))
    registry.round_summary(Stage.WORKSHOP)(summary(group=registry.WORKSHOP))  # nothing in it: left out
    # A summary with only a title joins the group whose heading it is.
    registry.round_summary(Stage.CALL)(summary(title="Specifications", links=[("Questions", "/q/")]))

    sections = registry.round_page_sections(None, None)

    assert [(str(s.heading), s.links, s.lines) for s in sections] == [
        ("Manage the round", [("People", "/people/")], []),
        ("Strategic plan", [("Plan", "/plan/")], []),
        ("Evidence", [], ["3 issues"]),
        ("Specifications", [("Specs", "/s/"), ("Questions", "/q/")], []),
        ("Proposals", [("Proposals", "/p/")], []),
    ]


def test_an_audit_action_gets_one_sentence():
    first = object()
    registry.audit_sentences({"registry.test_action": first})
    try:
        registry.audit_sentences({"registry.test_action": first})  # the same again is harmless

        with pytest.raises(ImproperlyConfigured, match="registry.test_action"):
            registry.audit_sentences({"registry.test_action": object()})
        assert registry.audit_sentence_for("registry.test_action") is first
    finally:
        registry._audit_sentences.pop("registry.test_action")
