"""URLs of the decisions area (added to panels.urls)."""

from django.urls import path

from panels.decisions import views

ROUND = "rounds/<int:round_pk>/decisions/"
PROPOSAL = ROUND + "proposals/<int:proposal_pk>/"

urlpatterns = [
    path(ROUND, views.DecisionsView.as_view(), name="decisions_list"),
    path(ROUND + "decisions.csv", views.DecisionsCsvView.as_view(), name="decisions_csv"),
    path(ROUND + "approval/", views.DecisionSettingsView.as_view(), name="decisions_settings"),
    path(ROUND + "funding/", views.AgencyFundingView.as_view(), name="decisions_agency"),
    path(PROPOSAL, views.DecisionFormView.as_view(), name="decisions_record"),
    path(PROPOSAL + "approve/", views.DecisionApproveView.as_view(), name="decisions_approve"),
    path(
        "rounds/<int:round_pk>/proposals/<int:proposal_pk>/decision/",
        views.BidderDecisionView.as_view(),
        name="decisions_bidder",
    ),
]
