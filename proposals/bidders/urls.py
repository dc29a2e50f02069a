"""URLs of bidders (added to proposals.urls)."""

from django.urls import path

from commissioning.common.tokens import LINK_CODE
from proposals.bidders import views

urlpatterns = [
    path(f"call/<{LINK_CODE}:public_key>/register/", views.RegisterView.as_view(), name="bidder_register"),
]
