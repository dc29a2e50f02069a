"""URLs of the review area (added to proposals.urls)."""

urlpatterns = []
