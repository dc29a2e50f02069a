"""Wrong join codes counted per join code and per account, beside the counts per browser and per
client address: guessing at one code locks that code, not the room."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from priorities.workshop import services
from priorities.workshop.models import JOIN_CODE_ALPHABET
from priorities.workshop.selectors import codes_near
from tests.factories.commissioning import PASSWORD
from tests.priorities.workshop.helpers import seat, workshop_with_issues

pytestmark = pytest.mark.django_db

VENUE = "192.0.2.10"
TOO_MANY = "Too many wrong codes"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _one_slip_from(code, n):
    """The ``n``-th code that differs from ``code`` in its last character."""
    others = [char for char in JOIN_CODE_ALPHABET if char != code[-1]]
    return code[:-1] + others[n]


def _join(code, client=None):
    client = client or Client(REMOTE_ADDR=VENUE)  # a fresh browser each time: its own session
    return client.post(reverse("workshop_join"), {"code": code}, follow=True).content.decode()


def test_codes_near_finds_a_code_one_character_or_one_swap_away_and_no_other(round_, officer):
    workshop = workshop_with_issues(round_)
    target = services.issue_join_code(seat(workshop), by=officer).join_code
    services.issue_join_code(seat(workshop), by=officer)
    swapped = target[1] + target[0] + target[2:]

    assert codes_near(_one_slip_from(target, 0)) == [target]  # not the other, random, code
    assert target in codes_near(swapped.lower())
    assert codes_near(target) == []  # itself is not near itself
    assert codes_near("NOT A CODE\x00") == []


def test_a_flood_of_guesses_at_one_code_locks_that_code_while_others_at_the_address_join(settings, round_, officer):
    """Each guess from a new browser, so the limit per browser never applies; the address's limit
    (a room of 200) is far away."""
    workshop = workshop_with_issues(round_)
    target = services.issue_join_code(seat(workshop), by=officer)
    neighbour = services.issue_join_code(seat(workshop), by=officer)
    for n in range(settings.JOIN_CODE_FAILURES_PER_CODE):
        assert "That code does not match" in _join(_one_slip_from(target.join_code, n))

    right_code = _join(target.join_code)
    another_guess = _join(_one_slip_from(target.join_code, 20))
    other_person = _join(neighbour.join_code)

    assert TOO_MANY in right_code and f"You are voting as {target.user}" not in right_code
    assert TOO_MANY in another_guess  # the same answer near the code as at it: the refusal names none
    assert f"You are voting as {neighbour.user}" in other_person
    assert TOO_MANY not in other_person


def test_the_facilitator_gives_a_locked_out_participant_a_new_code(settings, round_, officer):
    workshop = workshop_with_issues(round_)
    target = services.issue_join_code(seat(workshop), by=officer)
    for n in range(settings.JOIN_CODE_FAILURES_PER_CODE):
        _join(_one_slip_from(target.join_code, n))

    renewed = services.issue_join_code(target, by=officer)

    assert f"You are voting as {target.user}" in _join(renewed.join_code)


def test_mistyping_a_code_a_few_times_does_not_lock_it(settings, round_, officer):
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for n in range(settings.JOIN_CODE_FAILURES_PER_CODE - 1):
        _join(_one_slip_from(me.join_code, n))

    assert f"You are voting as {me.user}" in _join(me.join_code)


def test_wrong_codes_are_counted_per_account_across_browsers(settings, round_, officer, board_member):
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)
    for _ in range(settings.JOIN_CODE_FAILURES_PER_BROWSER):
        browser = Client(REMOTE_ADDR=VENUE)
        assert browser.login(email=board_member.email, password=PASSWORD)
        assert "That code does not match" in _join("WRONG234", browser)

    again = Client(REMOTE_ADDR=VENUE)
    assert again.login(email=board_member.email, password=PASSWORD)
    signed_in = _join(me.join_code, again)
    someone_else = _join(me.join_code)

    assert TOO_MANY in signed_in
    assert f"You are voting as {me.user}" in someone_else
