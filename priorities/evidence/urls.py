"""URLs of the evidence pages: candidate issues, their evidence and the imports."""

from django.urls import path

from priorities.evidence import views

urlpatterns = [
    path("rounds/<int:round_pk>/evidence/", views.IssueListView.as_view(), name="evidence_issues"),
    path("rounds/<int:round_pk>/evidence/issues/new/", views.IssueFormView.as_view(), name="evidence_issue_create"),
    path("rounds/<int:round_pk>/evidence/issues/<int:pk>/", views.IssueEvidenceView.as_view(), name="evidence_issue"),
    path(
        "rounds/<int:round_pk>/evidence/issues/<int:pk>/edit/",
        views.IssueFormView.as_view(),
        name="evidence_issue_edit",
    ),
    path(
        "rounds/<int:round_pk>/evidence/import/issues/", views.IssueImportView.as_view(), name="evidence_import_issues"
    ),
    path(
        "rounds/<int:round_pk>/evidence/import/survey/", views.SurveyImportView.as_view(), name="evidence_import_survey"
    ),
]
