"""Compile every catalogue under LOCALE_PATHS (.po → .mo) with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a bare machine may lack;
polib (a wagtail-localize dependency) writes the same .mo files, so `make install`
and a deploy work anywhere Python does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po) into .mo files."

    def handle(self, *args, **options):
        for folder in settings.LOCALE_PATHS:
            for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except OSError as error:
                    raise CommandError(f"{po_path}: {error}") from error
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(
                    f"{po_path.relative_to(settings.BASE_DIR)}: "
                    f"{catalogue.percent_translated()}% translated"
                )
