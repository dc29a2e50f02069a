"""The URLs of every area of the proposals stage."""

from proposals.review import urls as review_urls

urlpatterns = [*review_urls.urlpatterns]
