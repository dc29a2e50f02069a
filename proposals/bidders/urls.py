"""URLs of bidders (added to proposals.urls)."""

from django.urls import path

from proposals.bidders import views

urlpatterns = [
    path("rounds/<int:round_pk>/bidders/register/", views.RegisterView.as_view(), name="bidder_register"),
]
