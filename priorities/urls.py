"""The URLs of every area of the priorities stage."""

from priorities.evidence import urls as evidence_urls
from priorities.specifications import urls as specifications_urls
from priorities.workshop import urls as workshop_urls

# The workshop's pages come first: they take the busiest traffic (a room voting at once).
urlpatterns = workshop_urls.urlpatterns + evidence_urls.urlpatterns + specifications_urls.urlpatterns
