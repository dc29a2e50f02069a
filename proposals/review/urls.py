"""URLs of the officers' review (added to proposals.urls)."""

from django.urls import path

from proposals.review import views

REVIEW = "rounds/<int:round_pk>/review/"

urlpatterns = [
    path(REVIEW + "proposals/", views.ProposalListView.as_view(), name="review_proposals"),
    path(
        REVIEW + "specifications/<int:specification_pk>/proposals/",
        views.ProposalListView.as_view(),
        name="review_specification_proposals",
    ),
    path(REVIEW + "proposals/<int:pk>/", views.ProposalReviewView.as_view(), name="review_proposal"),
    path(REVIEW + "proposals/<int:pk>/eligibility/", views.EligibilityView.as_view(), name="review_eligibility"),
    path(REVIEW + "exports/", views.ExportStartView.as_view(), name="review_exports"),
    path(REVIEW + "exports/<int:pk>/", views.ExportView.as_view(), name="review_export"),
    path(REVIEW + "exports/<int:pk>/download/", views.ExportDownloadView.as_view(), name="review_export_download"),
]
