"""The static files storage production uses: whitenoise's, with each URL found once.

`{% static %}` asks the storage for a file's URL on every render: Django's manifest
storage looks the name up in its manifest and builds the URL again each time (about
30 µs; six on every page). The manifest is read once, when the storage is made, and
a deployment's static files never change under a running process, so the URL of a
name is kept beside it. Settings changes make a new storage (Django's `storages`
and `staticfiles_storage` are reset), and with it an empty set of URLs.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # the manifest storage's unhashed names
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
