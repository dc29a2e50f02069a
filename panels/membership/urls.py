"""URLs of the membership area (added to panels.urls)."""

from django.urls import path

from panels.membership import views

PANELS = "rounds/<int:round_pk>/panels/"
PANEL = PANELS + "<int:pk>/"

urlpatterns = [
    path(PANELS, views.PanelListView.as_view(), name="panel_list"),
    path(PANELS + "priorities/<int:priority_pk>/set-up/", views.SetUpPanelView.as_view(), name="panel_set_up"),
    path(PANEL, views.PanelDetailView.as_view(), name="panel_detail"),
    path(PANEL + "members/add/", views.MemberAddView.as_view(), name="panel_member_add"),
    path(PANEL + "members/<int:member_pk>/remove/", views.MemberRemoveView.as_view(), name="panel_member_remove"),
    path(PANEL + "join/<int:seat_pk>/", views.TakeSeatView.as_view(), name="panel_join"),
    path(PANEL + "interests/", views.InterestsView.as_view(), name="panel_interests"),
    path(PANEL + "interests/<int:proposal_pk>/", views.DeclareView.as_view(), name="panel_declare"),
    path(PANEL + "declarations/", views.DeclarationsView.as_view(), name="panel_declarations"),
    path(PANEL + "proposals/", views.ReadingListView.as_view(), name="panel_reading"),
    path(PANEL + "proposals/<int:proposal_pk>/", views.ReadProposalView.as_view(), name="panel_proposal"),
    # Named like the proposal's own attachment URL (round, proposal, attachment): the proposal's list draws it.
    path(
        PANELS + "proposals/<int:proposal_pk>/attachments/<int:attachment_pk>/",
        views.AttachmentView.as_view(),
        name="panel_attachment",
    ),
]
