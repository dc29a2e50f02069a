"""The section pages of a proposal: one page per ``Section``, each saving on its own.

Every section page works the same way (``SectionView``): it loads the proposal through
``proposals_visible_to`` (404 for anyone else), shows the completeness checklist beside the form,
and saves through ``save_section`` with the revision the page was made from. A save from an older
revision is refused (``EditConflict``) and the page shows what the person typed with the message;
a proposal that can no longer change (``ProposalReadOnly``) says why. Someone who may read the
proposal but not write the section (an officer; a partner the lead has not opened it to) gets the
section read-only, with the reason. With JavaScript, ``static/js/autosave.js`` and htmx post the
form when typing stops and on change; the view answers those requests (``request.htmx``) with a
small status fragment ("Saved at 14:02", or the refusal), and plain requests with a redirect and
a message.

How to add a section
--------------------
1. Write its form(s): a ``SectionForm`` (or a ``ProposalFieldsForm`` for fields of the proposal
   itself) from ``proposals.writing.forms``. It takes ``proposal=`` and writes its cleaned data in
   ``apply_to(locked_proposal)`` (fields onto the proposal, which the caller saves; rows directly).
   Name the fields so that their ids are ``id_<Problem.field>`` of ``completeness``: a formset or
   form prefixed ``indicator-12`` with a field ``baseline_value`` gives ``id_indicator-12-baseline_value``.
2. Subclass ``SectionPage`` and register it with ``@register``::

       @register
       class RisksPage(SectionPage):
           section = Section.RISKS
           form_classes = {"form": RisksForm}          # name -> form (or formset) class, in page order
           template_name = "proposals/writing/sections/risks.html"      # optional: extends section.html
           content_template = "proposals/writing/content/risks.html"    # read-only, on the proposal page

   Override ``get_form_kwargs(name)`` for a form's arguments (default ``{"proposal": ...}``; a
   formset wants ``queryset`` or ``instance``), ``apply(forms, locked)`` when the forms do not
   write themselves, ``get_context(forms)`` for more context, ``audit_action`` and
   ``audit_after(forms)`` for a section holding money. A page that uploads files sets
   ``has_files = True`` (and ``autosave = False``); ``save_label`` names the button ("Save"
   unless set). ``live_template`` (optional) is re-rendered after each autosave and swapped in by
   its element's id (``hx-swap-oob``), e.g. warnings that follow the text.
3. Import the module in ``proposals/writing/urls.py`` (a page registers when its module is
   imported); an area above writing imports it from its own ``urls.py``.

The section's template extends ``proposals/writing/section.html`` and fills ``section_intro``
(what the specification asks) and, when the default drawing of its forms will not do,
``section_fields``. The content template gets the proposal page's context: ``proposal`` (with its
rows prefetched, see ``completeness.PREFETCH``), ``specification``, ``indicators``, ``themes``,
``round``, ``partners``, ``theme_rows`` and ``status`` (the section's ``SectionStatus``).

A section whose page another area draws (the partners, in consortium) is named in
``PAGES_ELSEWHERE``: the checklist and the proposal page link there.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.forms import error_summary_items
from commissioning.rounds.mixins import RoundMixin
from proposals.writing.completeness import PREFETCH, load_for_checking, section_statuses
from proposals.writing.enums import LEAD_ONLY_SECTIONS, PartnerState, Section
from proposals.writing.forms import RevisionForm
from proposals.writing.rules import acts_for_confirmed_partner, acts_for_lead, may_edit_section, organisation_ids_of
from proposals.writing.selectors import proposals_visible_to
from proposals.writing.services import EditConflict, ProposalReadOnly, editing_refusal, save_section

SECTION_PAGES = {}


def register(page_class):
    """Register a SectionPage subclass for its ``section`` (once per section)."""
    section = Section(page_class.section)
    if section in SECTION_PAGES and SECTION_PAGES[section] is not page_class:
        raise ValueError(f"The section {section.value!r} already has a page.")
    SECTION_PAGES[section] = page_class
    return page_class


def page_class_for(value):
    """The SectionPage class of the section named ``value``, or None (unknown or without a page)."""
    try:
        return SECTION_PAGES.get(Section(value))
    except ValueError:
        return None


class SectionPage:
    """How one section is written: its forms, its templates and how a save writes it."""

    section = None
    form_classes = {}
    template_name = "proposals/writing/section.html"
    content_template = "proposals/writing/content/_nothing.html"
    live_template = None
    autosave = True
    has_files = False
    save_label = None
    # A page whose form is a wide table takes the whole width; the checklist follows it.
    wide = False
    audit_action = None

    def __init__(self, *, proposal, request, themes=None, indicators=None):
        self.proposal = proposal
        self.request = request
        self._themes = themes
        self._indicators = indicators

    @property
    def label(self):
        return Section(self.section).label

    @cached_property
    def themes(self):
        """The round's cross-cutting themes, by title."""
        if self._themes is None:
            self._themes = list(self.proposal.round.cross_cutting_themes.order_by("title"))
        return self._themes

    @cached_property
    def indicators(self):
        """The specification's plan indicators, by code."""
        if self._indicators is None:
            self._indicators = list(self.proposal.specification.indicators.order_by("code"))
        return self._indicators

    def get_form_kwargs(self, name):
        return {"proposal": self.proposal}

    def build_forms(self, data=None, files=None):
        """The section's forms by name, bound to ``data`` when given."""
        built = {}
        for name, form_class in self.form_classes.items():
            kwargs = self.get_form_kwargs(name)
            if data is not None:
                kwargs.update(data=data, files=files)
            built[name] = form_class(**kwargs)
        return built

    def apply(self, forms, locked):
        """Write the valid ``forms`` onto the locked proposal (saved by ``save_section``)."""
        for form in forms.values():
            form.apply_to(locked)

    def audit_after(self, forms):
        """What the audit entry records after a save (with ``audit_action``)."""
        return None

    def get_context(self, forms):
        """More context for the section's template (and its ``live_template``)."""
        return {}


def writable_sections(user, proposal):
    """The sections ``user`` may write in ``proposal`` (its state aside), read from its prefetched partners."""
    organisations = organisation_ids_of(user)
    if proposal.lead_organisation_id in organisations:
        return set(Section)
    confirmed = any(
        partner.organisation_id in organisations and partner.state == PartnerState.CONFIRMED and not partner.is_lead
        for partner in proposal.partners.all()
    )
    if not confirmed:
        return set()
    opened = {value for value in (proposal.partner_sections or []) if value in Section.values}
    return {Section(value) for value in opened} - set(LEAD_ONLY_SECTIONS)


# Sections whose page another area draws, by URL name (taking ``round_pk`` and ``proposal_pk``).
PAGES_ELSEWHERE = {Section.PARTNERS: "consortium_partners"}


def section_page_url(round_, proposal, section):
    """The page where ``section`` is read and written: its section page, the page another area
    draws for it, or None when it has neither."""
    if page_class_for(section) is not None:
        return reverse("proposal_section", kwargs={"round_pk": round_.pk, "pk": proposal.pk, "section": section})
    name = PAGES_ELSEWHERE.get(Section(section))
    if name is None:
        return None
    try:
        return reverse(name, kwargs={"round_pk": round_.pk, "proposal_pk": proposal.pk})
    except NoReverseMatch:
        return None


class Checklist(list):
    """The checklist's rows, and how many of them are complete."""

    @property
    def complete_count(self):
        return sum(1 for row in self if row["complete"])


def checklist(round_, proposal, statuses):
    """The checklist's rows: each section's status and the page it links to (its place on the
    proposal page when it has no page of its own)."""
    detail = reverse("proposal_detail", kwargs={"round_pk": round_.pk, "pk": proposal.pk})
    return Checklist(
        {
            "section": status.section,
            "label": status.label,
            "complete": status.complete,
            "url": section_page_url(round_, proposal, status.section) or f"{detail}#section-{status.section}",
        }
        for status in statuses
    )


def saved_at(moment):
    """When a section was saved, in UK time: '14:02' today, else '14:02 on 1 December 2026'."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return _("%(time)s on %(date)s") % {"time": date_format(local, "H:i"), "date": date_format(local, "j F Y")}


class ProposalMixin(LoginRequiredMixin, RoundMixin):
    """Loads ``self.proposal`` from the URL, among the proposals the person may read (404 otherwise),
    with everything the checklist reads."""

    permission_required = "proposals.view_proposal"

    def get_permission_object(self):
        return self.proposal

    @cached_property
    def proposal(self):
        proposals = (
            proposals_visible_to(self.request.user, self.round)
            .select_related("specification__round", "specification__sponsor_organisation", "round__partnership")
            .prefetch_related(*PREFETCH)
        )
        return get_object_or_404(proposals, pk=self.kwargs["pk"])

    @cached_property
    def themes(self):
        return list(self.round.cross_cutting_themes.order_by("title"))

    @cached_property
    def indicators(self):
        return list(self.proposal.specification.indicators.order_by("code"))

    def statuses(self, proposal=None):
        return section_statuses(proposal or self.proposal, indicators=self.indicators, themes=self.themes)

    def checklist(self, statuses, proposal=None):
        return checklist(self.round, proposal or self.proposal, statuses)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("proposal", self.proposal)
        kwargs.setdefault("specification", self.proposal.specification)
        responses = {response.theme_id: response.response for response in self.proposal.theme_responses.all()}
        kwargs.setdefault("partners", list(self.proposal.partners.all()))
        kwargs.setdefault("theme_rows", [(theme, responses.get(theme.pk, "")) for theme in self.themes])
        kwargs.setdefault("indicators", self.indicators)
        return super().get_context_data(**kwargs)


class SectionView(ProposalMixin, TemplateView):
    """One section of a proposal: its form for those who may write it, else the section read-only."""

    status_template = "proposals/writing/_save_status.html"

    @staticmethod
    def max_request_bytes(match):
        """The largest request a section's page takes (``RequestSizeLimitMiddleware``): more than the
        site's usual limit only for a page that uploads files and says so."""
        limit = getattr(page_class_for(match.kwargs.get("section")), "max_request_bytes", 0)
        return limit() if callable(limit) else limit

    @cached_property
    def page(self):
        page_class = page_class_for(self.kwargs["section"])
        if page_class is None:
            raise Http404
        return page_class(proposal=self.proposal, request=self.request, themes=self.themes, indicators=self.indicators)

    def dispatch(self, request, *args, **kwargs):
        section = kwargs["section"]
        drawn_elsewhere = section in Section.values and Section(section) in PAGES_ELSEWHERE
        if request.user.is_authenticated and page_class_for(section) is None and not drawn_elsewhere:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def elsewhere(self):
        """A section drawn by another area's page: sent there (after the proposal's own 404 check)."""
        url = section_page_url(self.round, self.proposal, self.kwargs["section"])
        if url is None:
            raise Http404
        return redirect(url)

    def get(self, request, *args, **kwargs):
        if page_class_for(kwargs["section"]) is None:
            return self.elsewhere()
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.page.template_name]

    @cached_property
    def may_write(self):
        return may_edit_section(self.request.user, self.proposal, self.page.section)

    def why_not_writable(self):
        """Why this person cannot change the section now, or None."""
        user, proposal = self.request.user, self.proposal
        if not self.may_write:
            if acts_for_confirmed_partner(user, proposal) and not acts_for_lead(user, proposal):
                return _("The lead organisation has not opened this section to its partners, so you can read it only.")
            return _("You can read this section; only the proposal's consortium writes it.")
        return editing_refusal(proposal)

    def get_context_data(self, forms=None, page_errors=(), **kwargs):
        context = super().get_context_data(**kwargs)
        page, proposal = self.page, self.proposal
        refusal = self.why_not_writable()
        statuses = self.statuses()
        if forms is None and refusal is None:
            forms = page.build_forms()
        revision = self.request.POST.get("revision") if self.request.method == "POST" else None
        error_items = [item for form in (forms or {}).values() for item in error_summary_items(form)]
        context.update(
            page=page,
            section=Section(page.section),
            forms=list((forms or {}).values()),
            forms_by_name=forms or {},
            refusal=refusal,
            editable=refusal is None,
            revision_form=RevisionForm(initial={"revision": proposal.revision_of(page.section)})
            if revision is None
            else RevisionForm(data={"revision": revision}),
            checklist=self.checklist(statuses),
            status=next(status for status in statuses if status.section == page.section),
            page_errors=list(page_errors),
            error_items=error_items,
            has_errors=bool(page_errors or error_items),
            saved_at=saved_at(proposal.updated_at) if proposal.revision_of(page.section) else "",
            indicators=self.indicators,
            themes=self.themes,
            **page.get_context(forms or {}),
        )
        return context

    def post(self, request, *args, **kwargs):
        if page_class_for(kwargs["section"]) is None:
            return self.elsewhere()
        page = self.page
        refusal = self.why_not_writable()
        forms = page.build_forms(request.POST, request.FILES)
        if not self.may_write:
            return self.refused(forms, refusal, status=403)
        if refusal:
            return self.refused(forms, refusal, status=409)
        revision_form = RevisionForm(request.POST)
        # Every form is validated (no short cut), so that each shows its own messages.
        valid = all([form.is_valid() for form in forms.values()])  # noqa: C419
        if not revision_form.is_valid():
            return self.refused(forms, str(EditConflict.default_message), status=409)
        if not valid:
            return self.invalid(forms)
        try:
            saved = save_section(
                self.proposal,
                page.section,
                by=request.user,
                revision=revision_form.cleaned_data["revision"],
                apply=lambda locked: page.apply(forms, locked),
                audit_action=page.audit_action,
                audit_after=page.audit_after(forms) if page.audit_action else None,
            )
        except (EditConflict, ProposalReadOnly) as error:
            return self.refused(forms, error.message, status=409)
        except ApplicationError as error:
            return self.refused(forms, error.message, status=422)
        return self.saved(saved, forms)

    # Answers: an htmx request gets the status fragment, a plain one the page or a redirect.

    def fragment(self, *, status=200, message="", error=False, errors=(), saved=None, forms=None):
        context = {
            "message": message,
            "error": error,
            "errors": list(errors),
            "round": self.round,
            "proposal": saved or self.proposal,
            "page": self.page,
            "section": Section(self.page.section),
        }
        if saved is not None:
            statuses = self.statuses(saved)
            context.update(
                revision_form=RevisionForm(initial={"revision": saved.revision_of(self.page.section)}),
                checklist=self.checklist(statuses, saved),
                status=next(status for status in statuses if status.section == self.page.section),
                live_template=self.page.live_template,
                **self.page.get_context(forms or {}),
            )
        response = self.response_class(
            request=self.request, template=[self.status_template], context=context, status=status
        )
        response["X-Section-Status"] = "saved" if saved is not None else "refused"
        return response

    def refused(self, forms, message, *, status):
        if self.request.htmx:
            return self.fragment(status=status, message=message, error=True)
        return self.render_to_response(self.get_context_data(forms=forms, page_errors=[message]), status=status)

    def invalid(self, forms):
        if self.request.htmx:
            items = [item for form in forms.values() for item in error_summary_items(form)]
            return self.fragment(
                status=422, message=_("Not saved: correct the problems below."), error=True, errors=items
            )
        return self.render_to_response(self.get_context_data(forms=forms))

    def saved(self, saved, forms):
        text = _("Saved at %(when)s") % {"when": saved_at(saved.updated_at)}
        if self.request.htmx:
            return self.fragment(message=text, saved=load_for_checking(saved.pk), forms=forms)
        messages.success(self.request, text)
        return redirect("proposal_section", round_pk=self.round.pk, pk=saved.pk, section=self.page.section)
