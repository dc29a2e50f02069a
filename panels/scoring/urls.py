"""URLs of the scoring area (added to panels.urls)."""

from django.urls import path

from panels.scoring import pack_views, views

PANEL = "rounds/<int:round_pk>/panels/<int:panel_pk>/"
PACK = "rounds/<int:round_pk>/panels/<int:panel_pk>/members/<int:member_pk>/pack/"
PROPOSAL = "rounds/<int:round_pk>/panels/proposals/<int:proposal_pk>/"

urlpatterns = [
    path(PANEL + "scoring/", views.ScoringListView.as_view(), name="scoring_list"),
    path(PANEL + "criteria/", views.CriteriaView.as_view(), name="scoring_criteria"),
    path(PANEL + "criteria/edit/", views.CriteriaEditView.as_view(), name="scoring_criteria_edit"),
    path(PANEL + "ranking/", views.RankingView.as_view(), name="scoring_ranking"),
    path(PROPOSAL + "scores/", views.ScoreSheetView.as_view(), name="scoring_sheet"),
    path(PROPOSAL + "moderation/", views.ModerationView.as_view(), name="scoring_moderation"),
    path(PROPOSAL + "recommendation/", views.RecommendationView.as_view(), name="scoring_recommendation"),
    path(PACK, pack_views.PackView.as_view(), name="panel_pack"),
    path(PACK + "pdf/", pack_views.PackPdfView.as_view(), name="panel_pack_pdf"),
]
