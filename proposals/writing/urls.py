"""URLs of the writing area (added to proposals.urls)."""

urlpatterns = []
