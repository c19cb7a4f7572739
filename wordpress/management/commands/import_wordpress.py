"""python manage.py import_wordpress EXPORT.xml [--uploads DIR | --fetch-media] …"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantana.core.models import User
from wordpress import wxr
from wordpress.importer import Importer
from wordpress.media import FetchPolicy


class Progress:
    """A bar on a terminal; plain lines (every tenth) in a log or a pipe."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last: tuple[str, int] = ("", 0)  # label, tenths written

    def __call__(self, label: str, done: int, total: int) -> None:
        if not total:
            return
        if self.tty:
            filled = done * 30 // total
            bar = "#" * filled + "-" * (30 - filled)
            end = "\n" if done == total else ""
            self.stream.write(f"\r{label:<16} [{bar}] {done}/{total}{end}", ending="")
            self.stream.flush()
            return
        if label != self.last[0]:
            self.last = (label, 0)
        tenth = done * 10 // total
        if tenth > self.last[1]:
            self.last = (label, tenth)
            self.stream.write(f"{label}: {done} of {total}")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.0–1.2): posts become "
        "articles, categories topics, authors clinician drafts, pages standard "
        "pages, attachments images and documents, old addresses permanent "
        "redirects. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "export", type=Path, help="the .xml file WordPress exported"
        )
        parser.add_argument(
            "--uploads",
            type=Path,
            help="a copy of the old site's wp-content/uploads folder",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="download attachments missing from --uploads from the old site",
        )
        parser.add_argument(
            "--old-host",
            action="append",
            default=[],
            metavar="HOST",
            help="another host name the old site answered on (repeatable); the "
            "export's own blog address is always one",
        )
        parser.add_argument(
            "--allow-private-host",
            action="append",
            default=[],
            metavar="HOST",
            help="fetch from this host although it is a private or loopback "
            "address (an old site on the office network)",
        )
        parser.add_argument(
            "--max-media-mb",
            type=float,
            default=25,
            help="refuse a media file larger than this (default 25 MB)",
        )
        parser.add_argument(
            "--media-timeout",
            type=float,
            default=20,
            help="seconds to wait for the old site (default 20)",
        )
        parser.add_argument(
            "--media-retries",
            type=int,
            default=2,
            help="tries after a timeout or a server error (default 2)",
        )
        parser.add_argument(
            "--tags-as-topics",
            action="store_true",
            help="make WordPress tags topics too (by default they become search "
            "keywords and only categories become topics)",
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
        policy = None
        if options["fetch_media"]:
            policy = FetchPolicy(
                hosts=set(),
                allowed_private=set(options["allow_private_host"]),
                max_bytes=int(options["max_media_mb"] * 1024 * 1024),
                timeout=options["media_timeout"],
                retries=max(0, options["media_retries"]),
            )
        try:
            self.stdout.write(f"Checking {path.name} …")
            export = wxr.scan(path)
        except wxr.WXRError as error:
            raise CommandError(str(error)) from None
        try:
            self.describe(export)
            importer = Importer(
                export,
                uploads=uploads,
                publish=options["publish"],
                dry_run=options["dry_run"],
                user=user,
                max_body_bytes=int(options["max_body_mb"] * 1024 * 1024),
                tags_as_topics=options["tags_as_topics"],
                old_hosts=set(options["old_host"]),
                fetch_policy=policy,
                progress=Progress(self.stdout),
            )
            self.stdout.write(
                "Old site's addresses: " + ", ".join(sorted(importer.old_hosts))
            )
            report = importer.run()
        except wxr.WXRError as error:
            raise CommandError(str(error)) from None
        finally:
            wxr.discard(export)
        for line in report.lines(dry_run=options["dry_run"]):
            self.stdout.write(line)

    def describe(self, export: wxr.Export) -> None:
        self.stdout.write(
            f"WordPress export {export.version} of {export.own_url or 'a site'}: "
            + ", ".join(f"{n} {kind}" for kind, n in sorted(export.counts.items()))
        )
        if export.repairs:
            self.stdout.write(
                "The export was damaged and was read after mending: "
                + "; ".join(export.repairs)
                + ". Check the items it names by hand."
            )
