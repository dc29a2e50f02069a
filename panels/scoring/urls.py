"""URLs of the scoring area (added to panels.urls)."""

from django.urls import path

from panels.scoring import views

PANEL = "rounds/<int:round_pk>/panels/<int:panel_pk>/"
PROPOSAL = "rounds/<int:round_pk>/panels/proposals/<int:proposal_pk>/"

urlpatterns = [
    path(PANEL + "scoring/", views.ScoringListView.as_view(), name="scoring_list"),
    path(PANEL + "criteria/", views.CriteriaView.as_view(), name="scoring_criteria"),
    path(PANEL + "criteria/edit/", views.CriteriaEditView.as_view(), name="scoring_criteria_edit"),
    path(PANEL + "ranking/", views.RankingView.as_view(), name="scoring_ranking"),
    path(PROPOSAL + "scores/", views.ScoreSheetView.as_view(), name="scoring_sheet"),
    path(PROPOSAL + "moderation/", views.ModerationView.as_view(), name="scoring_moderation"),
    path(PROPOSAL + "recommendation/", views.RecommendationView.as_view(), name="scoring_recommendation"),
]
