import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ImportRefused, StageBlocked
from commissioning.enums import Stage
from commissioning.rounds import services as round_services
from priorities.evidence.csv_imports import CandidateIssueImport, SurveyResultImport
from priorities.evidence.models import CandidateIssue, SurveyResult
from tests.factories.commissioning import IndicatorFactory, IndicatorReadingFactory, StrategicOutcomeFactory
from tests.factories.priorities import CandidateIssueFactory, SurveyResultFactory


def upload(text, name="file.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text, content_type="text/csv")


def refused_details(importer, text, name="file.csv"):
    with pytest.raises(ImportRefused) as error:
        importer.run(upload(text, name))
    return error.value, [str(d) for d in error.value.details]


@pytest.fixture
def plan(round_):
    outcome = StrategicOutcomeFactory(round=round_, code="O1", title="More people in work")
    return {
        "outcome": outcome,
        "wk1": IndicatorFactory(outcome=outcome, code="WK1", name="Benefit claimants", unit="%"),
        "wk2": IndicatorFactory(outcome=outcome, code="WK2", name="Employment rate", unit="%"),
    }


@pytest.fixture
def issue(round_, plan):
    issue = CandidateIssueFactory(round=round_, name="Worklessness", outcome=plan["outcome"])
    issue.indicators.set([plan["wk1"]])
    return issue


# -- candidate issues import ---------------------------------------------------------------


@pytest.mark.django_db
def test_issue_import_creates_issues_with_indicators_and_audit(round_, officer, plan):
    text = "name,outcome_code,description,indicator_codes\nWorklessness,o1,Out of work,WK1; wk2\nSkills,O1,,\n"

    CandidateIssueImport(by=officer, round_=round_).run(upload(text))

    worklessness = CandidateIssue.objects.get(round=round_, name="Worklessness")
    assert worklessness.outcome == plan["outcome"]
    assert set(worklessness.indicators.values_list("code", flat=True)) == {"WK1", "WK2"}
    assert CandidateIssue.objects.get(name="Skills").indicators.count() == 0
    entry = AuditEntry.objects.get(action="evidence.issues_imported")
    assert (entry.round, entry.actor, entry.after["created"]) == (round_, officer, 2)


@pytest.mark.django_db
def test_issue_import_updates_an_existing_issue_by_name(round_, officer, issue, plan):
    text = "name,outcome_code,description,indicator_codes\nworklessness,O1,New words,WK2\n"

    result = CandidateIssueImport(by=officer, round_=round_).run(upload(text))

    issue.refresh_from_db()
    assert issue.description == "New words"
    assert list(issue.indicators.values_list("code", flat=True)) == ["WK2"]
    assert (result.created, result.updated) == (0, 1)
    assert CandidateIssue.objects.count() == 1


@pytest.mark.django_db
def test_issue_import_refuses_unknown_outcome_indicator_and_duplicates(round_, officer, plan):
    text = (
        "name,outcome_code,description,indicator_codes\n"
        "Worklessness,O9,,\nSkills,O1,,WK1;XX1\nHousing,O1,,\nhousing,O1,,\n"
    )

    _, details = refused_details(CandidateIssueImport(by=officer, round_=round_), text)

    assert details == [
        "Row 2, column “outcome_code”: There is no outcome O9 in the plan.",
        "Row 3, column “indicator_codes”: There is no indicator XX1 in the plan.",
        "Row 5: This row repeats row 4 (the same name).",
    ]
    assert not CandidateIssue.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_issue_import_refuses_wrong_headers(round_, officer, plan):
    _, details = refused_details(CandidateIssueImport(by=officer, round_=round_), "issue,outcome\nWorklessness,O1\n")

    assert "Row 1, column “name”: This column is missing." in details
    assert "Row 1, column “outcome_code”: This column is missing." in details
    assert not CandidateIssue.objects.exists()


# -- survey import -------------------------------------------------------------------------


@pytest.mark.django_db
def test_survey_import_writes_results_and_audit(round_, officer, issue):
    text = 'issue,share_percent,sample_size,survey_date\nWORKLESSNESS,41.2%,"1,152",30/06/2026\n'

    SurveyResultImport(by=officer, round_=round_).run(upload(text))

    result = SurveyResult.objects.get()
    assert (result.issue, result.share_percent, result.sample_size, result.survey_date) == (
        issue,
        Decimal("41.2"),
        1152,
        datetime.date(2026, 6, 30),
    )
    assert AuditEntry.objects.filter(action="evidence.survey_imported", round=round_).count() == 1


@pytest.mark.django_db
def test_survey_import_refuses_bad_rows_whole(round_, officer, issue):
    SurveyResultFactory(issue=issue, share_percent=Decimal("40"), survey_date=datetime.date(2024, 6, 30))
    text = (
        "issue,share_percent,sample_size,survey_date\n"
        "Worklessness,41.2,1152,2026-06-30\n"
        "Potholes,20,1152,2026-06-30\n"
        "Worklessness,120,1152,2025-06-30\n"
        "Worklessness,12,none,2023-06-30\n"
        "Worklessness,12,0,2022-06-30\n"
        "Worklessness,39,1000,30/06/2026\n"
    )

    _, details = refused_details(SurveyResultImport(by=officer, round_=round_), text)

    assert details == [
        "Row 3, column “issue”: There is no candidate issue called “Potholes”. Add the issue first.",
        "Row 4, column “share_percent”: Enter a number no more than 100.",
        "Row 5, column “sample_size”: “none” is not a whole number.",
        "Row 6, column “sample_size”: Enter a whole number of at least 1.",
        "Row 7: This row repeats row 2 (the same issue and survey_date).",
    ]
    assert list(SurveyResult.objects.values_list("share_percent", flat=True)) == [Decimal("40.00")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "s.csv", "The file is empty."),
        (b"issue,share_percent,sample_size,survey_date\n", "s.csv", "no data rows"),
        (b"PK\x03\x04\x14\x00", "s.csv", "Excel workbook"),
        (b"issue,share\x00", "s.csv", "not plain text"),
        (b"issue,share_percent,sample_size,survey_date\n", "s.pdf", "must be a CSV file"),
    ],
)
def test_survey_import_refuses_unusable_files(round_, officer, issue, content, name, message):
    error, _ = refused_details(SurveyResultImport(by=officer, round_=round_), content, name)

    assert message in error.message
    assert not SurveyResult.objects.exists()


@pytest.mark.django_db
def test_survey_import_refuses_a_file_over_the_limit(round_, officer, issue, settings):
    settings.CSV_IMPORT_MAX_BYTES = 200
    text = "issue,share_percent,sample_size,survey_date\n" + "Worklessness,41.2,1152,2026-06-30\n" * 10

    error, _ = refused_details(SurveyResultImport(by=officer, round_=round_), text)

    assert "larger than" in error.message
    assert not SurveyResult.objects.exists()


@pytest.mark.django_db
def test_survey_import_page_shows_report_and_writes_nothing(client, round_, officer, issue):
    client.force_login(officer)
    bad = upload("issue,share_percent,sample_size,survey_date\nWorklessness,lots,10,2026-06-30\n", "survey.csv")

    page = client.post(reverse("evidence_import_survey", args=[round_.pk]), {"file": bad}).content.decode()

    assert "Problems in survey.csv" in page
    assert "“lots” is not a number." in page
    assert not SurveyResult.objects.exists()


@pytest.mark.django_db
def test_survey_import_template_has_header_and_example(client, round_, officer):
    client.force_login(officer)

    response = client.get(reverse("evidence_import_survey", args=[round_.pk]), {"download": "template"})

    assert response.content.decode("utf-8-sig").splitlines() == [
        "issue,share_percent,sample_size,survey_date",
        "Worklessness,38.5,1200,2026-06-30",
    ]


# -- issue form ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_issue_form_creates_issue_with_indicators(client, round_, officer, plan):
    client.force_login(officer)
    data = {
        "name": "Skills",
        "outcome": plan["outcome"].pk,
        "description": "Basic skills",
        "indicators": [plan["wk1"].pk, plan["wk2"].pk],
    }

    response = client.post(reverse("evidence_issue_create", args=[round_.pk]), data)

    issue = CandidateIssue.objects.get(name="Skills")
    assert response.url == reverse("evidence_issues", args=[round_.pk])
    assert set(issue.indicators.values_list("code", flat=True)) == {"WK1", "WK2"}
    entry = AuditEntry.objects.get(action="evidence.issue_created")
    assert entry.after["indicators"] == ["WK1", "WK2"]


@pytest.mark.django_db
def test_issue_form_refuses_a_name_in_use_keeping_input(client, round_, officer, issue, plan):
    client.force_login(officer)
    data = {"name": "WORKLESSNESS", "outcome": plan["outcome"].pk, "description": "Typed description"}

    response = client.post(reverse("evidence_issue_create", args=[round_.pk]), data)

    page = response.content.decode()
    assert "Another candidate issue is already called “WORKLESSNESS”." in page
    assert "Typed description" in page
    assert CandidateIssue.objects.count() == 1


@pytest.mark.django_db
def test_issue_form_requires_name_and_refuses_foreign_indicator(client, round_, officer, plan):
    foreign = IndicatorFactory()
    client.force_login(officer)
    data = {"name": "", "outcome": plan["outcome"].pk, "description": "Kept", "indicators": [foreign.pk]}

    page = client.post(reverse("evidence_issue_create", args=[round_.pk]), data).content.decode()

    assert "govuk-error-summary" in page
    assert "Enter the issue&#x27;s name" in page
    assert "Select the indicators from the list" in page
    assert "\nKept</textarea>" in page
    assert not CandidateIssue.objects.exists()


@pytest.mark.django_db
def test_issue_form_edits_and_audits_the_change(client, round_, officer, issue, plan):
    client.force_login(officer)
    data = {"name": "Worklessness", "outcome": plan["outcome"].pk, "description": "Changed", "indicators": []}

    client.post(reverse("evidence_issue_edit", args=[round_.pk, issue.pk]), data)

    issue.refresh_from_db()
    assert issue.description == "Changed" and issue.indicators.count() == 0
    entry = AuditEntry.objects.get(action="evidence.issue_updated")
    assert entry.before["indicators"] == ["WK1"] and entry.after["indicators"] == []


# -- evidence page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_evidence_page_shows_charts_and_their_numbers(client, round_, board_member, issue, plan):
    wk1 = plan["wk1"]
    IndicatorReadingFactory(indicator=wk1, date=datetime.date(2023, 3, 31), value=Decimal("13.4"))
    IndicatorReadingFactory(indicator=wk1, date=datetime.date(2024, 3, 31), value=Decimal("12.1"))
    IndicatorReadingFactory(indicator=wk1, date=datetime.date(2024, 3, 31), area="Foleshill", value=Decimal("19.8"))
    SurveyResultFactory(issue=issue, share_percent=Decimal("41.2"), sample_size=1152)
    other = CandidateIssueFactory(round=round_, name="Crime and community safety", outcome=plan["outcome"])
    SurveyResultFactory(issue=other, share_percent=Decimal("52.6"))
    client.force_login(board_member)

    page = client.get(reverse("evidence_issue", args=[round_.pk, issue.pk])).content.decode()

    assert page.count('role="img"') == 2
    assert '<title id="indicator-' in page and '<desc id="indicator-' in page
    assert '<title id="survey-chart-title">' in page
    assert "Benefit claimants" in page
    assert "Foleshill" in page
    assert ">13.4</td>" in page and ">12.1</td>" in page and ">19.8</td>" in page
    assert "31 March 2024" in page
    assert ">41.2</td>" in page and ">52.6</td>" in page
    assert "Worklessness (this issue)" in page
    assert "rank 2 of 2 issues" in page
    assert "Lower is better." in page


@pytest.mark.django_db
def test_evidence_page_without_evidence_says_so(client, round_, officer, plan):
    bare = CandidateIssueFactory(round=round_, name="Transport", outcome=plan["outcome"])
    client.force_login(officer)

    page = client.get(reverse("evidence_issue", args=[round_.pk, bare.pk])).content.decode()

    assert "No indicators are linked to this issue yet." in page
    assert "No survey results yet." in page


@pytest.mark.django_db
def test_evidence_page_of_another_rounds_issue_is_not_found(client, round_, officer):
    foreign = CandidateIssueFactory()
    client.force_login(officer)

    assert client.get(reverse("evidence_issue", args=[round_.pk, foreign.pk])).status_code == 404


# -- permissions ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer", 200),
        ("board", 200),
        ("subgroup", 200),
        ("panel", 200),
        ("sponsor", 200),
        ("bidder", 404),
        ("outsider", 404),
    ],
)
def test_evidence_pages_visible_to_evidence_readers_only(client, round_, people, issue, role, status):
    SurveyResultFactory(issue=issue, share_percent=Decimal("41.2"))
    client.force_login(people[role])

    listing = client.get(reverse("evidence_issues", args=[round_.pk]))
    evidence = client.get(reverse("evidence_issue", args=[round_.pk, issue.pk]))

    assert (listing.status_code, evidence.status_code) == (status, status)
    assert ("Worklessness" in listing.content.decode()) == (status == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board", "subgroup", "panel", "sponsor", "bidder", "outsider"])
def test_evidence_changes_not_found_and_unchanged_for_non_officers(client, round_, people, issue, plan, role):
    client.force_login(people[role])
    data = {"name": "Renamed", "outcome": plan["outcome"].pk, "description": "x"}
    survey = upload("issue,share_percent,sample_size,survey_date\nWorklessness,41.2,1152,2026-06-30\n")

    statuses = [
        client.get(reverse("evidence_issue_create", args=[round_.pk])).status_code,
        client.post(reverse("evidence_issue_create", args=[round_.pk]), data).status_code,
        client.post(reverse("evidence_issue_edit", args=[round_.pk, issue.pk]), data).status_code,
        client.get(reverse("evidence_import_issues", args=[round_.pk])).status_code,
        client.post(reverse("evidence_import_survey", args=[round_.pk]), {"file": survey}).status_code,
    ]

    assert statuses == [404] * 5
    assert list(CandidateIssue.objects.values_list("name", flat=True)) == ["Worklessness"]
    assert not SurveyResult.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_issue_list_shows_edit_and_import_links_to_officers_only(client, round_, officer, board_member, issue):
    client.force_login(officer)
    officer_page = client.get(reverse("evidence_issues", args=[round_.pk])).content.decode()
    client.force_login(board_member)
    board_page = client.get(reverse("evidence_issues", args=[round_.pk])).content.decode()

    import_url = reverse("evidence_import_survey", args=[round_.pk])
    assert import_url in officer_page and import_url not in board_page
    assert reverse("evidence_issue", args=[round_.pk, issue.pk]) in board_page


# -- query counts --------------------------------------------------------------------------


def _issues(round_, plan, n):
    for i in range(n):
        issue = CandidateIssueFactory(round=round_, outcome=plan["outcome"], name=f"Issue {i}")
        issue.indicators.set([plan["wk1"], plan["wk2"]])
        SurveyResultFactory(issue=issue)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_issue_list_query_count_is_flat(client, round_, officer, plan, django_assert_num_queries, rows):
    _issues(round_, plan, rows)
    client.force_login(officer)
    url = reverse("evidence_issues", args=[round_.pk])
    client.get(url)

    with django_assert_num_queries(ISSUE_LIST_QUERIES):
        client.get(url)


ISSUE_LIST_QUERIES = 7


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_evidence_page_query_count_is_flat(client, round_, officer, plan, django_assert_num_queries, rows):
    _issues(round_, plan, rows)
    for year in range(2015, 2015 + rows):
        IndicatorReadingFactory(indicator=plan["wk1"], date=datetime.date(year, 3, 31))
    issue = CandidateIssue.objects.first()
    client.force_login(officer)
    url = reverse("evidence_issue", args=[round_.pk, issue.pk])
    client.get(url)

    with django_assert_num_queries(EVIDENCE_PAGE_QUERIES):
        client.get(url)


EVIDENCE_PAGE_QUERIES = 9


# -- round home page, stage guard, demo ----------------------------------------------------


@pytest.mark.django_db
def test_round_page_summarises_evidence_with_links(client, round_, board_member, issue):
    CandidateIssueFactory(round=round_, name="Transport", outcome=issue.outcome)
    SurveyResultFactory(issue=issue)
    client.force_login(board_member)

    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert "2 candidate issues" in page
    assert "1 residents&#x27; survey result" in page
    assert "Transport" in page and "neither a survey result nor an indicator" in page
    assert reverse("evidence_issue", args=[round_.pk, issue.pk]) in page


@pytest.mark.django_db
def test_round_cannot_enter_workshop_without_candidate_issues(round_, officer, plan):
    with pytest.raises(StageBlocked) as error:
        round_services.advance_round(round_, by=officer)

    assert "Add the candidate issues for the workshop." in error.value.details


@pytest.mark.django_db
def test_round_enters_workshop_once_issues_exist(round_, officer, issue):
    round_services.advance_round(round_, by=officer)

    round_.refresh_from_db()
    assert round_.stage == Stage.WORKSHOP
