"""Simultaneous requests from one person's phone never give them more dots than allowed."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from priorities.workshop.models import Dot
from tests.priorities.workshop.helpers import seat, wall, workshop_with_issues

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _fire(requests):
    barrier = threading.Barrier(len(requests))
    results = []

    def run(send):
        try:
            barrier.wait()
            results.append(send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(send,)) for send in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_simultaneous_dot_requests_never_exceed_the_limit(round_):
    workshop = workshop_with_issues(round_, issues=10)
    participant = seat(workshop)
    issues = wall(workshop)
    url = reverse("workshop_dot_place", args=[round_.pk, workshop.pk])
    client = Client()
    client.force_login(participant.user)

    statuses = _fire([lambda issue=issue: client.post(url, {"issue": issue.pk}).status_code for issue in issues])

    assert statuses == [302] * 10
    assert Dot.objects.filter(participant=participant).count() == 3
    assert sorted(Dot.objects.values_list("slot", flat=True)) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_dots_on_one_issue_leave_one_dot_when_stacking_is_off(round_):
    workshop = workshop_with_issues(round_, issues=6)
    participant = seat(workshop)
    issue = wall(workshop)[0]
    url = reverse("workshop_dot_place", args=[round_.pk, workshop.pk])
    client = Client()
    client.force_login(participant.user)

    _fire([lambda: client.post(url, {"issue": issue.pk}).status_code for _ in range(8)])

    assert Dot.objects.filter(participant=participant, issue=issue).count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_voters_at_once_lose_no_dot(round_):
    workshop = workshop_with_issues(round_, issues=6)
    voters = [seat(workshop) for _ in range(8)]
    issue = wall(workshop)[2]
    url = reverse("workshop_dot_place", args=[round_.pk, workshop.pk])
    clients = []
    for voter in voters:
        client = Client()
        client.force_login(voter.user)
        clients.append(client)

    _fire([lambda client=client: client.post(url, {"issue": issue.pk}).status_code for client in clients])

    assert Dot.objects.filter(issue=issue).count() == 8
