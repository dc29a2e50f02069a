"""What the walking tests need to know about each URL: how to fill its arguments, and who may open it.

Each area declares its pages in ``tests/<app>/<area>/walk.py``, one line per URL name::

    url("workshop_detail", pk="workshop", allow=OFFICERS | {"board"})

An argument's value names a *thing* of the two-round world (``"workshop"``: that round's
workshop, its primary key; ``"subscriber.token"``: an attribute of it) or is a callable
``(world, side) -> value``. ``round_pk`` is the round itself unless given. Things are built on
first use by the builders that areas register with ``@thing("name")``; each is built once for
the round being walked ("own") and once for the other round ("other").

``allow`` names who may open the page of their own round: the values of ``Role``,
``"outsider"`` (signed in, no role anywhere), ``"elsewhere"`` (an officer of the other round
only), ``"anonymous"`` and ``"superuser"``. Everyone else must get a 404, or be sent to sign in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from commissioning.enums import Role

ROLES = frozenset(Role.values)
IDENTITIES = (*Role.values, "outsider", "elsewhere", "anonymous", "superuser")
EVERYONE = frozenset(IDENTITIES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
OFFICERS = frozenset({Role.OFFICER.value, "superuser"})
# Everyone taking part in a round studies its evidence (commissioning.rounds.rules.sees_evidence).
EVIDENCE = OFFICERS | {Role.BOARD.value, Role.SUBGROUP.value, Role.PANEL.value, Role.SPONSOR.value}
IN_ROUND = ROLES | {"superuser"}


@dataclass(frozen=True)
class Entry:
    key: str
    allow: frozenset
    kwargs: dict = field(default_factory=dict)
    # Round-scoped pages are walked in the own round, the other round, and with the own round's
    # id beside the other round's objects. Pages of things outside any round are walked once.
    scoped: bool = True
    # Form data a wrong-role POST sends: a callable (world, side) -> dict; empty when unset.
    data: Callable | None = None
    # Allowed people may be turned away with 404 because of the state of the thing (not who they are).
    allowed_may_404: bool = False
    # Who is walked through the pages; everyone unless narrowed (Django's admin is walked by fewer).
    identities: tuple = IDENTITIES


URLS: dict[str, Entry] = {}
# Pages that count as "sent to sign in" for someone turned away (besides the account and admin sign-in).
SIGN_IN_PAGES = {"account_login", "admin:login"}
NAMESPACES: dict[str, Entry] = {}
THINGS: dict[str, Callable] = {}


def url(key, /, *, allow, scoped=True, data=None, allowed_may_404=False, identities=IDENTITIES, **kwargs):
    """Declare the page named ``key`` (its URL name, with namespace, or its route when unnamed)."""
    if key in URLS:
        raise ValueError(f"The walking tests already know {key!r}.")
    URLS[key] = Entry(
        key=key,
        allow=frozenset(allow),
        kwargs=kwargs,
        scoped=scoped,
        data=data,
        allowed_may_404=allowed_may_404,
        identities=tuple(identities),
    )


def namespace(name, *, allow, kwargs, data=None, identities=IDENTITIES):
    """Declare every page of a URL namespace at once; ``kwargs`` is a callable (pattern, world) -> dict."""
    NAMESPACES[name] = Entry(
        key=f"{name}:*",
        allow=frozenset(allow),
        kwargs={"*": kwargs},
        scoped=False,
        data=data,
        identities=tuple(identities),
    )


def sign_in_page(name):
    """Someone turned away may be sent to the page ``name`` (e.g. joining a workshop with a code)."""
    SIGN_IN_PAGES.add(name)


def literal(value):
    """An argument given as it is, not the name of a thing."""
    return lambda world, side: value


def thing(name):
    """Register the builder of a thing of the world: ``builder(world, side) -> object``."""

    def register(builder):
        if name in THINGS:
            raise ValueError(f"The walking world already builds {name!r}.")
        THINGS[name] = builder
        return builder

    return register
