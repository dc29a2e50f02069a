"""URLs of the writing area (added to proposals.urls)."""

from django.urls import path

from proposals.writing import views_attachments

PROPOSAL = "rounds/<int:round_pk>/proposals/<int:pk>/"

urlpatterns = [
    path(
        PROPOSAL + "attachments/<int:attachment_pk>/",
        views_attachments.AttachmentDownloadView.as_view(),
        name="proposal_attachment",
    ),
    path(
        PROPOSAL + "attachments/<int:attachment_pk>/remove/",
        views_attachments.AttachmentRemoveView.as_view(),
        name="proposal_attachment_remove",
    ),
]
