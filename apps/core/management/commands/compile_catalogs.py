"""Compile locale/*/LC_MESSAGES/*.po into .mo with polib, so no gettext install is needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translation catalogs (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalog = polib.pofile(str(po_path))
                catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(
                    f"{po_path.relative_to(settings.BASE_DIR)}: "
                    f"{len(catalog.translated_entries())} messages, "
                    f"{len(catalog.untranslated_entries())} untranslated, "
                    f"{len(catalog.fuzzy_entries())} fuzzy"
                )
