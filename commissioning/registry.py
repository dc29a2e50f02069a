"""How later stages plug into the round without commissioning importing them.

Every area's ``hooks.py`` registers here, and only there; ``autodiscover()`` (called from
commissioning's ``AppConfig.ready()``) imports each of them:
- stage guards: what must be true before a round enters a stage. A stage whose app is not
  built yet keeps commissioning's placeholder guard, which always refuses; a real guard
  replaces it. The system check in ``checks.py`` fails while a stage has neither;
- round summaries: a panel for the round's home page, in the order of the round's stages;
- document builders: the template and context of a PDF kind, one builder a kind;
- demo seeders: their part of ``manage.py seed_demo``, in the order of the round's stages;
- public calls: what the home page lists for everyone, signed in or not (open calls for proposals);
- home panels: what a signed-in person's home page shows them beyond their rounds (what waits for them).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from commissioning.enums import STAGE_ORDER, Stage

_guards = defaultdict(list)
_placeholder_guards = {}
_summaries = []
_document_builders = {}
_demo_seeders = []
_public_call_sources = []
_home_panel_sources = []


def _stage_index(stage):
    return STAGE_ORDER.index(Stage(stage).value)


def stage_guard(stage):
    """Register ``func(round) -> list of reasons`` that block entering ``stage``."""

    def decorator(func):
        _guards[Stage(stage).value].append(func)
        return func

    return decorator


def placeholder_guard(stage):
    """Register the guard of a stage that is not built yet: used only while no real guard is registered."""

    def decorator(func):
        _placeholder_guards[Stage(stage).value] = func
        return func

    return decorator


def guards_for(stage):
    """The guards in force for entering ``stage``: its real guards, or else its placeholder."""
    stage = Stage(stage).value
    if _guards.get(stage):
        return list(_guards[stage])
    placeholder = _placeholder_guards.get(stage)
    return [placeholder] if placeholder else []


def blockers_for(round_, stage):
    reasons = []
    for guard in guards_for(stage):
        reasons.extend(guard(round_))
    return reasons


@dataclass
class Summary:
    title: str
    lines: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, url)


def round_summary(stage):
    """Register ``func(round, user) -> Summary | None`` for the round's home page, shown with ``stage``."""

    def decorator(func):
        _summaries.append((_stage_index(stage), func))
        _summaries.sort(key=lambda pair: pair[0])  # stable: one stage's summaries keep their order
        return func

    return decorator


def summaries_for(round_, user):
    return [summary for _, func in _summaries if (summary := func(round_, user)) is not None]


def document_builder(kind):
    """Register ``func(document) -> (template_name, context)`` for a PDF kind; a second one is refused."""

    def decorator(func):
        existing = _document_builders.get(kind)
        if existing is not None and existing is not func:
            raise ImproperlyConfigured(
                f"PDF kind {kind!r} already has a builder ({existing.__module__}.{existing.__qualname__}); "
                f"{func.__module__}.{func.__qualname__} cannot be a second one."
            )
        _document_builders[kind] = func
        return func

    return decorator


def build_document(document):
    return _document_builders[document.kind](document)


def demo_seeder(stage):
    """Register ``func(round, *, stdout)``, called by seed_demo after the core round exists, stage by stage."""

    def decorator(func):
        _demo_seeders.append((_stage_index(stage), func))
        _demo_seeders.sort(key=lambda pair: pair[0])
        return func

    return decorator


def demo_seeders():
    return [func for _, func in _demo_seeders]


@dataclass
class PublicCall:
    """A call the public can answer, for the home page: the round, what it asks for, where to read it."""

    round: object
    items: list = field(default_factory=list)  # (title, url, detail): e.g. a specification and its deadline
    links: list = field(default_factory=list)  # (label, url)
    is_open: bool = True  # False: coming soon, nothing published yet


def public_calls_source(func):
    """Register ``func() -> list of PublicCall``; its queries must not grow with the calls it lists."""
    _public_call_sources.append(func)
    return func


def public_calls():
    return [call for func in _public_call_sources for call in func()]


@dataclass
class HomePanel:
    """A part of a signed-in person's home page: a heading and a template rendered with ``context``."""

    title: str
    template: str
    context: dict = field(default_factory=dict)


def home_panel(func):
    """Register ``func(user) -> HomePanel | None``; its queries must not grow with the rows it shows."""
    _home_panel_sources.append(func)
    return func


def home_panels(user):
    return [panel for func in _home_panel_sources if (panel := func(user)) is not None]


def autodiscover():
    """Import every area's ``hooks`` module (``<app>/<area>/hooks.py``) of the project's own apps."""
    for app_config in apps.get_app_configs():
        path = Path(app_config.path)
        if not path.is_relative_to(settings.BASE_DIR):
            continue
        for hooks in sorted(path.glob("*/hooks.py")):
            import_module(f"{app_config.name}.{hooks.parent.name}.hooks")
