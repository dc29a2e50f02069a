"""Every audit action reads as a sentence: the codes found in the source each have one, and the trail
shows money in pounds, dates the UK way and people by name, never a raw dictionary."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from commissioning import registry
from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe, describe_entries
from commissioning.audit.services import audit
from commissioning.enums import Role
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role

CODE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
PACKAGES = ["commissioning", "priorities", "proposals", "panels", "monitoring"]


def _source_files():
    for package in PACKAGES:
        root = Path(settings.BASE_DIR) / package
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _literals(node):
    """The string constants an expression can evaluate to, and whether it is anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value], True
    if isinstance(node, ast.IfExp):
        body, body_ok = _literals(node.body)
        orelse, orelse_ok = _literals(node.orelse)
        return body + orelse, body_ok and orelse_ok
    if isinstance(node, (ast.Tuple, ast.List)):
        found = [_literals(item) for item in node.elts]
        return [code for codes, _ok in found for code in codes], all(ok for _codes, ok in found)
    return [], False


def _is_audit_call(node):
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "audit") or (
        isinstance(func, ast.Attribute) and func.attr == "audit"
    )


def _audit_call_codes(node, where, unreadable):
    """audit("round.updated", ...): the code, or the call noted as unreadable (an f-string, a sum...)."""
    if not (isinstance(node, ast.Call) and _is_audit_call(node)):
        return []
    argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "action"), None)
    if argument is None:
        return []
    codes, readable = _literals(argument)
    if not readable and not isinstance(argument, (ast.Name, ast.Attribute, ast.Subscript, ast.IfExp)):
        unreadable.append(f"{where}:{node.lineno}")
    return codes


def _keyword_codes(node):
    """action="workshop.voting_opened", actions=("plan.outcome.created", ...) passed on to audit()."""
    if not isinstance(node, ast.Call):
        return []
    return [code for k in node.keywords if k.arg and "action" in k.arg for code in _literals(k.value)[0]]


def _constant_codes(node):
    """audit_action = "mailing.imported"; SOME_ACTION = "..."; class AuditAction(TextChoices): X = "a.b", _(...)."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and "action" in t.id.lower() for t in targets):
            return _literals(node.value)[0]
    if isinstance(node, ast.ClassDef) and "action" in node.name.lower():
        return [
            code
            for statement in node.body
            if isinstance(statement, ast.Assign)
            for code in _literals(statement.value)[0][:1]
        ]
    return []


def _row_codes(node):
    """{"action": "workshop.dot_placed", ...}: an entry written as a row, without audit()."""
    if not isinstance(node, ast.Dict):
        return []
    return [
        code
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant) and key.value == "action" and value is not None
        for code in _literals(value)[0]
    ]


def action_codes_in_source():
    """{code: "path:line"} for every audit action code written in the project's source, and the audit()
    calls whose code cannot be read there."""
    found, unreadable = {}, []
    base = Path(settings.BASE_DIR)
    for path in _source_files():
        where = str(path.relative_to(base))
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            candidates = [
                *_audit_call_codes(node, where, unreadable),
                *_keyword_codes(node),
                *_constant_codes(node),
                *_row_codes(node),
            ]
            for code in candidates:
                if CODE.match(code):
                    found.setdefault(code, f"{where}:{node.lineno}")
    return found, unreadable


def _sentences_module_for(where):
    parts = Path(where.split(":")[0]).parts
    return f"{parts[0]}/{parts[1]}" if len(parts) > 2 else parts[0]


def test_every_action_code_in_the_source_has_a_sentence():
    found, _unreadable = action_codes_in_source()
    assert len(found) > 40, "the scan found too few codes: it is looking in the wrong place"

    missing = sorted(set(found) - registry.audit_actions_with_sentences())

    problems = [
        f"- {code!r} (written at {found[code]}) has no sentence. Add it to SENTENCES in "
        f"{_sentences_module_for(found[code])}/sentences.py, e.g. "
        f'"{code}": Sentence(gettext_lazy("%(actor)s ... “%(object)s”")), and make sure '
        f"{_sentences_module_for(found[code])}/hooks.py calls registry.audit_sentences(sentences.SENTENCES). "
        "commissioning/audit/sentences.py says what a sentence can use."
        for code in missing
    ]
    assert not problems, "Audit actions the trail cannot read as a sentence:\n" + "\n".join(problems)


def test_every_audit_call_names_its_action_so_that_it_can_be_found():
    _found, unreadable = action_codes_in_source()

    assert not unreadable, (
        "Write the action code of these audit() calls as a string literal (or choose between literals with "
        "`a if x else b`), so that the sentence test can find it: " + ", ".join(unreadable)
    )


def _entry(action, *, actor=None, before=None, after=None, summary="", object_repr=""):
    return AuditEntry(action=action, actor=actor, before=before, after=after, summary=summary, object_repr=object_repr)


@pytest.mark.django_db
def test_every_registered_sentence_reads_without_its_values():
    actor = UserFactory(full_name="Olive Officer")
    for action in sorted(registry.audit_actions_with_sentences()):
        for before, after in [(None, None), ({}, {"x": 1}), ({"x": 1}, {"x": 2})]:
            described = describe(_entry(action, actor=actor, before=before, after=after, object_repr="Thing"))
            assert described.sentence, action
            assert "%(" not in described.sentence, action
            assert "{" not in described.sentence and "{" not in " ".join(described.details), action


@pytest.mark.django_db
def test_budget_change_reads_as_a_sentence_in_pounds(round_, officer):
    from commissioning.rounds import services  # noqa: PLC0415 -- the service under test, after the fixtures

    round_.annual_budget_pence = 1_200_000_00
    round_.save()

    services.update_round(round_, by=officer, annual_budget_pence=500_000_00)

    entry = AuditEntry.objects.get(action="round.updated")
    assert describe(entry).sentence == "Olive Officer changed the annual budget from £1,200,000 to £500,000"


@pytest.mark.django_db
def test_dot_reads_as_placing_a_dot_on_the_issue(round_, board_member):
    entry = audit(
        "workshop.dot_placed",
        by=board_member,
        round_=round_,
        after={"participant": 1, "issue": 2},
        summary="Worklessness",
    )

    described = describe(entry)

    assert described.sentence == "Bob Board placed a dot on “Worklessness”"
    assert described.details == []


@pytest.mark.django_db
def test_changes_list_dates_the_uk_way_and_people_and_organisations_by_name(round_, officer):
    person = UserFactory(full_name="Martin Reeves", email="martin@example.org")
    organisation = OrganisationFactory(name="Coventry City Council")
    role_entry = audit(
        "role.assigned",
        by=officer,
        round_=round_,
        after={"user": person.email, "role": Role.BOARD, "organisation": organisation.pk},
    )
    dates = audit(
        "round.updated",
        by=officer,
        round_=round_,
        before={"start_date": "2027-04-01", "number_of_years": 3, "place": "Coventry"},
        after={"start_date": "2027-09-01", "number_of_years": 2, "place": "Foleshill"},
    )

    role_text, dates_text = describe_entries([role_entry, dates])

    assert role_text.sentence == ("Olive Officer gave Martin Reeves the role of board member for Coventry City Council")
    assert dates_text.sentence == "Olive Officer changed 3 details (listed below)"
    assert dates_text.details == [
        "The place from Coventry to Foleshill",
        "The number of years from 3 to 2",
        "The start date from 1 April 2027 to 1 September 2027",
    ]


@pytest.mark.django_db
def test_an_unknown_action_still_reads_as_words_never_a_dictionary(round_, officer):
    entry = audit(
        "sponsor.mystery_thing",
        by=officer,
        round_=round_,
        obj=round_,
        before={"amount_pence": 1_200_000_00, "when": "2027-04-01"},
        after={"amount_pence": 500_000_00, "when": "2027-05-01", "names": ["A", "B"]},
        summary="Because",
    )

    described = describe(entry)

    assert described.sentence == f"Olive Officer: sponsor: mystery thing, “{round_.name}”"
    text = " ".join([described.sentence, *described.details]).lower()
    assert "amount from £1,200,000 to £500,000" in text
    assert "when from 1 april 2027 to 1 may 2027" in text
    assert "names set to a, b" in text
    assert described.note == "Because"
    assert "{" not in text and "_pence" not in text


@pytest.mark.django_db
def test_an_action_by_nobody_signed_in_says_so():
    described = describe(_entry("mailing.unsubscribed", object_repr="Amira <amira@example.org>"))

    assert described.sentence == "Amira <amira@example.org> left the mailing list"


@pytest.mark.django_db
def test_board_member_outside_the_trail(round_, board_member):
    person_with_role(round_, Role.OFFICER)

    assert not board_member.has_perm("commissioning.view_audit", round_)
