"""Record that the browser and axe suite passed, for the accessibility statement.

Run by the release step right after `make test-browser` passes on main
(docs/operations/deploying.md); never by hand with a made-up date."""

import subprocess  # noqa: S404 — reads the commit being released

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...accessibility import SUITE, write_check


class Command(BaseCommand):
    help = "Write when the browser/axe suite last passed (read by the statement)."

    def add_arguments(self, parser):
        parser.add_argument("--commit", default="", help="Defaults to git HEAD.")

    def handle(self, *args, commit, **options):
        commit = commit or self.git_head()
        if commit and not all(c in "0123456789abcdef" for c in commit.lower()):
            raise CommandError("--commit takes a git commit id (hexadecimal).")
        path = write_check(timezone.now(), commit, SUITE)
        self.stdout.write(f"Recorded the accessibility check in {path}")

    def git_head(self) -> str:
        try:
            result = subprocess.run(
                ["git", "rev-parse", "HEAD"],  # noqa: S607
                capture_output=True,
                text=True,
                check=True,
            )
        except (OSError, subprocess.CalledProcessError):
            return ""
        return result.stdout.strip()
