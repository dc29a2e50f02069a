"""The URLs of every area of the proposals stage.

A proposal's pages live under ``rounds/<round_pk>/proposals/<pk>/``; URL names are not namespaced
(``proposal_detail``, ``proposal_section``, ``proposal_submit``...), as in the other stages.
"""

from proposals.bidders import urls as bidders_urls
from proposals.consortium import urls as consortium_urls
from proposals.review import urls as review_urls
from proposals.submission import urls as submission_urls
from proposals.writing import urls as writing_urls

urlpatterns = (
    writing_urls.urlpatterns
    + consortium_urls.urlpatterns
    + submission_urls.urlpatterns
    + review_urls.urlpatterns
    + bidders_urls.urlpatterns
)
