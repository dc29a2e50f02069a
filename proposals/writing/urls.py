"""URLs of the writing area (added to proposals.urls)."""

from django.urls import path

from proposals.writing.views import attachments, pages, sections  # attachments registers its section too
from proposals.writing.views import budget as _budget_section  # noqa: F401 -- registers the budget section
from proposals.writing.views import indicators as _indicators_section  # noqa: F401 -- registers its section
from proposals.writing.views import plan as _plan_sections  # noqa: F401 -- registers milestones and risks
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
    path(
        PROPOSAL + "attachments/<int:attachment_pk>/",
        attachments.AttachmentDownloadView.as_view(),
        name="proposal_attachment",
    ),
    path(
        PROPOSAL + "attachments/<int:attachment_pk>/remove/",
        attachments.AttachmentRemoveView.as_view(),
        name="proposal_attachment_remove",
    ),
]
