"""URLs of the submission area (added to proposals.urls)."""

from django.urls import path

from proposals.submission import views

PROPOSAL = "rounds/<int:round_pk>/proposals/<int:pk>/"
VERSION = PROPOSAL + "versions/<int:number>/"

urlpatterns = [
    path(PROPOSAL + "submit/", views.SubmitView.as_view(), name="proposal_submit"),
    path(PROPOSAL + "withdraw/", views.WithdrawView.as_view(), name="proposal_withdraw"),
    path(PROPOSAL + "extension/", views.ExtensionView.as_view(), name="proposal_extension"),
    path(PROPOSAL + "extension/remove/", views.RemoveExtensionView.as_view(), name="proposal_extension_remove"),
    path(PROPOSAL + "versions/", views.VersionsView.as_view(), name="proposal_versions"),
    path(VERSION, views.VersionView.as_view(), name="proposal_version"),
    path(VERSION + "changes/", views.VersionChangesView.as_view(), name="proposal_version_changes"),
    path(VERSION + "receipt.pdf", views.ReceiptView.as_view(), name="proposal_receipt"),
]
