"""Hostile values posted to every form of every page, and put in every token of an address, never
give a server error: NUL bytes, huge and negative numbers, impossible dates, very long text, markup.

Each page is opened by someone it lets in (an officer where it is theirs); every form it shows is
posted with values Hypothesis makes for each of its fields. Addresses that carry a token are opened
with made-up tokens. Django's own admin is left to Django.
"""

from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.walking.forms import post_forms
from tests.walking.urls import build, entry_for, patterns, variants
from tests.walking.world import World, discover

discover()
PATTERNS = {found.key: found for found in patterns() if found.namespace != "admin" and found.pattern.name}
TOKEN_ARGUMENTS = {"token", "key", "uidb36"}
# Shaped like a real token, so that the address can be reversed, then replaced by the made-up one.
PLACEHOLDER = "Placeholder0Token0Placeholder"
# Who opens a page to find its forms: the first of these that the page lets in.
PREFERENCE = ("officer", "board", "subgroup", "bidder", "sponsor", "panel", "outsider", "anonymous", "superuser")

EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "abc\x00def",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "99999999999999999999999999999999",
            "-1",
            "1e309",
            "NaN",
            "Infinity",
            "0.0000000001",
            "2027-02-29",
            "9999-12-31",
            "0001-01-01",
            "0000-00-00",
            "31/02/2027",
            "29",
            "13",
            "10000",
            "<script>alert(1)</script>",
            "{{ request }}{% debug %}",
            "'; DROP TABLE commissioning_round; --",
            "\u202egnp.exe",
            "\ud7ff\ufffe\uffff",
            "%00",
            "",
        ]
    ),
    st.text(max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.integers(min_value=1_000, max_value=200_000).map(lambda n: "x" * n),
)
HOSTILE_TOKEN = st.one_of(
    st.sampled_from(["\x00", "%00", "a" * 5000, "..", "-", "\u202e", "' OR '1'='1"]),
    st.text(min_size=1, max_size=100).filter(lambda text: "/" not in text),
)


def _opener(entry):
    return next((identity for identity in PREFERENCE if identity in entry.allow), None)


def _client(world, identity):
    client = Client(raise_request_exception=False)
    if world.person(identity) is not None:
        client.force_login(world.person(identity))
    return client


def _skipped(action):
    # Signing out would end the walk for the rest of the page's forms.
    return urlsplit(action).path == reverse("account_logout")


def _post_hostile_values(client, identity, action, names):
    @EXAMPLES
    @given(values=st.fixed_dictionaries(dict.fromkeys(names, HOSTILE_TEXT)))
    def post(values):
        response = client.post(action, values)
        assert response.status_code < 500, f"POST {action} as {identity} with {values!r}: {response.status_code}"

    post()


@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_hostile_values_posted_to_a_pages_forms_never_give_a_server_error(db, key):
    found = PATTERNS[key]
    entry = entry_for(found)
    identity = _opener(entry)
    if identity is None:
        return  # nobody may open it: the walking test proves everyone is turned away
    world = World()
    _, sides = variants(found, entry)[0]
    path = build(found, entry, world, sides)
    client = _client(world, identity)
    page = client.get(path)
    assert page.status_code < 500, f"GET {path} as {identity}: {page.status_code}"
    html = page.content.decode(errors="replace") if page.get("Content-Type", "").startswith("text/html") else ""
    forms = [(action, fields) for action, fields in post_forms(html, page_path=path) if not _skipped(action)]
    if not any(token in found.arguments for token in TOKEN_ARGUMENTS):
        # Pages without a form of their own still take a POST (action buttons post to them).
        forms.append((path, {"value": ("text", "")}))

    for action, fields in forms:
        _post_hostile_values(client, identity, action, sorted(name for name in fields if name != "csrfmiddlewaretoken"))


@pytest.mark.parametrize(
    "key", sorted(key for key, found in PATTERNS.items() if TOKEN_ARGUMENTS & set(found.arguments))
)
def test_made_up_tokens_in_an_address_never_give_a_server_error(db, key):
    found = PATTERNS[key]
    entry = entry_for(found)
    world = World()
    _, sides = variants(found, entry)[0]
    real = build(found, entry, world, sides)
    client = Client(raise_request_exception=False)

    @EXAMPLES
    @given(token=HOSTILE_TOKEN)
    def visit(token):
        kwargs = {name: PLACEHOLDER if name in TOKEN_ARGUMENTS else None for name in found.arguments}
        template = reverse(found.key, kwargs={name: value or "1" for name, value in kwargs.items()})
        path = template.replace(PLACEHOLDER, quote(token, safe=""))
        for response in (client.get(path), client.post(path, {"value": token})):
            assert response.status_code < 500, f"{path}: {response.status_code}"

    assert real
    visit()
