"""URLs of the strategic plan: outcomes, indicators and their imports."""

from django.urls import path

from commissioning.plan import views

urlpatterns = [
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
]
