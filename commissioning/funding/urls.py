"""URLs of the round's funding: its sources and the budget they give."""

from django.urls import path

from commissioning.funding import views

urlpatterns = [
    path("rounds/<int:round_pk>/funding/", views.FundingView.as_view(), name="funding"),
    path("rounds/<int:round_pk>/funding/new/", views.FundingSourceFormView.as_view(), name="funding_source_create"),
    path(
        "rounds/<int:round_pk>/funding/<int:pk>/edit/",
        views.FundingSourceFormView.as_view(),
        name="funding_source_edit",
    ),
    path(
        "rounds/<int:round_pk>/funding/<int:pk>/remove/",
        views.FundingSourceRemoveView.as_view(),
        name="funding_source_remove",
    ),
]
