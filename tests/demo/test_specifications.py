"""The demo's specifications: one published per priority, each measuring its own issue's indicators, with
the questions, subscribers and sponsor sign-offs a newcomer should find."""

from commissioning.accounts.models import User
from commissioning.audit.models import AuditEntry
from commissioning.rounds.demo import DEMO_PASSWORD
from priorities.specifications.enums import PUBLIC_STATES, SignoffRole, SignoffState
from priorities.specifications.models import Announcement, Question, Specification, Subscriber
from priorities.specifications.selectors import current_signoffs, sponsor_home
from priorities.workshop.models import Priority


def test_demo_publishes_a_specification_per_priority(demo_round):
    round_ = demo_round
    priorities = Priority.objects.filter(round=round_).count()
    assert priorities == 6
    assert Specification.objects.filter(round=round_, state__in=PUBLIC_STATES).count() == priorities
    # The first amended once (a mid-point review), the sixth once (its finance officer changed).
    assert Specification.objects.filter(round=round_, amendment_count=1).count() == 2
    assert Subscriber.objects.filter(partnership=round_.partnership).count() == 12
    assert Question.objects.filter(round=round_, answered_at__isnull=False).count() == 4
    waiting = Question.objects.get(round=round_, answered_at__isnull=True)
    assert "024 7683 2210" in waiting.text
    edit = AuditEntry.objects.get(round=round_, action="question.edited")
    assert "07700 900461" in edit.before["text"]
    assert Question.objects.get(pk=edit.object_id).text == "Can volunteers' time count as match funding?"
    assert Announcement.objects.filter(round=round_, kind="published").count() == priorities


def test_demo_specifications_measure_their_own_issues_indicators(demo_round):
    specs = Specification.objects.filter(round=demo_round).select_related("priority__issue")
    assert specs.exists()
    for spec in specs:
        codes = {indicator.code for indicator in spec.indicators.all()}
        assert codes, spec
        assert codes <= {indicator.code for indicator in spec.priority.issue.indicators.all()}, spec
        assert all(indicator.outcome_id == spec.strategic_outcome_id for indicator in spec.indicators.all())
        assert spec.strategic_outcome_id == spec.priority.issue.outcome_id
    worklessness = specs.get(priority__title="Worklessness")
    assert {indicator.code for indicator in worklessness.indicators.all()} == {"WK1", "WK2"}


def test_demo_sponsor_confirmed_one_and_the_new_finance_officer_is_still_to_confirm(demo_round):
    specs = list(Specification.objects.filter(round=demo_round).order_by("priority__rank"))
    confirmed = current_signoffs(specs[1])
    changed = current_signoffs(specs[5])

    assert {role: (s.email, s.state) for role, s in confirmed.items()} == {
        SignoffRole.CONTACT: ("sponsor@demo.example", SignoffState.CONFIRMED),
        SignoffRole.FINANCE: ("joanne.wright@demo.example", SignoffState.CONFIRMED),
    }
    assert (changed[SignoffRole.CONTACT].state, changed[SignoffRole.FINANCE].state) == (
        SignoffState.CONFIRMED,
        SignoffState.PENDING,
    )
    assert changed[SignoffRole.FINANCE].email == "finance@demo.example"
    finance = User.objects.get(email="finance@demo.example")
    assert finance.check_password(DEMO_PASSWORD)
    _specs, waiting = sponsor_home(finance)
    assert [signoff.specification_id for signoff in waiting] == [specs[5].pk]
