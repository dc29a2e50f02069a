from django.urls import include, path

from priorities.workshop import views

workshop_pages = [
    # Voting first: a room of phones posting dots is the busiest traffic these pages get.
    path("vote/", views.BallotView.as_view(), name="workshop_vote"),
    path("vote/place/", views.PlaceDotView.as_view(), name="workshop_dot_place"),
    path("vote/remove/", views.RemoveDotView.as_view(), name="workshop_dot_remove"),
    path("", views.WorkshopDetailView.as_view(), name="workshop_detail"),
    path("edit/", views.WorkshopUpdateView.as_view(), name="workshop_edit"),
    path("state/", views.WorkshopStateView.as_view(), name="workshop_state"),
    path("tally/", views.TallyVisibilityView.as_view(), name="workshop_tally_visibility"),
    path("participants/", views.ParticipantsView.as_view(), name="workshop_participants"),
    path(
        "participants/<int:participant_pk>/remove/",
        views.RemoveParticipantView.as_view(),
        name="workshop_participant_remove",
    ),
    path(
        "participants/<int:participant_pk>/code/",
        views.ParticipantCodeView.as_view(),
        name="workshop_participant_code",
    ),
    path("participants/cards/", views.CardsView.as_view(), name="workshop_cards"),
    path("groups/new/", views.GroupView.as_view(), name="workshop_group_create"),
    path("groups/<int:group_pk>/", views.GroupView.as_view(), name="workshop_group_edit"),
    path("projector/", views.ProjectorView.as_view(), name="workshop_projector"),
    path("projector/tally/", views.ProjectorTallyView.as_view(), name="workshop_projector_tally"),
    path("projector/controls/", views.ProjectorControlsView.as_view(), name="workshop_projector_controls"),
    path("paper/", views.PaperCountsView.as_view(), name="workshop_paper"),
    path("choose/", views.ChooseView.as_view(), name="workshop_choose"),
    path("choose/tie/", views.TieView.as_view(), name="workshop_tie"),
    path("choose/cross-cutting/", views.CrossCuttingView.as_view(), name="workshop_cross_cutting"),
    path(
        "choose/cross-cutting/<int:theme_pk>/remove/",
        views.RemoveCrossCuttingView.as_view(),
        name="workshop_cross_cutting_remove",
    ),
    path("choose/confirm/", views.ConfirmView.as_view(), name="workshop_confirm"),
    path("results/", views.ResultsView.as_view(), name="workshop_results"),
    path("results.csv", views.ResultsCsvView.as_view(), name="workshop_results_csv"),
    path("results.pdf", views.ResultsPdfView.as_view(), name="workshop_results_pdf"),
    path("results/pdf-status/", views.ResultsPdfStatusView.as_view(), name="workshop_results_pdf_status"),
]

urlpatterns = [
    path("workshop/join/", views.JoinView.as_view(), name="workshop_join"),
    path("rounds/<int:round_pk>/workshops/", views.WorkshopListView.as_view(), name="workshop_list"),
    path("rounds/<int:round_pk>/workshops/new/", views.WorkshopCreateView.as_view(), name="workshop_create"),
    path("rounds/<int:round_pk>/workshops/<int:pk>/", include(workshop_pages)),
]
