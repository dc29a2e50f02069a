"""URLs of contracts (added to panels.urls)."""

from django.urls import path

from panels.contracts import views

ROUND = "rounds/<int:round_pk>/contracts/"
CONTRACT = ROUND + "<int:pk>/"
VERSION = CONTRACT + "versions/<int:number>/"

urlpatterns = [
    path(ROUND, views.ContractListView.as_view(), name="contract_list"),
    path(CONTRACT, views.ContractDetailView.as_view(), name="contract_detail"),
    path(CONTRACT + "terms/", views.TermsView.as_view(), name="contract_terms"),
    path(CONTRACT + "indicators/", views.IndicatorsView.as_view(), name="contract_indicators"),
    *[
        path(CONTRACT + f"{section}/", views.RowsView.as_view(section=section), name=f"contract_{section}")
        for section in ("conditions", "milestones", "outputs", "instalments")
    ],
    path(CONTRACT + "send/", views.SendView.as_view(), name="contract_send"),
    path(CONTRACT + "take-back/", views.TakeBackView.as_view(), name="contract_take_back"),
    path(CONTRACT + "vary/", views.VaryView.as_view(), name="contract_vary"),
    path(VERSION, views.VersionView.as_view(), name="contract_version"),
    path(VERSION + "pdf/", views.VersionPdfView.as_view(), name="contract_pdf"),
    path(VERSION + "accept/", views.AcceptView.as_view(), name="contract_accept"),
]
