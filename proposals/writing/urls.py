"""URLs of the writing area (added to proposals.urls)."""

from django.urls import path

from proposals.writing.views import pages, sections
from proposals.writing.views import text as _text_sections  # noqa: F401 -- registers the text sections

PROPOSAL = "rounds/<int:round_pk>/proposals/<int:pk>/"

urlpatterns = [
    path(
        "rounds/<int:round_pk>/specifications/<int:specification_pk>/propose/",
        pages.StartView.as_view(),
        name="proposal_start",
    ),
    path(PROPOSAL, pages.DetailView.as_view(), name="proposal_detail"),
    path(PROPOSAL + "sections/<slug:section>/", sections.SectionView.as_view(), name="proposal_section"),
    path(PROPOSAL + "partner-sections/", pages.PartnerSectionsView.as_view(), name="proposal_partner_sections"),
]
