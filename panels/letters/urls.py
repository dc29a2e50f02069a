from django.urls import path

from panels.letters import views

LETTER = "rounds/<int:round_pk>/proposals/<int:proposal_pk>/letter/"

urlpatterns = [
    path(LETTER, views.LetterView.as_view(), name="letter_detail"),
    path(LETTER + "again/", views.LetterRemakeView.as_view(), name="letter_remake"),
    path(LETTER + "<int:version>/pdf/", views.LetterPdfView.as_view(), name="letter_pdf"),
    path("rounds/<int:round_pk>/letters/", views.RoundLettersView.as_view(), name="letters_list"),
]
