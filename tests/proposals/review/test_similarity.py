"""The similar-proposal finder on a crafted round: two proposals that overlap are found, with the
reasons in words; an unrelated one is not; drafts are never compared."""

import pytest
from django.urls import reverse

from commissioning.enums import Role
from proposals.review.models import SimilarProposal
from proposals.review.reasons import reasons_in_words
from proposals.review.services import queue_similarity
from proposals.review.similarity import neighbourhoods_of
from proposals.review.tasks import task_find_similar_proposals
from proposals.writing import events
from proposals.writing.enums import PartnerState, ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, published_specification
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.django_db

MENTORING = (
    "Mentoring for young people leaving care, matched with employers for apprenticeships, "
    "with weekly mentoring sessions and apprenticeship taster days."
)
MENTORING_TOO = (
    "Apprenticeships with local employers for young care leavers, supported by a mentoring scheme "
    "and taster days in workplaces."
)
LUNCH_CLUB = "A lunch club for older residents living alone, with gardening and chair exercise to reduce loneliness."


@pytest.fixture
def crafted():
    spec = published_specification()
    other_spec = published_specification(spec.round)
    job_club = OrganisationFactory(name="Foleshill Job Club")
    first = submitted(
        spec,
        title="Care leavers into work",
        activity=MENTORING,
        neighbourhoods="Hillfields, Foleshill",
        partners=[job_club],
    )
    second = submitted(
        spec,
        title="Apprenticeships for care leavers",
        activity=MENTORING_TOO,
        neighbourhoods="foleshill ,Wood End",
        partners=[job_club],
    )
    unrelated = submitted(other_spec, title="Lunch club", activity=LUNCH_CLUB, neighbourhoods="Earlsdon")
    ProposalFactory(specification=spec, title="Draft copy", activity=MENTORING, neighbourhoods="Foleshill")
    return spec.round, first, second, unrelated


def test_overlapping_proposals_are_found_with_their_reasons(crafted):
    round_, first, second, unrelated = crafted

    written = task_find_similar_proposals.apply(kwargs={"round_id": round_.pk}).get()

    assert written == 2
    pair = SimilarProposal.objects.get(proposal=first)
    assert pair.other == second
    assert pair.same_priority is True
    assert 0.3 < pair.score <= 1
    reasons = reasons_in_words(pair.reasons)
    assert reasons[0] == "Both consortia include Foleshill Job Club."
    assert reasons[1] == "Both work in the neighbourhood of Foleshill."
    assert reasons[2] == (
        "Their activities are described in overlapping words: "
        "“care”, “mentoring”, “apprenticeships”, “leavers”, “days” and “employers”."
    )
    assert SimilarProposal.objects.get(proposal=second).other == first
    assert not SimilarProposal.objects.filter(proposal=unrelated).exists()
    assert not SimilarProposal.objects.filter(other=unrelated).exists()


def test_a_shared_partner_across_priorities_is_found_and_marked_so(crafted):
    round_, first, _second, unrelated = crafted
    ProposalPartnerFactory(proposal=unrelated, organisation=first.lead_organisation)

    task_find_similar_proposals.apply(kwargs={"round_id": round_.pk})

    match = SimilarProposal.objects.get(proposal=unrelated)
    assert match.other == first
    assert match.same_priority is False
    assert reasons_in_words(match.reasons) == [f"Both consortia include {first.lead_organisation.name}."]
    ordered = list(SimilarProposal.objects.filter(proposal=first).values_list("other__title", "same_priority"))
    assert ordered == [("Apprenticeships for care leavers", True), ("Lunch club", False)]


def test_an_invited_partner_does_not_count(crafted):
    round_, first, _second, unrelated = crafted
    ProposalPartnerFactory(proposal=unrelated, organisation=first.lead_organisation, state=PartnerState.INVITED)

    task_find_similar_proposals.apply(kwargs={"round_id": round_.pk})

    assert not SimilarProposal.objects.filter(proposal=unrelated).exists()


def test_running_again_replaces_the_rounds_rows(crafted):
    round_, first, second, _unrelated = crafted
    task_find_similar_proposals.apply(kwargs={"round_id": round_.pk})
    second.state = "withdrawn"
    second.save(update_fields=["state"])

    task_find_similar_proposals.apply(kwargs={"round_id": round_.pk})

    assert not SimilarProposal.objects.filter(proposal__round=round_).exists()


def test_queue_similarity_runs_the_finder_once_committed(crafted, django_capture_on_commit_callbacks):
    round_, first, second, _unrelated = crafted

    with django_capture_on_commit_callbacks(execute=True):
        queue_similarity(round_)

    assert set(SimilarProposal.objects.values_list("proposal", "other")) == {
        (first.pk, second.pk),
        (second.pk, first.pk),
    }


def test_neighbourhoods_are_split_on_commas_and_matched_whatever_the_case():
    assert neighbourhoods_of(" Hillfields,foleshill ,, Wood  End ") == {
        "hillfields": "Hillfields",
        "foleshill": "foleshill",
        "wood end": "Wood End",
    }


def test_the_review_page_and_the_list_show_similar_proposals(client, crafted):
    round_, first, second, _unrelated = crafted
    task_find_similar_proposals.apply(kwargs={"round_id": round_.pk})
    client.force_login(person_with_role(round_, Role.OFFICER))

    page = client.get(reverse("review_proposal", args=[round_.pk, first.pk])).content.decode()
    listing = client.get(reverse("review_proposals", args=[round_.pk]), {"sort": "-similar_count"})

    assert "Similar proposals" in page
    assert "Apprenticeships for care leavers" in page
    assert "Both consortia include Foleshill Job Club." in page
    assert reverse("review_proposal", args=[round_.pk, second.pk]) in page
    counts = {row.record.title: row.record.similar_count for row in listing.context["table"].paginated_rows}
    assert counts["Care leavers into work"] == 1
    assert counts["Lunch club"] == 0


def test_a_submission_or_withdrawal_finds_similar_proposals_again(crafted, django_capture_on_commit_callbacks):
    round_, first, second, _unrelated = crafted

    with django_capture_on_commit_callbacks(execute=True):
        events.proposal_changed(first, event=events.SUBMITTED)

    assert SimilarProposal.objects.filter(proposal__round=round_).count() == 2
    Proposal.objects.filter(pk=second.pk).update(state=ProposalState.WITHDRAWN)
    second.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        events.proposal_changed(second, event=events.WITHDRAWN)
    assert not SimilarProposal.objects.filter(proposal__round=round_).exists()


def test_a_drafts_saves_leave_similar_proposals_alone(crafted, django_capture_on_commit_callbacks):
    round_, *_ = crafted
    draft = Proposal.objects.get(title="Draft copy")

    with django_capture_on_commit_callbacks(execute=True):
        events.proposal_changed(draft, event=events.CHANGED)

    assert not SimilarProposal.objects.filter(proposal__round=round_).exists()
