"""How later stages plug into the round without commissioning importing them.

Each app fills these in its AppConfig.ready():
- stage guards: what must be true before a round enters a stage;
- round summaries: a panel for the round's home page;
- document builders: the template and context of a PDF kind;
- demo seeders: their part of ``manage.py seed_demo``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

_guards = defaultdict(list)
_summaries = []
_document_builders = {}
_demo_seeders = []


def stage_guard(stage):
    """Register ``func(round) -> list of reasons`` that block entering ``stage``."""

    def decorator(func):
        _guards[str(stage)].append(func)
        return func

    return decorator


def blockers_for(round_, stage):
    reasons = []
    for guard in _guards.get(str(stage), []):
        reasons.extend(guard(round_))
    return reasons


@dataclass
class Summary:
    title: str
    lines: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, url)
    order: int = 100


def round_summary(order=100):
    """Register ``func(round, user) -> Summary | None`` for the round's home page."""

    def decorator(func):
        _summaries.append((order, func))
        _summaries.sort(key=lambda pair: pair[0])
        return func

    return decorator


def summaries_for(round_, user):
    return [summary for _, func in _summaries if (summary := func(round_, user)) is not None]


def document_builder(kind):
    """Register ``func(document) -> (template_name, context)`` for a PDF kind."""

    def decorator(func):
        _document_builders[kind] = func
        return func

    return decorator


def build_document(document):
    return _document_builders[document.kind](document)


def demo_seeder(order):
    """Register ``func(round, *, stdout)`` called by seed_demo, in order, after the core round exists."""

    def decorator(func):
        _demo_seeders.append((order, func))
        _demo_seeders.sort(key=lambda pair: pair[0])
        return func

    return decorator


def demo_seeders():
    return [func for _, func in _demo_seeders]
