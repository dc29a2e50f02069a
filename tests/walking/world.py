"""The two-round world the walking tests open every page in: a round with one person per role, and
another round of another partnership, with an officer of its own, holding the same kinds of things.
"""

import hashlib
import importlib
from pathlib import Path

from django.db import connection

from commissioning.enums import Role, Stage
from commissioning.partnerships.enums import PartnershipRole
from commissioning.partnerships.models import PartnershipMember
from tests.factories.commissioning import RoundFactory, UserFactory, person_with_role
from tests.walking import registry

OWN, OTHER = "own", "other"
TESTS = Path(__file__).resolve().parent.parent


def discover():
    """Import every area's ``walk.py`` so that its URLs and things are registered."""
    for path in sorted(TESTS.rglob("walk.py")):
        module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        importlib.import_module(module)


class World:
    def __init__(self):
        self.rounds = {
            OWN: RoundFactory(name="Own round", stage=Stage.CALL),
            OTHER: RoundFactory(name="Other round", stage=Stage.CALL),
        }
        self.people = {role: person_with_role(self.rounds[OWN], role, full_name=f"Own {role}") for role in Role.values}
        self.people["outsider"] = UserFactory(full_name="Oscar Outsider")
        self.people["elsewhere"] = person_with_role(self.rounds[OTHER], Role.OFFICER, full_name="Elsie Elsewhere")
        # The round's officer, and the other round's, also lead their partnerships (they start its rounds).
        for identity, side in (("officer", OWN), ("elsewhere", OTHER)):
            PartnershipMember.objects.create(
                partnership=self.rounds[side].partnership, user=self.people[identity], role=PartnershipRole.OFFICER
            )
        self.people["superuser"] = UserFactory(full_name="Sue Superuser", is_superuser=True, is_staff=True)
        self.people["anonymous"] = None
        self._things = {}

    def round(self, side):
        return self.rounds[side]

    def person(self, identity):
        return self.people[identity]

    def get(self, side, name):
        key = (side, name)
        if key not in self._things:
            if name not in registry.THINGS:
                raise LookupError(f"No walk.py registers a builder for the thing {name!r} (@thing({name!r})).")
            self._things[key] = registry.THINGS[name](self, side)
        return self._things[key]

    def value(self, side, spec):
        """The value of one URL argument described by ``spec`` (see registry)."""
        if callable(spec):
            return spec(self, side)
        if not isinstance(spec, str):
            return spec
        name, _, attribute = spec.partition(".")
        obj = self.round(side) if name == "round" else self.get(side, name)
        return getattr(obj, attribute) if attribute else obj.pk


def snapshot():
    """Each table's row count and a checksum of its rows (sessions aside: signing in writes them)."""
    tables = sorted(t for t in connection.introspection.table_names() if t != "django_session")
    state = {}
    with connection.cursor() as cursor:
        for table in tables:
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {name}")  # noqa: S608 -- names come from the schema
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return state
