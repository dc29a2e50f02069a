from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # The priorities' pages come early: they hold the busiest traffic, a room voting at once.
    path("", include("priorities.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<int:round_pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:round_pk>/edit/", views.RoundUpdateView.as_view(), name="round_edit"),
    path("rounds/<int:round_pk>/advance/", views.RoundAdvanceView.as_view(), name="round_advance"),
    path("rounds/<int:round_pk>/people/", views.PeopleView.as_view(), name="round_people"),
    path(
        "rounds/<int:round_pk>/people/<int:role_pk>/remove/", views.RemoveRoleView.as_view(), name="round_role_remove"
    ),
    path("rounds/<int:round_pk>/audit/", views.AuditTrailView.as_view(), name="round_audit"),
    path("rounds/<int:round_pk>/emails/", views.OutboxView.as_view(), name="round_outbox"),
    path("invitations/<str:token>/", views.AcceptInvitationView.as_view(), name="invitation_accept"),
    path("rounds/<int:round_pk>/plan/", views.PlanView.as_view(), name="plan"),
    path("rounds/<int:round_pk>/plan/outcomes/new/", views.OutcomeFormView.as_view(), name="plan_outcome_create"),
    path(
        "rounds/<int:round_pk>/plan/outcomes/<int:pk>/edit/", views.OutcomeFormView.as_view(), name="plan_outcome_edit"
    ),
    path("rounds/<int:round_pk>/plan/indicators/new/", views.IndicatorFormView.as_view(), name="plan_indicator_create"),
    path(
        "rounds/<int:round_pk>/plan/indicators/<int:pk>/edit/",
        views.IndicatorFormView.as_view(),
        name="plan_indicator_edit",
    ),
    path("rounds/<int:round_pk>/plan/import/outcomes/", views.OutcomeImportView.as_view(), name="plan_import_outcomes"),
    path(
        "rounds/<int:round_pk>/plan/import/indicators/",
        views.IndicatorImportView.as_view(),
        name="plan_import_indicators",
    ),
    path("rounds/<int:round_pk>/plan/import/readings/", views.ReadingImportView.as_view(), name="plan_import_readings"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationFormView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/edit/", views.OrganisationFormView.as_view(), name="organisation_edit"),
    path("", include("proposals.urls")),
    path("", include("panels.urls")),
    path("", include("monitoring.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
