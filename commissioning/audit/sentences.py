"""How the audit trail reads: each action code as a sentence ("Olive Officer changed the annual budget
from £1,200,000 to £500,000"), the fields it changed in words, never a raw dictionary.

Each area declares its codes' sentences in its own ``sentences.py`` as ``SENTENCES = {code: Sentence}``
and registers them from its ``hooks.py`` with ``registry.audit_sentences(sentences.SENTENCES)``.
A sentence's text is a translatable string with ``%(name)s`` placeholders:

- ``actor``: who acted (their name; "The system" when nobody was signed in),
- ``object``: what it was done to, as recorded (``object_repr``),
- ``summary``: the entry's summary (a reason, a note, an import's counts),
- ``changes``: the fields that changed, in words ("the annual budget from £1,200,000 to £500,000"),
- ``before_<key>`` / ``after_<key>``: one value of the entry's before/after, formatted.

Values are formatted by the ``fields`` the sentence declares (``money``, ``uk_date``, ``choice(Enum)``,
``lookup("app.Model")`` for a foreign key shown by name...) or, for keys it does not declare, by
their look: a key ending ``_pence`` is money, an ISO date is a UK date, a list is joined. A code
with no sentence still reads as words (``fallback``), never as a dictionary.

``describe_entries`` reads a page of entries with one query per model looked up, whatever the
number of entries.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning import registry
from commissioning.common.money import format_pence

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_LONG_TEXT = 120  # longer values are summarised as "changed", not quoted in full


# Formatters: value (as stored in the entry's JSON) -> text.


def plain(value):
    if value is None or value == "":
        return _("nothing")
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (list, tuple)):
        return listed(value)
    if isinstance(value, dict):
        return "; ".join(f"{_label_of(key)}: {plain(item)}" for key, item in value.items())
    if isinstance(value, str):
        if _ISO_DATETIME.match(value):
            return uk_datetime(value)
        if _ISO_DATE.match(value):
            return uk_date(value)
    return str(value)


def money(value):
    """Whole pence as pounds: 120000000 -> £1,200,000."""
    if value in (None, ""):
        return _("nothing")
    try:
        return format_pence(int(value))
    except (TypeError, ValueError):
        return str(value)


def money_by_year(values):
    """A list of pence a year: 'year 1: £750,000, year 2: £750,000'."""
    if not isinstance(values, (list, tuple)):
        return money(values)
    return ", ".join(
        _("year %(n)d: %(amount)s") % {"n": number, "amount": money(amount)}
        for number, amount in enumerate(values, start=1)
    )


def uk_date(value):
    """'2027-04-01' -> '1 April 2027'."""
    try:
        parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return date_format(parsed, "j F Y")


def uk_datetime(value):
    """An ISO date and time (stored UTC) -> '1 April 2027, 14:05' in UK time."""
    try:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, "j F Y, H:i")


def yes_no(value):
    return _("yes") if value else _("no")


def listed(values):
    values = [plain(value) for value in values or []]
    return ", ".join(values) if values else _("none")


def quoted(value):
    return f"“{value}”" if value not in (None, "") else _("nothing")


def lowered(formatter):
    """The same text starting in lower case, for the middle of a sentence ('as a board member')."""

    def format_lowered(value):
        text = formatter(value)
        return text[:1].lower() + text[1:]

    return format_lowered


def choice(choices):
    """A ``TextChoices`` value as its label ('draft' -> 'Draft')."""
    labels = dict(choices.choices)

    def format_choice(value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value)) if value not in (None, "") else _("nothing")

    return format_choice


@dataclass(frozen=True)
class lookup:
    """A foreign key (or a list of them) stored as its key, shown by name: ``lookup("commissioning.User",
    by="email")``. The names of a whole page are loaded with one query per model."""

    model: str
    by: str = "pk"
    display: object = str
    related: tuple = ()  # what ``display`` reads, loaded with the rows

    def model_class(self):
        return apps.get_model(self.model)

    def __call__(self, value, found=None):
        found = found or {}
        if isinstance(value, (list, tuple)):
            return listed([self(item, found) for item in value])
        if value in (None, ""):
            return _("nothing")
        obj = found.get(self._key(value))
        return str(self.display(obj)) if obj is not None else str(value)

    def _key(self, value):
        return str(value).lower() if self.by == "email" else str(value)

    def keys(self, value):
        if isinstance(value, (list, tuple)):
            return [key for item in value for key in self.keys(item)]
        return [] if value in (None, "") or isinstance(value, (dict, list)) else [value]

    def load(self, keys):
        model = self.model_class()
        if self.by == "email":
            wanted = {str(key).lower() for key in keys}
            rows = model.objects.filter(**{f"{self.by}__in": wanted}).select_related(*self.related)
            return {str(getattr(obj, self.by)).lower(): obj for obj in rows}
        pks = [key for key in keys if str(key).isdigit()]
        rows = model.objects.filter(pk__in=pks).select_related(*self.related)
        return {str(obj.pk): obj for obj in rows}


@dataclass(frozen=True)
class Field:
    """How one key of an entry's before/after reads: its label in a sentence ("the annual budget") and
    its formatter. A change names its old and new values (``values=True``), only the field
    (``False``), or its values when they are short (``None``). ``hidden`` keys are left out of the
    details (a placeholder can still use them)."""

    label: str
    format: object = plain
    values: bool | None = None
    hidden: bool = False


def hidden():
    """A key kept in the entry for the record (an internal id) that the trail does not show."""
    return Field("", hidden=True)


@dataclass(frozen=True)
class Sentence:
    """An action's sentence: ``text`` with placeholders (see the module), how its keys read (``fields``:
    key -> Field, or a label alone), whether the changed or recorded values are listed below it and
    whether the entry's summary is."""

    text: object  # a translatable string, or func(values) -> str for a sentence that varies
    fields: dict = field(default_factory=dict)
    details: bool = True
    note: bool = True  # the entry's summary (a reason, a note) shown under the sentence
    note_label: str = ""  # what the summary is ("Reason"), when it is shown
    changes_in_text: bool | None = None  # the text says %(changes)s (None: see whether it does)

    def field(self, key):
        declared = self.fields.get(key)
        if declared is None:
            return Field(_label_of(key), _guess_format(key))
        if isinstance(declared, Field):
            return declared
        return Field(declared, _guess_format(key))


@dataclass
class Described:
    """An entry as the trail shows it: one sentence, then any details (one line a field) and note."""

    entry: object
    sentence: str
    details: list
    note: str
    note_label: str = ""


def _label_of(key):
    key = re.sub(r"_pence$", "", str(key))
    return key.replace("_", " ")


def _guess_format(key):
    key = str(key)
    if key.endswith("_pence"):
        return money_by_year if key.startswith("allocations") else money
    return plain


class _Values(dict):
    """The placeholders of one sentence; a missing one reads as nothing rather than failing."""

    def __missing__(self, key):
        return ""


def with_values(values, **extra):
    """A sentence's placeholders with ``extra`` ones, for a sentence written as a function."""
    return _Values(values, **extra)


def _as_dict(value):
    if isinstance(value, dict):
        return value
    if value in (None, "", [], {}):
        return {}
    return {"value": value}


def _actor_name(entry):
    actor = entry.actor
    if actor is None:
        return _("The system")
    return getattr(actor, "full_name", "") or actor.email


def _formatted(sentence, key, value, found):
    spec = sentence.field(key)
    formatter = spec.format
    if isinstance(formatter, lookup):
        return formatter(value, found.get(formatter, {}))
    return formatter(value)


def _changes(sentence, before, after, found):
    """[(label, old text or None, new text or None, show values)] for keys that differ, declared first."""
    keys = list(dict.fromkeys([*sentence.fields, *before, *after]))
    rows = []
    for key in keys:
        if key not in before and key not in after:
            continue
        spec = sentence.field(key)
        if spec.hidden or before.get(key) == after.get(key):
            continue
        old = _formatted(sentence, key, before[key], found) if key in before else None
        new = _formatted(sentence, key, after[key], found) if key in after else None
        long = any(len(text or "") > _LONG_TEXT for text in (old, new))
        rows.append((spec.label, old, new, spec.values if spec.values is not None else not long))
    return rows


def _change_phrase(label, old, new, show_values):
    if not show_values:
        return str(label)
    if old is None:
        return _("%(label)s set to %(new)s") % {"label": label, "new": new}
    if new is None:
        return _("%(label)s removed (was %(old)s)") % {"label": label, "old": old}
    return _("%(label)s from %(old)s to %(new)s") % {"label": label, "old": old, "new": new}


def _joined(phrases):
    if len(phrases) <= 1:
        return "".join(phrases)
    return _("%(first)s and %(last)s") % {"first": ", ".join(phrases[:-1]), "last": phrases[-1]}


def _changes_in_words(rows):
    phrases = [_change_phrase(*row) for row in rows]
    if len(phrases) <= 2:
        return _joined(phrases)
    return ngettext("%(n)d detail (listed below)", "%(n)d details (listed below)", len(phrases)) % {"n": len(phrases)}


def _recorded(sentence, values, found):
    rows = []
    for key, value in values.items():
        spec = sentence.field(key)
        if spec.hidden or value in (None, "", [], {}):
            continue
        text = _formatted(sentence, key, value, found)
        if len(text) > 2 * _LONG_TEXT and spec.values is not True:
            text = text[: 2 * _LONG_TEXT].rstrip() + "…"
        label = re.sub(r"^the ", "", str(spec.label))
        rows.append(f"{capfirst(label)}: {text}")
    return rows


def _fallback_text(values):
    if values["object"]:
        return _("%(actor)s: %(action)s, “%(object)s”") % values
    return _("%(actor)s: %(action)s") % values


def fallback_sentence(action):
    """The sentence of a code nobody has described yet: its words, still readable."""
    return Sentence(_fallback_text, changes_in_text=False)


def imported(what):
    """The sentence of a CSV import (its after: file and counts): 'Priya Shah imported the plan's
    outcomes from outcomes.csv: 6 rows (6 added, 0 updated, 0 unchanged)'."""

    def text(values):
        return _(
            "%(actor)s imported %(what)s from %(after_file)s: %(after_rows)s rows (%(after_created)s added, "
            "%(after_updated)s updated, %(after_unchanged)s unchanged)"
        ) % _Values(values, what=what)

    return Sentence(text, details=False, note=False)


def sentence_for(action):
    return registry.audit_sentence_for(action) or fallback_sentence(action)


def _lookups_needed(entries):
    wanted = defaultdict(set)
    for entry in entries:
        sentence = sentence_for(entry.action)
        for values in (_as_dict(entry.before), _as_dict(entry.after)):
            for key, value in values.items():
                formatter = sentence.field(key).format
                if isinstance(formatter, lookup):
                    wanted[formatter].update(formatter.keys(value))
    return {formatter: formatter.load(keys) if keys else {} for formatter, keys in wanted.items()}


def describe(entry, found=None):
    """One entry in words."""
    found = found if found is not None else _lookups_needed([entry])
    sentence = sentence_for(entry.action)
    before, after = _as_dict(entry.before), _as_dict(entry.after)
    values = _Values(
        actor=_actor_name(entry),
        object=entry.object_repr,
        summary=entry.summary,
        action=entry.action.replace(".", ": ").replace("_", " "),
    )
    for prefix, data in (("before", before), ("after", after)):
        for key, value in data.items():
            values[f"{prefix}_{key}"] = _formatted(sentence, key, value, found)
    details = []
    if before and after:
        rows = _changes(sentence, before, after, found)
        values["changes"] = _changes_in_words(rows) or _("nothing")
        in_text = sentence.changes_in_text
        if in_text is None:
            in_text = callable(sentence.text) or "%(changes)s" in str(sentence.text)
        if sentence.details and (len(rows) > 2 or not in_text):
            details = [capfirst(_change_phrase(*row)) for row in rows]
    elif sentence.details:
        details = _recorded(sentence, after or before, found)
    text = sentence.text(values) if callable(sentence.text) else str(sentence.text) % values
    text = capfirst(re.sub(r"\s+([,.;:])", r"\1", " ".join(str(text).split())))
    uses_summary = not callable(sentence.text) and "%(summary)s" in str(sentence.text)
    note = entry.summary if entry.summary and not uses_summary and sentence.note else ""
    return Described(
        entry=entry, sentence=text, details=details, note=note, note_label=str(sentence.note_label) if note else ""
    )


def describe_entries(entries):
    """A page of entries in words, with one query per model whose names the page shows."""
    entries = list(entries)
    found = _lookups_needed(entries)
    return [describe(entry, found) for entry in entries]
