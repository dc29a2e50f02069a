"""Every import writes in bulk: its number of queries does not grow with the rows of the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commissioning.plan.csv_imports import IndicatorImport, OutcomeImport, ReadingImport
from priorities.evidence.csv_imports import CandidateIssueImport, SurveyResultImport
from priorities.specifications.csv_imports import SubscriberImport
from tests.factories.commissioning import IndicatorFactory, StrategicOutcomeFactory
from tests.factories.priorities import CandidateIssueFactory

pytestmark = pytest.mark.django_db


def _outcomes(rows, change):
    return "code,title,description\n" + "".join(f"N{i},Outcome {i}{change},\n" for i in rows)


def _indicators(rows, change):
    return "outcome_code,code,name,unit,higher_is_better,baseline_value\n" + "".join(
        f"O1,K{i},Indicator {i}{change},%,yes,\n" for i in rows
    )


def _readings(rows, change):
    return "indicator_code,date,area,value\n" + "".join(f"WK1,2020-01-01,Area {i},{len(change) + i}\n" for i in rows)


def _subscribers(rows, change):
    return "name,email,organisation\n" + "".join(f"Person {i}{change},p{i}@example.org,\n" for i in rows)


def _issues(rows, change):
    return "name,outcome_code,description,indicator_codes\n" + "".join(
        f"Issue {i},O1,{change},{'WK1' if change else 'WK2'}\n" for i in rows
    )


def _surveys(rows, change):
    return "issue,share_percent,sample_size,survey_date\n" + "".join(
        f"Worklessness,{10 + len(change)},{100 + i},2020-01-{1 + i % 28:02d}\n".replace(
            "2020-01", f"20{20 + i // 28}-01"
        )
        for i in rows
    )


IMPORTS = [
    (OutcomeImport, _outcomes),
    (IndicatorImport, _indicators),
    (ReadingImport, _readings),
    (SubscriberImport, _subscribers),
    (CandidateIssueImport, _issues),
    (SurveyResultImport, _surveys),
]


def _queries(importer_class, text, round_, officer):
    with CaptureQueriesContext(connection) as queries:
        importer_class(by=officer, round_=round_).run(SimpleUploadedFile("f.csv", text.encode()))
    return len(queries)


@pytest.mark.parametrize(("importer_class", "make_file"), IMPORTS, ids=[i[0].__name__ for i in IMPORTS])
def test_import_queries_do_not_grow_with_rows(importer_class, make_file, round_, officer):
    outcome = StrategicOutcomeFactory(round=round_, code="O1")
    IndicatorFactory(outcome=outcome, code="WK1")
    IndicatorFactory(outcome=outcome, code="WK2")
    CandidateIssueFactory(round=round_, name="Worklessness", outcome=outcome)

    _queries(importer_class, make_file(range(900, 901), ""), round_, officer)  # caches warmed (the round's partnership)
    created_10 = _queries(importer_class, make_file(range(10), ""), round_, officer)
    created_100 = _queries(importer_class, make_file(range(100, 200), ""), round_, officer)
    updated_10 = _queries(importer_class, make_file(range(10), " again"), round_, officer)
    updated_100 = _queries(importer_class, make_file(range(100, 200), " again"), round_, officer)

    # SQLite takes at most 999 parameters a query, so 100 new rows of a wide model need a second insert.
    extra_insert = 1 if connection.vendor == "sqlite" else 0
    assert created_10 <= created_100 <= created_10 + extra_insert
    assert updated_10 == updated_100
