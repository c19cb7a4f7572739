from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from access import audit, enrolment


class Command(BaseCommand):
    help = (
        "Print a one-time link with which USERNAME sets up two-step sign-in (for the "
        "first administrator, or when no administrator can sign in). Hand it over "
        "yourself; it works once, for ACCESS_ENROLMENT_LINK_HOURS."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        member = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if member is None:
            raise CommandError(f"No account has the username {username!r}")
        path = enrolment.issue_link(member, issued_by=None)
        audit.log_link_issued(member, by=None)
        self.stdout.write(enrolment.absolute_url(path))
        self.stderr.write(
            f"Works once, for {username}, for {settings.ACCESS_ENROLMENT_LINK_HOURS} hours."
        )
