"""Private file storage: documents kept outside MEDIA_ROOT, with no public address.

Rendered PDFs (draft specifications, restricted workshop results) are read only through views
that check the reader's rights; nothing serves this folder directly, in any mode. Its place is
``PRIVATE_STORAGE_ROOT``, read when used, so that a test or a deployment can move it.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


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
