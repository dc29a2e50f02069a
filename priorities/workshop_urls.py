from django.urls import path

from .views import workshop as views

W = "rounds/<int:round_pk>/workshops/<int:pk>/"

urlpatterns = [
    path("workshop/join/", views.JoinView.as_view(), name="workshop_join"),
    path("rounds/<int:round_pk>/workshops/", views.WorkshopListView.as_view(), name="workshop_list"),
    path("rounds/<int:round_pk>/workshops/new/", views.WorkshopCreateView.as_view(), name="workshop_create"),
    path(W, views.WorkshopDetailView.as_view(), name="workshop_detail"),
    path(W + "edit/", views.WorkshopUpdateView.as_view(), name="workshop_edit"),
    path(W + "state/", views.WorkshopStateView.as_view(), name="workshop_state"),
    path(W + "tally/", views.TallyVisibilityView.as_view(), name="workshop_tally_visibility"),
    path(W + "participants/", views.ParticipantsView.as_view(), name="workshop_participants"),
    path(
        W + "participants/<int:participant_pk>/remove/",
        views.RemoveParticipantView.as_view(),
        name="workshop_participant_remove",
    ),
    path(
        W + "participants/<int:participant_pk>/code/",
        views.ParticipantCodeView.as_view(),
        name="workshop_participant_code",
    ),
    path(W + "groups/new/", views.GroupView.as_view(), name="workshop_group_create"),
    path(W + "groups/<int:group_pk>/", views.GroupView.as_view(), name="workshop_group_edit"),
    path(W + "vote/", views.BallotView.as_view(), name="workshop_vote"),
    path(W + "vote/place/", views.PlaceDotView.as_view(), name="workshop_dot_place"),
    path(W + "vote/remove/", views.RemoveDotView.as_view(), name="workshop_dot_remove"),
    path(W + "projector/", views.ProjectorView.as_view(), name="workshop_projector"),
    path(W + "projector/tally/", views.ProjectorTallyView.as_view(), name="workshop_projector_tally"),
    path(W + "paper/", views.PaperCountsView.as_view(), name="workshop_paper"),
    path(W + "choose/", views.ChooseView.as_view(), name="workshop_choose"),
    path(W + "choose/tie/", views.TieView.as_view(), name="workshop_tie"),
    path(W + "choose/cross-cutting/", views.CrossCuttingView.as_view(), name="workshop_cross_cutting"),
    path(
        W + "choose/cross-cutting/<int:theme_pk>/remove/",
        views.RemoveCrossCuttingView.as_view(),
        name="workshop_cross_cutting_remove",
    ),
    path(W + "choose/confirm/", views.ConfirmView.as_view(), name="workshop_confirm"),
    path(W + "results/", views.ResultsView.as_view(), name="workshop_results"),
    path(W + "results.csv", views.ResultsCsvView.as_view(), name="workshop_results_csv"),
    path(W + "results.pdf", views.ResultsPdfView.as_view(), name="workshop_results_pdf"),
    path(W + "results/pdf-status/", views.ResultsPdfStatusView.as_view(), name="workshop_results_pdf_status"),
]
