"""Every URL pattern of the project, as the walking tests see it."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.walking import registry
from tests.walking.world import OTHER, OWN


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name with its namespace, or the route when the pattern has no name
    namespace: str
    route: str
    pattern: URLPattern
    arguments: tuple  # the names of the URL's arguments, those of the prefixes it is included under too

    @property
    def view_module(self):
        callback = self.pattern.callback
        return getattr(callback, "view_class", callback).__module__


def patterns():
    def walk(resolvers, prefix, namespace, arguments):
        for item in resolvers:
            names = (*arguments, *item.pattern.regex.groupindex)
            if isinstance(item, URLResolver):
                inner = ":".join(n for n in (namespace, item.namespace) if n)
                yield from walk(item.url_patterns, prefix + str(item.pattern), inner, names)
            else:
                route = prefix + str(item.pattern)
                key = f"{namespace}:{item.name}" if namespace and item.name else item.name or route
                yield Pattern(key=key, namespace=namespace, route=route, pattern=item, arguments=names)

    seen = {}
    for found in walk(get_resolver().url_patterns, "", "", ()):
        seen.setdefault(found.key, found)
    return list(seen.values())


def where_to_register(found):
    module = found.view_module
    parts = module.split(".")
    if parts[0] in {"commissioning", "priorities", "proposals", "panels", "monitoring"} and len(parts) > 2:
        return f"tests/{parts[0]}/{parts[1]}/walk.py"
    if module.startswith("allauth"):
        return "tests/commissioning/accounts/walk.py"
    return "the walk.py of the area that owns it (tests/<app>/<area>/walk.py)"


def entry_for(found):
    if found.key in registry.URLS:
        return registry.URLS[found.key]
    if found.namespace in registry.NAMESPACES:
        return registry.NAMESPACES[found.namespace]
    raise LookupError(
        f"The URL {found.key!r} ({found.route}, view in {found.view_module}) is not known to the walking "
        f"tests. Declare who may open it and how to fill its arguments in {where_to_register(found)}: "
        f'url("{found.key}", <argument>="<thing>", allow=...) (see tests/walking/registry.py).'
    )


# The arguments that name the round itself: its id, or the random key of its public pages.
ROUND_KEYS = frozenset({"round_pk", "public_key"})


def variants(found, entry):
    """(variant, side each argument is taken from) for the pattern: own, other, and mismatched ids."""
    names = list(found.arguments)
    if not entry.scoped:
        return [("own", dict.fromkeys(names, OWN))]
    result = [("own", dict.fromkeys(names, OWN)), ("other", dict.fromkeys(names, OTHER))]
    round_keys = ROUND_KEYS & set(names)
    if round_keys and len(names) > len(round_keys):
        result.append(("mismatched", {name: OWN if name in round_keys else OTHER for name in names}))
    return result


def build(found, entry, world, sides):
    """The path of the page with its arguments taken from the world, each from the side given."""
    if "_url" in entry.kwargs:
        return entry.kwargs["_url"]
    if "*" in entry.kwargs:
        kwargs = entry.kwargs["*"](found, world)
    else:
        specs = {"round_pk": "round", "public_key": "round.public_key", **entry.kwargs}
        kwargs = {}
        for name, side in sides.items():
            if name not in specs:
                raise LookupError(f"The walking entry for {found.key!r} does not say how to fill {name!r}.")
            kwargs[name] = world.value(side, specs[name])
    if found.pattern.name is None:
        # An unnamed pattern cannot be reversed: its route is filled in by hand.
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: str(kwargs[match.group(1)]), found.route)
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match.group(1)]), path)
        return "/" + path.replace("^", "").replace("$", "")
    return reverse(found.key, kwargs=kwargs)


def allowed(entry, identity, variant):
    if variant == "mismatched":
        return False
    if variant == "other":
        # Seen from the other round, its officer is the officer and the own round's people are outsiders.
        identity = "officer" if identity == "elsewhere" else "outsider" if identity in registry.ROLES else identity
    return identity in entry.allow
