"""Private file storage: documents kept outside MEDIA_ROOT, with no public address.

Rendered PDFs (draft specifications, restricted workshop results) are read only through views
that check the reader's rights; nothing serves this folder directly, in any mode. Its place is
``PRIVATE_STORAGE_ROOT``, read when used, so that a test or a deployment can move it.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

from commissioning.common.caching import keep_private


@deconstructible(path="commissioning.common.storage.PrivateFileStorage")
class PrivateFileStorage(FileSystemStorage):
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public address: serve them through a view that checks permission.")


def document_storage():
    """The storage rendered documents are kept in (``STORAGES["documents"]``)."""
    return storages["documents"]


def private_file_response(field_file, *, filename, content_type, as_attachment=False):
    """A file from private storage, for a view that has already checked the reader's rights.

    Named ``filename``, with the content type recorded when it was stored (never guessed again
    from the name), ``nosniff`` so that the browser does not guess either, and ``private,
    no-store`` so that no cache keeps it. ``as_attachment`` asks the browser to download it rather
    than show it. 404 when the file is gone."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, filename=filename, as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    return keep_private(response)
