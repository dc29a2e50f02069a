"""URLs of the consortium and the bidder's dashboard (added to proposals.urls)."""

from django.urls import path

from commissioning.common.tokens import LINK_CODE
from proposals.consortium.views import dashboard, invitation, partners

PARTNERS = "rounds/<int:round_pk>/proposals/<int:proposal_pk>/partners/"

urlpatterns = [
    path("rounds/<int:round_pk>/bidding/", dashboard.DashboardView.as_view(), name="bidder_dashboard"),
    path(PARTNERS, partners.PartnersView.as_view(), name="consortium_partners"),
    path(PARTNERS + "sections/", partners.PartnerSectionsView.as_view(), name="consortium_partner_sections"),
    path(PARTNERS + "<int:partner_pk>/role/", partners.PartnerRoleView.as_view(), name="consortium_partner_role"),
    path(PARTNERS + "<int:partner_pk>/remove/", partners.PartnerRemoveView.as_view(), name="consortium_partner_remove"),
    path(PARTNERS + "<int:partner_pk>/resend/", partners.PartnerResendView.as_view(), name="consortium_partner_resend"),
    path(
        f"consortium/invitations/<{LINK_CODE}:token>/",
        invitation.PartnerInvitationView.as_view(),
        name="consortium_invitation",
    ),
]
