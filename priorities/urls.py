from django.urls import path

from . import specification_urls, workshop_urls
from .views import evidence

# The workshop's pages come first: they take the busiest traffic (a room voting at once).
urlpatterns = workshop_urls.urlpatterns + [
    path("rounds/<int:round_pk>/evidence/", evidence.IssueListView.as_view(), name="evidence_issues"),
    path("rounds/<int:round_pk>/evidence/issues/new/", evidence.IssueFormView.as_view(), name="evidence_issue_create"),
    path(
        "rounds/<int:round_pk>/evidence/issues/<int:pk>/", evidence.IssueEvidenceView.as_view(), name="evidence_issue"
    ),
    path(
        "rounds/<int:round_pk>/evidence/issues/<int:pk>/edit/",
        evidence.IssueFormView.as_view(),
        name="evidence_issue_edit",
    ),
    path(
        "rounds/<int:round_pk>/evidence/import/issues/",
        evidence.IssueImportView.as_view(),
        name="evidence_import_issues",
    ),
    path(
        "rounds/<int:round_pk>/evidence/import/survey/",
        evidence.SurveyImportView.as_view(),
        name="evidence_import_survey",
    ),
]

urlpatterns += specification_urls.urlpatterns
