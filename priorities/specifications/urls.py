"""URLs of specifications, clarification questions and the mailing list (added to priorities.urls)."""

from django.urls import path

from commissioning.common.tokens import LINK_CODE
from priorities.specifications.views import clarifications, mailing, public, signoffs
from priorities.specifications.views import specifications as views

SPEC = "rounds/<int:round_pk>/priorities/<int:priority_pk>/specification/"

urlpatterns = [
    path("rounds/<int:round_pk>/specifications/", views.SpecificationListView.as_view(), name="specification_list"),
    path(
        "rounds/<int:round_pk>/priorities/<int:priority_pk>/subgroup/",
        views.SubgroupView.as_view(),
        name="subgroup_members",
    ),
    path(
        "rounds/<int:round_pk>/priorities/<int:priority_pk>/subgroup/<int:member_pk>/remove/",
        views.SubgroupRemoveView.as_view(),
        name="subgroup_member_remove",
    ),
    path(SPEC, views.SpecificationDetailView.as_view(), name="specification_detail"),
    path(SPEC + "edit/", views.SpecificationEditView.as_view(), name="specification_edit"),
    path(SPEC + "submit/", views.SpecificationSubmitView.as_view(), name="specification_submit"),
    path(SPEC + "approve/", views.SpecificationApproveView.as_view(), name="specification_approve"),
    path(SPEC + "return/", views.SpecificationReturnView.as_view(), name="specification_return"),
    path(SPEC + "ask-sponsor/", signoffs.AskSponsorView.as_view(), name="specification_ask_sponsor"),
    path("rounds/<int:round_pk>/sponsor-sign-offs/<int:pk>/", signoffs.SignoffView.as_view(), name="sponsor_signoff"),
    path(SPEC + "publish/", views.SpecificationPublishView.as_view(), name="specification_publish"),
    path(SPEC + "amend/", views.SpecificationAmendView.as_view(), name="specification_amend"),
    path(SPEC + "versions/", views.VersionsView.as_view(), name="specification_versions"),
    path(SPEC + "versions/<int:number>/", views.VersionDiffView.as_view(), name="specification_version"),
    path(SPEC + "send-log/", views.SendLogView.as_view(), name="specification_send_log"),
    path(SPEC + "specification.pdf", views.SpecificationPdfView.as_view(), name="specification_pdf"),
    path(SPEC + "ask/", clarifications.QuestionAskView.as_view(), name="question_ask"),
    path(SPEC + "follow/", clarifications.FollowView.as_view(), name="specification_follow"),
    path("rounds/<int:round_pk>/questions/", clarifications.QuestionListView.as_view(), name="question_list"),
    path(
        "rounds/<int:round_pk>/questions/<int:pk>/answer/",
        clarifications.QuestionAnswerView.as_view(),
        name="question_answer",
    ),
    path(f"call/<{LINK_CODE}:public_key>/", public.PublicCallView.as_view(), name="call_public"),
    path(f"call/<{LINK_CODE}:public_key>/sign-up/", mailing.SignupView.as_view(), name="mailing_signup"),
    path(
        f"call/<{LINK_CODE}:public_key>/<int:priority_pk>/",
        public.PublicSpecificationView.as_view(),
        name="specification_public",
    ),
    path(
        f"call/<{LINK_CODE}:public_key>/<int:priority_pk>/specification.pdf",
        public.PublicSpecificationPdfView.as_view(),
        name="specification_public_pdf",
    ),
    path("rounds/<int:round_pk>/call/", public.ByIdRedirectView.as_view(pattern_name="call_public")),
    path("rounds/<int:round_pk>/mailing-list/", mailing.SubscriberListView.as_view(), name="mailing_list"),
    path("rounds/<int:round_pk>/mailing-list/import/", mailing.SubscriberImportView.as_view(), name="mailing_import"),
    path("rounds/<int:round_pk>/mailing-list/sign-up/", public.ByIdRedirectView.as_view(pattern_name="mailing_signup")),
    path(f"mailing-list/confirm/<{LINK_CODE}:token>/", mailing.ConfirmView.as_view(), name="mailing_confirm"),
    path(
        f"mailing-list/unsubscribe/<{LINK_CODE}:token>/", mailing.UnsubscribeView.as_view(), name="mailing_unsubscribe"
    ),
]
