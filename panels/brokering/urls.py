"""URLs of the brokering area (added to panels.urls)."""

from django.urls import path

from panels.brokering import views

PANEL = "rounds/<int:round_pk>/panels/<int:panel_pk>/brokering/"
INBOX = "rounds/<int:round_pk>/collaboration/"

urlpatterns = [
    path(PANEL, views.RequestListView.as_view(), name="brokering_list"),
    path(PANEL + "ask/", views.AskView.as_view(), name="brokering_ask"),
    path(PANEL + "<int:pk>/", views.RequestDetailView.as_view(), name="brokering_detail"),
    path(PANEL + "<int:pk>/withdraw/", views.WithdrawView.as_view(), name="brokering_withdraw"),
    path(INBOX, views.InboxView.as_view(), name="brokering_inbox"),
    path(INBOX + "<int:pk>/", views.AnswerView.as_view(), name="brokering_answer"),
]
