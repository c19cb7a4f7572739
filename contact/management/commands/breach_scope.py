"""Which leads an account saw or touched in a window, from the audit trail.

For a breach notification: run it for a compromised account and the window it was
out of its owner's hands; the output is what the clinic must tell people about.
"""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import ModelLogEntry

from contact import audit, crypto
from contact.fields import Undecryptable
from contact.models import Lead, LeadDeskLogEntry

# What each audit action means for the people in the leads it names.
ACTIONS = {
    audit.VIEW: "viewed",
    audit.SEARCH: "searched",
    audit.EXPORT: "exported",
    audit.CHANGE: "changed",
    audit.NOTE: "changed",
}
COLUMNS = ["viewed", "searched", "exported", "changed"]


def parse_moment(value: str, end: bool) -> datetime:
    """A date (the whole day: from its start, or to its end) or a date and time,
    in the site's time zone unless the value names its own offset."""
    day = parse_date(value) if len(value) == 10 else None
    moment = None if day else parse_datetime(value)
    if day is None and moment is None:
        raise CommandError(
            f"{value!r} is not a date (2026-11-30) or date and time (2026-11-30T18:00)"
        )
    if day is not None:
        moment = datetime.combine(day + timedelta(days=1) if end else day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def same_person_groups(leads: list[Lead]) -> int:
    """How many people: leads sharing an email or a phone are one person."""
    parent = {lead.pk: lead.pk for lead in leads}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    seen = {}
    for lead in leads:
        for kind, value in (("email", lead.email), ("phone", lead.phone)):
            if not value or isinstance(value, Undecryptable):
                continue
            key = (kind, crypto.normalise(value))
            if key in seen:
                parent[root(lead.pk)] = root(seen[key])
            else:
                seen[key] = lead.pk
    return len({root(pk) for pk in parent})


class Command(BaseCommand):
    help = (
        "List every lead an account viewed, searched, exported or changed between "
        "--from and --to (from the lead desk's audit trail), and count the people "
        "affected. Prints lead numbers only, unless --contacts is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The account's username.")
        parser.add_argument(
            "--from", dest="start", required=True, help="2026-11-01 or 2026-11-01T08:00"
        )
        parser.add_argument(
            "--to",
            dest="end",
            required=True,
            help="2026-11-30 (the whole day) or a time",
        )
        parser.add_argument(
            "--contacts",
            action="store_true",
            help="Also print each lead's name, email and phone, for the notification "
            "letters. Health information: never into a log or a ticket.",
        )

    def handle(self, *args, user, start, end, contacts=False, **options):
        account = self.get_account(user)
        window = (parse_moment(start, end=False), parse_moment(end, end=True))
        if window[0] >= window[1]:
            raise CommandError("--from must come before --to")
        counts, unrecorded = self.read_trail(account, window)
        leads = Lead.objects.in_bulk(list(counts))
        self.write_report(account, window, counts, unrecorded, leads, contacts)

    def get_account(self, username: str):
        User = get_user_model()
        account = User._default_manager.filter(
            **{User.USERNAME_FIELD: username}
        ).first()
        if account is None:
            raise CommandError(f"No account has the username {username!r}")
        return account

    def read_trail(self, account, window):
        """Per lead id, how often each kind of access; and entries that name no leads."""
        counts: dict[int, Counter] = defaultdict(Counter)
        unrecorded = Counter()
        # Views and changes name one lead (ModelLogEntry); searches and exports
        # are about the leads as a whole (LeadDeskLogEntry) and list their ids.
        trail = {
            "content_type": ContentType.objects.get_for_model(Lead),
            "user": account,
            "action__in": list(ACTIONS),
            "timestamp__gte": window[0],
            "timestamp__lt": window[1],
        }
        entries = sorted(
            [
                *ModelLogEntry.objects.filter(**trail),
                *LeadDeskLogEntry.objects.filter(**trail),
            ],
            key=lambda entry: entry.timestamp,
        )
        for entry in entries:
            column = ACTIONS[entry.action]
            if entry.action in (audit.SEARCH, audit.EXPORT):
                ids = (entry.data or {}).get("leads")
                if ids is None:  # written before the ids were recorded
                    unrecorded[column] += 1
                    continue
            else:
                ids = [int(entry.object_id)]
            for pk in ids:
                counts[pk][column] += 1
        return counts, unrecorded

    def write_report(self, account, window, counts, unrecorded, leads, contacts):
        zone = timezone.get_current_timezone_name()
        shown_end = timezone.localtime(window[1]) - timedelta(seconds=1)
        write = self.stdout.write
        write(
            f"Breach scope for {account.get_username()}: "
            f"{timezone.localtime(window[0]):%Y-%m-%d %H:%M:%S} to "
            f"{shown_end:%Y-%m-%d %H:%M:%S} ({zone})"
        )
        for pk in sorted(counts):
            lead = leads.get(pk)
            what = ", ".join(
                f"{column} {counts[pk][column]}"
                for column in COLUMNS
                if counts[pk][column]
            )
            label = str(lead) if lead else f"Lead #{pk} (no longer stored)"
            write(f"{label}: {what}")
            if contacts and lead:
                write(
                    f"    {lead.preferred_name} | {lead.email or '-'} | {lead.phone or '-'}"
                )
        totals = ", ".join(
            f"{column} {sum(1 for pk in counts if counts[pk][column])}"
            for column in COLUMNS
        )
        write(f"Leads: {len(counts)} ({totals})")
        gone = [pk for pk in counts if pk not in leads]
        people = same_person_groups(list(leads.values())) + len(gone)
        write(
            f"People affected: {people} (leads sharing an email or phone counted "
            "once; leads no longer stored counted one each)"
        )
        for column, count in sorted(unrecorded.items()):
            write(
                f"Warning: {count} {column[:-2]} entries from before lead numbers were "
                "recorded: every lead they could have reached may be affected."
            )
