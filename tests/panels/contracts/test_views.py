"""Contract pages: officers list, edit, send and vary; the lead reads and accepts; a confirmed partner reads;
anyone else gets a 404 and changes nothing."""

import datetime

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.money import pence_to_pounds
from commissioning.enums import Stage
from commissioning.rounds.models import Round
from panels.contracts import services
from panels.contracts.enums import VersionStatus
from panels.contracts.models import ContractVersion
from proposals.writing.enums import PartnerState
from tests.factories.proposals import bidder_person
from tests.panels.contracts.helpers import AMOUNTS, Setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    return Setting()


def _args(s, *more):
    return [s.round.pk, s.contract.pk, *more]


def _partner_person(s):
    partner = s.proposal.partners.filter(is_lead=False, state=PartnerState.CONFIRMED).first()
    return bidder_person(s.round, partner.organisation, full_name="Pat Partner")


def test_officer_lists_contracts_and_sees_what_waits(client, setting):
    client.force_login(setting.officer)
    page = client.get(reverse("contract_list", args=[setting.round.pk])).content.decode()
    assert "Mentoring in Hillfields" in page
    assert "Version 1: Draft" in page
    assert "Still waiting for" in page
    assert "£270,000.06 over three years" in page


def test_contract_list_keeps_its_query_count(client, setting, django_assert_max_num_queries):
    client.force_login(setting.officer)
    url = reverse("contract_list", args=[setting.round.pk])
    client.get(url)
    from django.db import connection  # noqa: PLC0415 -- only here
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- only here

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    setting.other_contract()
    with CaptureQueriesContext(connection) as two:
        page = client.get(url).content.decode()
    assert "Work tasters in Foleshill" in page
    assert len(two) == len(one)


def test_officer_edits_the_terms_and_bad_input_keeps_what_was_typed(client, setting):
    client.force_login(setting.officer)
    url = reverse("contract_terms", args=_args(setting))
    data = {
        "amount_1": "120,000",
        "amount_2": "lots",
        "amount_3": "80000.03",
        "start_date_day": "1",
        "start_date_month": "4",
        "start_date_year": "2027",
        "end_date_day": "31",
        "end_date_month": "3",
        "end_date_year": "2030",
    }
    page = client.post(url, data).content.decode()
    assert "Enter an amount of money in pounds" in page
    assert 'value="120,000"' in page and 'value="lots"' in page
    setting.version.refresh_from_db()
    assert setting.version.amounts_pence == AMOUNTS
    response = client.post(url, {**data, "amount_2": "95,000"})
    assert response.status_code == 302
    setting.version.refresh_from_db()
    assert setting.version.amounts_pence == [120_000_00, 95_000_00, 80_000_03]
    assert sum(setting.version.instalments.filter(year=1).values_list("amount_pence", flat=True)) == 120_000_00


def test_officer_edits_conditions_as_rows(client, setting):
    client.force_login(setting.officer)
    url = reverse("contract_conditions", args=_args(setting))
    page = client.get(url).content.decode()
    assert "A signed partnership agreement." in page
    data = {
        "conditions-TOTAL_FORMS": "2",
        "conditions-INITIAL_FORMS": "1",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "50",
        "conditions-0-text": "A signed partnership agreement.",
        "conditions-0-due_date_day": "30",
        "conditions-0-due_date_month": "6",
        "conditions-0-due_date_year": "2027",
        "conditions-1-text": "A safeguarding policy.",
        "conditions-1-due_date_day": "31",
        "conditions-1-due_date_month": "2",
        "conditions-1-due_date_year": "2027",
    }
    page = client.post(url, data).content.decode()
    assert "must be a real date" in page and "A safeguarding policy." in page
    assert setting.version.conditions.count() == 1
    data["conditions-1-due_date_month"] = "7"
    assert client.post(url, data).status_code == 302
    assert [c.text for c in setting.version.conditions.all()] == [
        "A signed partnership agreement.",
        "A safeguarding policy.",
    ]
    assert setting.version.conditions.all()[1].due_date == datetime.date(2027, 7, 31)


def test_instalments_page_refuses_a_schedule_that_does_not_add_up(client, setting):
    client.force_login(setting.officer)
    url = reverse("contract_instalments", args=_args(setting))
    rows = list(setting.version.instalments.all())
    data = {
        "instalments-TOTAL_FORMS": str(len(rows)),
        "instalments-INITIAL_FORMS": str(len(rows)),
        "instalments-MIN_NUM_FORMS": "0",
        "instalments-MAX_NUM_FORMS": "50",
    }
    for index, row in enumerate(rows):
        prefix = f"instalments-{index}-"
        data[prefix + "year"] = str(row.year)
        for name in ("period_start", "period_end", "due_date"):
            day = getattr(row, name)
            data.update(
                {f"{prefix}{name}_day": day.day, f"{prefix}{name}_month": day.month, f"{prefix}{name}_year": day.year}
            )
        data[prefix + "amount_pence"] = str(pence_to_pounds(row.amount_pence))
    data["instalments-0-amount_pence"] = "30000"
    page = client.post(url, data).content.decode()
    assert "The instalments of year 1 add up to £105,000.01" in page
    assert 'value="30000"' in page
    assert setting.version.instalments.filter(year=1).order_by("due_date")[0].amount_pence == 100_000_01 // 4


def test_send_accept_and_vary_through_the_pages(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting.officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("contract_send", args=_args(setting)), {}).status_code == 302
    setting.version.refresh_from_db()
    assert setting.version.status == VersionStatus.SENT
    # Once sent, the draft's pages turn the officer away.
    response = client.get(reverse("contract_terms", args=_args(setting)))
    assert response.status_code == 302

    client.force_login(setting.lead_person)
    detail = client.get(reverse("contract_detail", args=_args(setting))).content.decode()
    assert "This contract waits for your acceptance." in detail
    accept = reverse("contract_accept", args=_args(setting, 1))
    page = client.get(accept).content.decode()
    for text in ("A signed partnership agreement.", "£100,000.01 in year 1 (2027 to 2028)", "Payment schedule"):
        assert text in page
    page = client.post(accept, {}).content.decode()
    assert "Confirm that you have read the contract and accept it" in page
    client.post(accept, {"confirm": "on"}, REMOTE_ADDR="198.51.100.23")
    setting.version.refresh_from_db()
    assert setting.version.status == VersionStatus.ACCEPTED
    assert setting.version.accepted_by == setting.lead_person
    assert setting.version.accepted_ip == "198.51.100.23"
    assert (
        "from the address 198.51.100.23" in client.get(reverse("contract_detail", args=_args(setting))).content.decode()
    )
    pdf = client.get(reverse("contract_pdf", args=_args(setting, 1)))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"

    client.force_login(setting.officer)
    vary = reverse("contract_vary", args=_args(setting))
    refused = client.post(vary, {"reason": ""})
    assert refused.status_code == 200 and "reason for the variation" in refused.content.decode().lower()
    assert not ContractVersion.objects.filter(contract=setting.contract, number=2).exists()
    assert client.post(vary, {"reason": "A fourth mentor."}).status_code == 302
    version = ContractVersion.objects.get(contract=setting.contract, number=2)
    services.change_terms(
        version,
        by=setting.officer,
        amounts_pence=[AMOUNTS[0] + 1_000_00, AMOUNTS[1], AMOUNTS[2]],
        start_date=version.start_date,
        end_date=version.end_date,
    )
    page = client.get(reverse("contract_version", args=_args(setting, 2))).content.decode()
    assert "What changed from version 1" in page
    assert "The value in year 1 changed from £100,000.01 to £101,000.01." in page
    first = client.get(reverse("contract_version", args=_args(setting, 1))).content.decode()
    assert "£100,000.01 in year 1" in first and "Accepted" in first


def test_partner_reads_but_cannot_accept_and_strangers_get_404(client, setting):
    services.send_version(setting.version, by=setting.officer)
    partner = _partner_person(setting)
    client.force_login(partner)
    assert client.get(reverse("contract_detail", args=_args(setting))).status_code == 200
    assert client.get(reverse("contract_version", args=_args(setting, 1))).status_code == 200
    assert client.post(reverse("contract_accept", args=_args(setting, 1)), {"confirm": "on"}).status_code == 404
    assert client.get(reverse("contract_terms", args=_args(setting))).status_code == 404
    setting.version.refresh_from_db()
    assert setting.version.status == VersionStatus.SENT


def test_bidder_a_cannot_reach_bidder_bs_contract(client, setting):
    other, other_person = setting.other_contract()
    services.send_version(other.versions.get(), by=setting.officer)
    client.force_login(setting.lead_person)
    args = [setting.round.pk, other.pk]
    for url in (
        reverse("contract_detail", args=args),
        reverse("contract_version", args=[*args, 1]),
        reverse("contract_pdf", args=[*args, 1]),
        reverse("contract_accept", args=[*args, 1]),
        reverse("contract_list", args=[setting.round.pk]),
        reverse("contract_send", args=args),
    ):
        assert client.get(url).status_code == 404, url
    before = AuditEntry.objects.count()
    assert client.post(reverse("contract_accept", args=[*args, 1]), {"confirm": "on"}).status_code == 404
    assert client.post(reverse("contract_vary", args=args), {"reason": "Mine now"}).status_code == 404
    assert other.versions.get().status == VersionStatus.SENT
    assert AuditEntry.objects.count() == before
    dashboard = client.get(reverse("bidder_dashboard", args=[setting.round.pk])).content.decode()
    assert "Your contract: Mentoring in Hillfields" in dashboard
    assert "Work tasters in Foleshill" not in dashboard


def test_round_page_links_officers_to_the_contracts(client, setting):
    client.force_login(setting.officer)
    Round.objects.filter(pk=setting.round.pk).update(stage=Stage.PANELS)
    page = client.get(reverse("round_detail", args=[setting.round.pk])).content.decode()
    assert reverse("contract_list", args=[setting.round.pk]) not in page
    Round.objects.filter(pk=setting.round.pk).update(stage=Stage.AWARD)
    page = client.get(reverse("round_detail", args=[setting.round.pk])).content.decode()
    assert reverse("contract_list", args=[setting.round.pk]) in page
    client.force_login(setting.lead_person)
    page = client.get(reverse("round_detail", args=[setting.round.pk])).content.decode()
    assert reverse("contract_list", args=[setting.round.pk]) not in page


def test_contract_pages_keep_their_query_count_whatever_the_rows(client, setting):
    from django.db import connection  # noqa: PLC0415 -- only here
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- only here

    client.force_login(setting.officer)
    urls = [
        reverse("contract_detail", args=_args(setting)),
        reverse("contract_version", args=_args(setting, 1)),
        reverse("contract_accept", args=_args(setting, 1)),
    ]
    services.send_version(setting.version, by=setting.officer)
    client.force_login(setting.lead_person)
    counts = []
    for _ in range(2):
        for url in urls:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            for url in urls:
                assert client.get(url).status_code == 200
        counts.append(len(queries))
        for n in range(5):
            setting.version.conditions.create(text=f"Condition {n}", due_date=datetime.date(2027, 9, 1))
            setting.version.milestones.create(description=f"Milestone {n}", due_date=datetime.date(2027, 9, 1))
            setting.version.outputs.create(description=f"Output {n}", quantity=n)
    assert counts[0] == counts[1]


def test_officer_changes_an_indicators_targets_and_bad_input_is_kept(client, setting):
    client.force_login(setting.officer)
    url = reverse("contract_indicators", args=_args(setting))
    indicator = setting.version.indicators.first()
    data = {f"baseline_{indicator.pk}": "14.5"}
    for year in (1, 2, 3):
        data[f"target_{indicator.pk}_{year}"] = "12"
    data[f"target_{indicator.pk}_2"] = "about ten"
    page = client.get(url).content.decode()
    assert indicator.indicator.name in page
    page = client.post(url, data).content.decode()
    assert "the target of" in page.lower() and 'value="about ten"' in page
    indicator.refresh_from_db()
    assert indicator.targets == ["13.500", "12.500", "11.500"]
    data[f"target_{indicator.pk}_2"] = "10.25"
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.targets == ["12", "10.25", "12"]


def test_officer_takes_a_sent_contract_back_and_sends_it_again(client, setting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_version(setting.version, by=setting.officer)
    client.force_login(setting.officer)
    url = reverse("contract_take_back", args=_args(setting))
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "why it is taken back" in refused.content.decode().lower()
    setting.version.refresh_from_db()
    assert setting.version.status == VersionStatus.SENT
    assert client.post(url, {"reason": "The second year's value was mistyped."}).status_code == 302
    setting.version.refresh_from_db()
    assert setting.version.status == VersionStatus.DRAFT
    assert AuditEntry.objects.filter(action="contract.changed", summary__startswith="The second year").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_version(setting.version, by=setting.officer)
    setting.version.refresh_from_db()
    assert setting.version.document.version == 2
    from commissioning.outbox.models import OutgoingEmail  # noqa: PLC0415 -- only here

    assert OutgoingEmail.objects.filter(dedup_key__startswith=f"contract:{setting.version.pk}:sent:").count() == 2
