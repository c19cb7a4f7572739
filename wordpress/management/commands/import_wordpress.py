"""python manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--publish]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantana.core.models import User
from wordpress import wxr
from wordpress.importer import Importer


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.0–1.2): posts become "
        "articles, authors clinician drafts, pages standard pages, attachments "
        "images, old addresses permanent redirects. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "export", type=Path, help="the .xml file WordPress exported"
        )
        parser.add_argument(
            "--uploads",
            type=Path,
            help="a copy of the old site's wp-content/uploads folder (images)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="do everything, print the report, then write nothing",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish published posts and pages now instead of submitting them for review",
        )
        parser.add_argument(
            "--user",
            help="username the revisions and review requests are recorded under",
        )
        parser.add_argument(
            "--max-body-mb",
            type=float,
            default=2,
            help="skip a post whose body is larger than this (default 2 MB)",
        )

    def handle(self, *args, **options):
        path: Path = options["export"]
        uploads: Path | None = options["uploads"]
        if uploads is not None and not uploads.is_dir():
            raise CommandError(
                f"--uploads {uploads} is not a folder. Nothing was imported."
            )
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    f"No user {options['user']!r}. Nothing was imported."
                )
        try:
            self.stdout.write(f"Checking {path.name} …")
            export = wxr.scan(path)
            self.stdout.write(
                f"WordPress export {export.version} of {export.site_url or 'a site'}: "
                + ", ".join(f"{n} {kind}" for kind, n in sorted(export.counts.items()))
            )
            report = Importer(
                export,
                uploads=uploads,
                publish=options["publish"],
                dry_run=options["dry_run"],
                user=user,
                max_body_bytes=int(options["max_body_mb"] * 1024 * 1024),
            ).run()
        except wxr.WXRError as error:
            raise CommandError(str(error)) from None
        for line in report.lines(dry_run=options["dry_run"]):
            self.stdout.write(line)
