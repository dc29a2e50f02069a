from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from commissioning.common.errors import ImportRefused
from commissioning.common.exports import csv_response


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        error_messages={"required": gettext_lazy("Select a CSV file"), "empty": gettext_lazy("The file is empty")},
    )


def _format_size(n_bytes):
    if n_bytes >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{n_bytes / (1024 * 1024):g}"}
    return _("%(n)s KB") % {"n": f"{n_bytes / 1024:g}"}


def csv_template_response(importer_class):
    """A downloadable CSV with the import's header row and one example row.

    It starts with a byte-order mark so that Excel opens it as UTF-8.
    """
    return csv_response(importer_class.template_rows(), importer_class.template_filename)


class CsvImportView(View):
    """The upload page of one import: GET shows it (``?download=template`` gives the
    template), POST imports the file or shows every problem in it.

    Set ``importer_class``, ``template_name`` (which includes ``includes/csv_import.html``),
    and ``get_success_url()``; override ``get_importer()`` to pass the round. Combine with a
    permission mixin (``SignedInRoundMixin``) first.
    """

    importer_class = None
    template_name = "includes/csv_import_page.html"

    def get_importer(self):
        return self.importer_class(by=self.request.user, round_=getattr(self, "round", None))

    def get_success_url(self):
        raise NotImplementedError

    def get_back_link(self):
        """(label, url) of the page this import belongs to, for the breadcrumbs."""
        return None

    def get_context_data(self, **kwargs):
        context = {
            "importer": self.importer_class,
            "columns": self.importer_class.columns,
            "policy": self.importer_class.existing_rows_policy(),
            "max_size": _format_size(settings.CSV_IMPORT_MAX_BYTES),
            "template_url": f"{self.request.path}?download=template",
            "round": getattr(self, "round", None),
        }
        back = self.get_back_link()
        if back:
            context["back_label"], context["back_url"] = back
        context.update(kwargs)
        return context

    def render(self, form, status=200, **kwargs):
        return render(self.request, self.template_name, self.get_context_data(form=form, **kwargs), status=status)

    def get(self, request, *args, **kwargs):
        if request.GET.get("download") == "template":
            return csv_template_response(self.importer_class)
        return self.render(UploadForm())

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        try:
            return self.import_file(form.cleaned_data["file"])
        except ImportRefused as refused:
            return self.render(
                form, refused=refused.message, errors=refused.details, filename=request.FILES["file"].name
            )

    def import_file(self, upload):
        """Import the upload and answer; raise ImportRefused for a file refused whole."""
        result = self.get_importer().run(upload)
        return self.imported(result.message)

    def imported(self, message):
        messages.success(self.request, message)
        return redirect(self.get_success_url())
