"""Two people saving the same section at once from the same revision: one save wins, the other is
refused, never a silent overwrite (PostgreSQL row lock on the proposal)."""

import threading

from django.db import connections
from django.test import Client
from django.urls import reverse

from proposals.writing.enums import Section
from proposals.writing.models import Proposal
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person


def _post_at_once(requests):
    """POST each (client, url, data) in its own thread and connection, all released together; the statuses."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def run(index, client, url, data):
        try:
            barrier.wait()
            statuses[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, *request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_two_saves_of_one_section_at_once_keep_exactly_one(postgresql):
    proposal = ProposalFactory()
    partner = ProposalPartnerFactory(proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(partner_sections=[Section.EVALUATION.value])
    writers = [
        bidder_person(proposal.round, proposal.lead_organisation),
        bidder_person(proposal.round, partner.organisation),
    ]
    clients = []
    for writer in writers:
        client = Client()
        client.force_login(writer)
        clients.append(client)
    url = reverse("proposal_section", args=[proposal.round_id, proposal.pk, "evaluation"])

    statuses = _post_at_once(
        [
            (clients[0], url, {"revision": 0, "evaluation_plan": "The lead's plan."}),
            (clients[1], url, {"revision": 0, "evaluation_plan": "The partner's plan."}),
        ]
    )

    assert sorted(statuses) == [302, 409]
    proposal.refresh_from_db()
    winner = "The lead's plan." if statuses[0] == 302 else "The partner's plan."
    assert (proposal.evaluation_plan, proposal.revision_of(Section.EVALUATION)) == (winner, 1)
