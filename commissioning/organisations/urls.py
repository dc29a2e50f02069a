"""URLs of the organisations every round shares."""

from django.urls import path

from commissioning.organisations import views

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationFormView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/edit/", views.OrganisationFormView.as_view(), name="organisation_edit"),
]
