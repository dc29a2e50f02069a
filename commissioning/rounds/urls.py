"""URLs of rounds: the home page, a round's pages, its people, invitations, audit trail and send log."""

from django.urls import path

from commissioning.common.tokens import LINK_CODE
from commissioning.rounds import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path(
        "partnerships/<int:partnership_pk>/rounds/new/",
        views.PartnershipRoundCreateView.as_view(),
        name="partnership_round_create",
    ),
    path("rounds/<int:round_pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:round_pk>/edit/", views.RoundUpdateView.as_view(), name="round_edit"),
    path("rounds/<int:round_pk>/advance/", views.RoundAdvanceView.as_view(), name="round_advance"),
    path("rounds/<int:round_pk>/people/", views.PeopleView.as_view(), name="round_people"),
    path(
        "rounds/<int:round_pk>/people/<int:role_pk>/remove/", views.RemoveRoleView.as_view(), name="round_role_remove"
    ),
    path("rounds/<int:round_pk>/audit/", views.AuditTrailView.as_view(), name="round_audit"),
    path("rounds/<int:round_pk>/emails/", views.OutboxView.as_view(), name="round_outbox"),
    path(f"invitations/<{LINK_CODE}:token>/", views.AcceptInvitationView.as_view(), name="invitation_accept"),
]
