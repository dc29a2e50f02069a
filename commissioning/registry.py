"""How later stages plug into the round without commissioning importing them.

Every area's ``hooks.py`` registers here, and only there; ``autodiscover()`` (called from
commissioning's ``AppConfig.ready()``) imports each of them:
- stage guards: what must be true before a round enters a stage. A stage whose app is not
  built yet keeps commissioning's placeholder guard, which always refuses; a real guard
  replaces it. The system check in ``checks.py`` fails while a stage has neither;
- round summaries: lines and links for the round's home page, each in a group named for what a person
  does there (manage the round, the plan, evidence, the workshop, specifications), in the order of the
  round's stages;
- document builders: the template and context of a PDF kind, one builder a kind;
- demo seeders: their part of ``manage.py seed_demo``, in the order of the round's stages;
- public calls: what the home page lists for everyone, signed in or not (open calls for proposals);
- audit sentences: how the audit trail reads each action code ("Olive Officer changed the annual
  budget from £1,200,000 to £500,000"), declared in each area's ``sentences.py``.
- round change checks: why a round's new details (a smaller budget, fewer years) would break what
  a later stage already holds.
- home panels: what a signed-in person's home page shows them beyond their rounds (what waits for them).
- call links: what the public page of a round's call offers beyond reading it (registering to bid).
- money use: how much of the round's money later stages have allocated (approved decisions) and
  committed (accepted contracts), year by year, for every budget summary.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from commissioning.enums import STAGE_ORDER, Stage

_guards = defaultdict(list)
_placeholder_guards = {}
_summaries = []
_document_builders = {}
_demo_seeders = []
_public_call_sources = []
_audit_sentences = {}
_round_change_checks = []
_home_panel_sources = []
_call_link_sources = []
_bidder_link_sources = []
_money_use = {"allocated": [], "committed": []}


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


@dataclass(frozen=True)
class LinkGroup:
    """A heading of the round's home page, named for what a person does there."""

    key: str
    heading: str


MANAGE = LinkGroup("manage", _("Manage the round"))
MONEY = LinkGroup("money", _("Funding and budget"))
PLAN = LinkGroup("plan", _("Strategic plan"))
EVIDENCE = LinkGroup("evidence", _("Evidence"))
WORKSHOP = LinkGroup("workshop", _("Priority workshop"))
SPECIFICATIONS = LinkGroup("specifications", _("Specifications"))

# The order of the round's home page; a later stage's group follows these, in the order of the stages.
ROUND_PAGE_GROUPS = [MANAGE, MONEY, PLAN, EVIDENCE, WORKSHOP, SPECIFICATIONS]


@dataclass
class Summary:
    """What an area adds to the round's home page under ``group``: lines to read and links to follow.

    Give only links the person may use. A summary with no group is shown under its own ``title``
    (or under the group whose heading that title is). ``blocks`` are HTML the area rendered itself from
    its own template (a table of money), shown after the lines.
    """

    title: str = ""
    lines: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, url)
    group: LinkGroup | None = None
    blocks: list = field(default_factory=list)


@dataclass
class RoundPageSection:
    heading: str
    lines: list = field(default_factory=list)
    links: list = field(default_factory=list)
    blocks: list = field(default_factory=list)


def round_summary(stage):
    """Register ``func(round, user) -> Summary | None`` for the round's home page, shown with ``stage``."""

    def decorator(func):
        _summaries.append((_stage_index(stage), func))
        _summaries.sort(key=lambda pair: pair[0])  # stable: one stage's summaries keep their order
        return func

    return decorator


def summaries_for(round_, user):
    return [summary for _, func in _summaries if (summary := func(round_, user)) is not None]


def round_page_sections(round_, user):
    """The round's home page for ``user``: one section a group, the groups in ``ROUND_PAGE_GROUPS`` order
    then the others in the order of the stages; a group with nothing for this person is left out."""
    known = {str(group.heading): group for group in ROUND_PAGE_GROUPS}
    sections = {}
    for summary in summaries_for(round_, user):
        group = summary.group or known.get(str(summary.title)) or LinkGroup(str(summary.title), summary.title)
        section = sections.setdefault(group.key, RoundPageSection(heading=group.heading))
        section.lines.extend(summary.lines)
        section.links.extend(summary.links)
        section.blocks.extend(summary.blocks)
    order = [group.key for group in ROUND_PAGE_GROUPS]
    ranked = sorted(
        sections.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
    )  # stable: groups of later stages keep the order of the stages
    return [section for _key, section in ranked if section.lines or section.links or section.blocks]


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


def audit_sentences(sentences):
    """Register an area's ``{action code: sentence}`` (see ``commissioning.audit.sentences``); a code
    already given a different sentence is refused."""
    for action, sentence in sentences.items():
        existing = _audit_sentences.get(action)
        if existing is not None and existing is not sentence:
            raise ImproperlyConfigured(f"The audit action {action!r} already has a sentence.")
        _audit_sentences[action] = sentence


def audit_sentence_for(action):
    """The sentence registered for ``action``, or None."""
    return _audit_sentences.get(action)


def audit_actions_with_sentences():
    return set(_audit_sentences)


def round_change_check(func):
    """Register ``func(round) -> list of reasons`` that refuse a change to a round's details.

    ``round`` carries the new values, not yet saved, and its row is locked until the change is saved.
    """
    _round_change_checks.append(func)
    return func


def round_change_refusals(round_):
    return [reason for func in _round_change_checks for reason in func(round_)]


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


def call_link(func):
    """Register ``func(round, user) -> list of (label, url)`` for the public page of a round's call."""
    _call_link_sources.append(func)
    return func


def call_links(round_, user):
    return [link for func in _call_link_sources for link in func(round_, user)]


def bidder_link(func):
    """Register ``func(round, user) -> list of (label, url)`` for a bidder's dashboard: what later
    stages ask of the bidder (a meeting to book, follow-ups to answer). Only links the person may use."""
    _bidder_link_sources.append(func)
    return func


def bidder_links(round_, user):
    return [link for func in _bidder_link_sources for link in func(round_, user)]


def money_use(kind):
    """Register ``func(round, specification=None) -> {year: pence}`` as a source of the round's ``kind`` of
    money ("allocated": approved decisions; "committed": accepted contracts), years counted from 1; with a
    specification, only the money of its proposals. A constant number of queries, whatever the rows."""
    if kind not in _money_use:
        raise ImproperlyConfigured(f"Unknown kind of money use: {kind!r}")

    def register(func):
        if func not in _money_use[kind]:
            _money_use[kind].append(func)
        return func

    return register


def forget_money_use(kind, func):
    """Take ``func`` off the sources of ``kind`` of money (a test's own source, once the test is over)."""
    if func in _money_use[kind]:
        _money_use[kind].remove(func)


def money_used(round_, kind, specification=None):
    """``{year: pence}`` of the round's ``kind`` of money, summed over every registered source."""
    totals = {}
    for func in _money_use[kind]:
        for year, pence in func(round_, specification).items():
            totals[year] = totals.get(year, 0) + int(pence)
    return totals


def autodiscover():
    """Import every area's ``hooks`` module (``<app>/<area>/hooks.py``) of the project's own apps."""
    for app_config in apps.get_app_configs():
        path = Path(app_config.path)
        if not path.is_relative_to(settings.BASE_DIR):
            continue
        for hooks in sorted(path.glob("*/hooks.py")):
            import_module(f"{app_config.name}.{hooks.parent.name}.hooks")
