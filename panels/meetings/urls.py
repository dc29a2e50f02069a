"""URLs of the meetings area (added to panels.urls)."""

from django.urls import path

from panels.meetings import views

PANEL = "rounds/<int:round_pk>/panels/<int:panel_pk>/meetings/"
PROPOSAL = "rounds/<int:round_pk>/proposals/<int:pk>/meeting/"

urlpatterns = [
    path(PANEL, views.TimetableView.as_view(), name="meeting_timetable"),
    path(f"{PANEL}slots/add/", views.SlotAddView.as_view(), name="meeting_slot_add"),
    path(f"{PANEL}slots/<int:slot_pk>/", views.SlotEditView.as_view(), name="meeting_slot_edit"),
    path(f"{PANEL}slots/<int:slot_pk>/remove/", views.SlotRemoveView.as_view(), name="meeting_slot_remove"),
    path(f"{PANEL}slots/<int:slot_pk>/assign/", views.SlotAssignView.as_view(), name="meeting_slot_assign"),
    path(PROPOSAL, views.BookingView.as_view(), name="meeting_booking"),
    path(f"{PROPOSAL}cancel/", views.CancelView.as_view(), name="meeting_cancel"),
    path(f"{PROPOSAL}record/", views.RecordView.as_view(), name="meeting_record"),
    path(
        f"{PROPOSAL}follow-ups/<int:follow_up_pk>/done/",
        views.FollowUpDoneView.as_view(),
        name="meeting_follow_up_done",
    ),
]
