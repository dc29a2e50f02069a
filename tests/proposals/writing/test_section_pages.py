"""The section pages: who reads and who writes each one, saving against the revision (a conflict keeps
what was typed), the read-only page after the deadline, and the answers to htmx autosaves."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.enums import Role
from priorities.workshop.models import CrossCuttingTheme
from proposals.writing.completeness import load_for_checking, section_statuses
from proposals.writing.enums import PartnerState, Section
from proposals.writing.models import Proposal, ThemeResponse
from proposals.writing.views.sections import SECTION_PAGES
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.priorities import CandidateIssueFactory
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def section_url(proposal, section):
    return reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": section})


@pytest.fixture
def cast():
    """A proposal with a person for each way of standing towards it."""
    proposal = ProposalFactory(title="Routes into work", activity="Weekly mentoring.")
    round_ = proposal.round
    confirmed = ProposalPartnerFactory(proposal=proposal)
    invited = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED, token="invited-token")
    rival_proposal = ProposalFactory(specification=proposal.specification, activity="The rival's secret plan.")
    return {
        "proposal": proposal,
        "lead": bidder_person(round_, proposal.lead_organisation, full_name="Lena Lead"),
        "partner": bidder_person(round_, confirmed.organisation, full_name="Paul Partner"),
        "invited": bidder_person(round_, invited.organisation, full_name="Ivy Invited"),
        "rival": bidder_person(round_, rival_proposal.lead_organisation, full_name="Rita Rival"),
        "rival_proposal": rival_proposal,
        "officer": person_with_role(round_, Role.OFFICER),
        "board": person_with_role(round_, Role.BOARD),
        "outsider": UserFactory(),
    }


def theme(round_, title):
    return CrossCuttingTheme.objects.create(
        round=round_, issue=CandidateIssueFactory(round=round_), title=title, rationale="Left out of the priorities."
    )


def activity_data(revision=0, **overrides):
    data = {
        "revision": revision,
        "title": "Routes into work",
        "activity": "Weekly mentoring for young people.",
        "how_outcome": "More young people move into work.",
        "neighbourhoods": "Hillfields",
    }
    data.update(overrides)
    return data


def test_every_text_section_has_a_page():
    reverse("proposal_section", kwargs={"round_pk": 1, "pk": 1, "section": "activity"})  # the URLs register the pages
    assert {Section.ACTIVITY, Section.EVALUATION, Section.CLIENT_GROUP, Section.SPONSOR, Section.THEMES} <= set(
        SECTION_PAGES
    )


def test_lead_saves_a_section_and_is_sent_back_with_the_time(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])

    response = client.post(section_url(proposal, "activity"), activity_data(how_outcome="More young people in work."))

    assert response.status_code == 302
    assert response["Location"] == section_url(proposal, "activity")
    proposal.refresh_from_db()
    assert (proposal.how_outcome, proposal.revision_of(Section.ACTIVITY)) == ("More young people in work.", 1)
    page = client.get(response["Location"]).content.decode()
    assert f"Saved at {timezone.localtime(proposal.updated_at):%H:%M}" in page
    assert f"Last saved at {timezone.localtime(proposal.updated_at):%H:%M}" in page
    assert 'name="revision" value="1"' in page


@pytest.mark.parametrize("who", ["invited", "rival", "board", "outsider"])
def test_people_outside_the_proposal_get_404_and_change_nothing(client, cast, who):
    proposal = cast["proposal"]
    client.force_login(cast[who])

    assert client.get(section_url(proposal, "activity")).status_code == 404
    assert client.post(section_url(proposal, "activity"), activity_data(activity="Taken over")).status_code == 404

    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.get(section_url(cast["proposal"], "activity"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_rival_reaches_nothing_of_another_proposal_through_its_own_round(client, cast):
    client.force_login(cast["rival"])
    response = client.get(section_url(cast["proposal"], "evaluation"))
    assert response.status_code == 404
    own = client.get(section_url(cast["rival_proposal"], "activity"))
    assert own.status_code == 200
    assert "Weekly mentoring." not in own.content.decode()


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_readers_who_may_not_write_see_the_section_read_only_and_cannot_post(client, cast, who):
    proposal = cast["proposal"]
    client.force_login(cast[who])

    page = client.get(section_url(proposal, "activity"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Weekly mentoring." in text
    assert 'id="section-form"' not in text
    assert 'id="read-only-reason"' in text

    refused = client.post(section_url(proposal, "activity"), activity_data(activity="Changed by a reader"))
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."
    assert proposal.revision_of(Section.ACTIVITY) == 0


def test_partner_writes_a_section_the_lead_opened_and_only_that_one(client, cast):
    proposal = cast["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(partner_sections=[Section.EVALUATION.value])
    client.force_login(cast["partner"])

    saved = client.post(section_url(proposal, "evaluation"), {"revision": 0, "evaluation_plan": "Surveys."})
    refused = client.post(section_url(proposal, "activity"), activity_data(activity="Changed by the partner"))

    assert saved.status_code == 302
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert (proposal.evaluation_plan, proposal.activity) == ("Surveys.", "Weekly mentoring.")


def test_unknown_section_is_404(client, cast):
    client.force_login(cast["lead"])
    assert client.get(section_url(cast["proposal"], "nonsense")).status_code == 404
    assert client.post(section_url(cast["proposal"], "nonsense"), {"revision": 0}).status_code == 404


def test_second_save_from_the_same_revision_is_refused_keeping_what_was_typed(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    client.post(section_url(proposal, "activity"), activity_data(activity="The first writer's words."))

    response = client.post(section_url(proposal, "activity"), activity_data(activity="The second writer's words."))

    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else saved this section after you opened it." in text
    assert "The second writer&#x27;s words." in text
    assert 'name="revision" value="0"' in text
    proposal.refresh_from_db()
    assert (proposal.activity, proposal.revision_of(Section.ACTIVITY)) == ("The first writer's words.", 1)


def test_a_hostile_revision_is_refused_without_saving(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    for revision in ("abc", "-1", "9" * 40, ""):
        response = client.post(section_url(proposal, "activity"), activity_data(revision=revision, activity="X"))
        assert response.status_code == 409
    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."


def test_invalid_input_keeps_what_was_typed_and_names_the_field(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])

    response = client.post(
        section_url(proposal, "client_group"),
        {"revision": 0, "client_group_involvement": "Two open meetings.", "steering_group_places": "lots"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="#id_steering_group_places"' in text
    assert "must be a whole number" in text
    assert "Two open meetings." in text
    proposal.refresh_from_db()
    assert proposal.client_group_involvement == ""


def test_after_the_deadline_the_section_is_read_only_and_a_save_refused(client, cast):
    proposal = cast["proposal"]
    spec = proposal.specification
    type(spec).objects.filter(pk=spec.pk).update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
    )
    client.force_login(cast["lead"])

    page = client.get(section_url(proposal, "activity")).content.decode()
    refused = client.post(section_url(proposal, "activity"), activity_data(activity="Too late."))

    assert "The deadline for this proposal passed on" in page
    assert 'id="section-form"' not in page
    assert refused.status_code == 409
    assert "The deadline for this proposal passed on" in refused.content.decode()
    assert "Too late." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."


def _summary(text):
    return re.search(r'id="checklist-summary"[^>]*><a class="govuk-link" href="#checklist">([^<]*)</a>', text)


def test_the_section_page_says_at_its_top_how_many_sections_are_complete_and_leads_to_the_list(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])

    text = client.get(section_url(proposal, "evaluation")).content.decode()

    summary = _summary(text)
    done, total = (int(n) for n in re.match(r"(\d+) of (\d+) sections complete: see the sections", summary[1]).groups())
    assert total == text.count('class="govuk-task-list__item govuk-task-list__item--with-link"') > done
    assert text.index('id="checklist-summary"') < text.index('id="section-form"') < text.index('id="checklist"')
    assert done == text.count('<div class="govuk-task-list__status" id="checklist-') - text.count(">Incomplete<")


def test_a_browser_set_to_us_english_still_reads_the_deadline_in_british_form_and_london_time(client, cast):
    proposal = cast["proposal"]
    spec = proposal.specification
    passed = timezone.now().replace(month=7, day=4, hour=16, minute=30, second=0, microsecond=0)  # 17:30 in London
    if passed > timezone.now():
        passed = passed.replace(year=passed.year - 1)
    type(spec).objects.filter(pk=spec.pk).update(
        question_deadline=passed - datetime.timedelta(days=2), proposal_deadline=passed
    )
    client.force_login(cast["lead"])

    response = client.get(section_url(proposal, "activity"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "en-gb"
    assert f"The deadline for this proposal passed on 4 July {passed.year}, 17:30," in response.content.decode()


def test_htmx_save_answers_with_the_status_new_revision_and_checklist(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    before = _summary(client.get(section_url(proposal, "evaluation")).content.decode())[1]

    response = client.post(section_url(proposal, "evaluation"), {"revision": 0, "evaluation_plan": "Surveys."}, **HTMX)

    assert response.status_code == 200
    assert response["X-Section-Status"] == "saved"
    text = response.content.decode()
    proposal.refresh_from_db()
    assert f"Saved at {timezone.localtime(proposal.updated_at):%H:%M}" in text
    assert 'name="revision" value="1" id="id_revision" hx-swap-oob="true"' in text
    assert 'id="checklist" class="app-checklist" hx-swap-oob="true"' in text
    done_before = int(before.split()[0])
    assert _summary(text)[1].startswith(f"{done_before + 1} of ")  # the evaluation plan is now complete
    assert 'id="checklist-summary" class="govuk-body app-checklist-summary" hx-swap-oob="true"' in text
    assert '<div id="section-problems" hx-swap-oob="true">' in text
    evaluation_row = text.split('id="checklist-evaluation-status"')[1].split("</div>")[0]
    assert "Complete" in evaluation_row
    assert "Incomplete" not in evaluation_row
    assert "<html" not in text


def test_htmx_conflict_and_invalid_answers_are_fragments_with_the_message(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    client.post(section_url(proposal, "evaluation"), {"revision": 0, "evaluation_plan": "First."}, **HTMX)

    conflict = client.post(section_url(proposal, "evaluation"), {"revision": 0, "evaluation_plan": "Second."}, **HTMX)
    invalid = client.post(section_url(proposal, "client_group"), {"revision": 0, "steering_group_places": "-4"}, **HTMX)

    assert (conflict.status_code, conflict["X-Section-Status"]) == (409, "refused")
    assert "Someone else saved this section after you opened it." in conflict.content.decode()
    assert "id_revision" not in conflict.content.decode()
    assert invalid.status_code == 422
    assert 'href="#id_steering_group_places"' in invalid.content.decode()
    proposal.refresh_from_db()
    assert proposal.evaluation_plan == "First."


def test_htmx_post_by_a_reader_is_refused_with_a_fragment(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["officer"])
    response = client.post(section_url(proposal, "evaluation"), {"revision": 0, "evaluation_plan": "X"}, **HTMX)
    assert response.status_code == 403
    assert "only the proposal&#x27;s consortium writes it" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.evaluation_plan == ""


def test_theme_responses_are_saved_per_theme_with_ids_the_checklist_links_to(client, cast):
    proposal = cast["proposal"]
    first, second = theme(proposal.round, "Climate"), theme(proposal.round, "Equality")
    client.force_login(cast["lead"])

    page = client.get(section_url(proposal, "themes")).content.decode()
    assert f'id="id_theme-{first.pk}"' in page
    response = client.post(
        section_url(proposal, "themes"), {"revision": 0, f"theme-{first.pk}": "Bikes.", f"theme-{second.pk}": ""}
    )

    assert response.status_code == 302
    assert list(ThemeResponse.objects.values_list("theme__title", "response")) == [("Climate", "Bikes.")]


HOSTILE = ["\x00", "abc\x00def", "9" * 40, "-1", "1e309", "NaN", "<script>alert(1)</script>", "x" * 30_000, ""]


@pytest.mark.parametrize("section", ["activity", "evaluation", "client_group", "sponsor", "themes"])
def test_hostile_values_in_every_field_never_answer_a_server_error(client, cast, section):
    proposal = cast["proposal"]
    theme(proposal.round, "Climate")
    client.force_login(cast["lead"])
    page = client.get(section_url(proposal, section))
    names = {field.html_name for form in page.context["forms"] for field in form} | {"revision"}

    for value in HOSTILE:
        for headers in ({}, HTMX):
            response = client.post(section_url(proposal, section), dict.fromkeys(names, value), **headers)
            assert response.status_code < 500
            assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_section_lists_what_it_still_lacks_linked_to_each_field(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])

    text = client.get(section_url(proposal, "activity")).content.decode()

    assert "1 thing still to do in this section" in text
    assert '<a class="govuk-link" href="#id_how_outcome">' in text
    assert 'id="id_how_outcome"' in text


def test_a_section_saved_on_another_day_says_the_date(client, cast):
    proposal = cast["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(
        section_revisions={"activity": 3},
        updated_at=datetime.datetime(2026, 6, 1, 13, 5, tzinfo=datetime.UTC),
    )
    client.force_login(cast["lead"])

    page = client.get(section_url(proposal, "activity")).content.decode()

    assert "Last saved at 14:05 on 1 June 2026" in page
    assert 'name="revision" value="3"' in page
    assert "Not saved yet." in client.get(section_url(proposal, "evaluation")).content.decode()


def test_a_section_drawn_by_another_area_sends_readers_there_and_others_get_404(client, cast):
    proposal = cast["proposal"]
    partners = reverse("consortium_partners", kwargs={"round_pk": proposal.round_id, "proposal_pk": proposal.pk})
    client.force_login(cast["lead"])

    response = client.get(section_url(proposal, "partners"))
    posted = client.post(section_url(proposal, "partners"), {"revision": 0})

    assert (response.status_code, response["Location"]) == (302, partners)
    assert posted.status_code == 302
    client.force_login(cast["rival"])
    assert client.get(section_url(proposal, "partners")).status_code == 404


def test_a_withdrawn_proposal_is_read_only(client, cast):
    proposal = cast["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(state="withdrawn")
    client.force_login(cast["lead"])

    page = client.get(section_url(proposal, "activity")).content.decode()
    refused = client.post(section_url(proposal, "activity"), activity_data(activity="After withdrawing"))

    assert "This proposal was withdrawn, so it can no longer change." in page
    assert 'id="section-form"' not in page
    assert refused.status_code == 409
    proposal.refresh_from_db()
    assert proposal.activity == "Weekly mentoring."


def test_every_problem_of_an_empty_proposal_links_to_an_input_of_its_section(client, cast):
    proposal = cast["proposal"]
    theme(proposal.round, "Climate")
    Proposal.objects.filter(pk=proposal.pk).update(activity="", title="Routes")
    client.force_login(cast["lead"])
    statuses = section_statuses(load_for_checking(proposal.pk))
    checked = 0

    for status in statuses:
        if status.section not in SECTION_PAGES:
            continue
        text = client.get(section_url(proposal, status.section)).content.decode()
        for problem in status.problems:
            if problem.field:
                assert f'id="id_{problem.field}"' in text, (status.section, problem.field)
                checked += 1

    assert checked >= 7
