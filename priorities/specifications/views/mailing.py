"""The mailing list: officers' list and import, self sign-up, confirmation and one-click unsubscribe."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.links import absolute_url
from commissioning.common.ratelimit import client_of, count_attempt, limit_key
from commissioning.common.views import show_application_error
from commissioning.imports.views import BackgroundCsvImportView
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.specifications import csv_imports, selectors
from priorities.specifications.enums import SubscriberStatus
from priorities.specifications.forms import SignupForm
from priorities.specifications.models import Subscriber
from priorities.specifications.services import mailing as services
from priorities.specifications.views.public import PublicRoundMixin


class SubscriberListView(SignedInRoundMixin, TemplateView):
    permission_required = "priorities.manage_mailing_list"
    template_name = "priorities/specifications/mailing/subscribers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status")
        if status not in SubscriberStatus.values:
            status = None
        context["status"] = status
        context["statuses"] = SubscriberStatus.choices
        context["page_obj"] = Paginator(selectors.subscribers(self.round, status=status), 100).get_page(
            self.request.GET.get("page")
        )
        context["confirmed"] = selectors.confirmed_subscriber_count(self.round)
        context["announcements"] = selectors.announcements(self.round)[:20]
        context["signup_url"] = (
            absolute_url(reverse("mailing_signup", args=[self.round.public_key]), request=self.request)
            if selectors.has_published(self.round)
            else None
        )
        return context


class SubscriberImportView(SignedInRoundMixin, BackgroundCsvImportView):
    permission_required = "priorities.manage_mailing_list"
    importer_class = csv_imports.SubscriberImport

    def get_success_url(self):
        return reverse("mailing_list", args=[self.round.pk])

    def get_back_link(self):
        return _("Mailing list"), reverse("mailing_list", args=[self.round.pk])


class SignupView(PublicRoundMixin, FormView):
    """Anyone can ask to hear about the round's calls, once something of it is published; the address
    is confirmed by email."""

    template_name = "priorities/specifications/mailing/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        self.public_round  # noqa: B018 -- 404 before anything else for a round with nothing published
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(public_round=self.public_round, **kwargs)

    def form_valid(self, form):
        """Sign the address up, within the limits; the answer is the same whatever happened to the
        address, so that the page does not tell who is on the list."""
        data = form.cleaned_data
        by_client = count_attempt(limit_key("mailing-signup-client", client_of(self.request)), window_seconds=3600)
        if by_client > settings.MAILING_SIGNUPS_PER_CLIENT_PER_HOUR:
            form.add_error(
                None,
                _("There have been too many sign-ups from your connection. Try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        by_address = count_attempt(limit_key("mailing-signup-address", data["email"]), window_seconds=3600)
        if by_address <= settings.MAILING_SIGNUPS_PER_ADDRESS_PER_HOUR:
            services.subscribe(
                self.public_round, name=data["name"], email=data["email"], organisation=data["organisation"]
            )
        return render(
            self.request,
            "priorities/specifications/mailing/signup_sent.html",
            {
                "public_round": self.public_round,
                "email": data["email"],
                "resend_minutes": int(services.RESEND_CONFIRMATION_AFTER.total_seconds() // 60),
            },
        )


class TokenView(View):
    """A link from an email: GET shows a button (mail scanners follow links), POST acts."""

    template_name = None

    def subscriber(self, token):
        return get_object_or_404(Subscriber.objects.select_related("partnership"), token=token)

    def get(self, request, token):
        return render(request, self.template_name, {"subscriber": self.subscriber(token), "done": False})

    def post(self, request, token):
        subscriber = self.subscriber(token)
        try:
            subscriber = self.act(token)
        except ApplicationError as error:
            show_application_error(request, error)
            return render(request, self.template_name, {"subscriber": subscriber, "done": False}, status=400)
        return render(request, self.template_name, {"subscriber": subscriber, "done": True})


class ConfirmView(TokenView):
    template_name = "priorities/specifications/mailing/confirm.html"

    def act(self, token):
        return services.confirm_subscription(token)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(TokenView):
    """Works by POST without signing in or a CSRF token: mail clients send the one-click request themselves."""

    template_name = "priorities/specifications/mailing/unsubscribe.html"

    def act(self, token):
        return services.unsubscribe(token)
