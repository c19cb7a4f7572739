"""Audit trail for the lead desk, in Wagtail's log.

Entries name a lead only as "Inquiry #123": never a name, email, phone or message,
so the log can be read and kept for longer than the leads themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import LogFormatter, log

from .models import Lead, LeadDeskLogEntry

VIEW = "contact.lead.view"
CHANGE = "contact.lead.change"
NOTE = "contact.lead.note"
EXPORT = "contact.lead.export"
SEARCH = "contact.lead.search"
PURGE = "contact.lead.purge"
UNDECRYPTABLE = "contact.lead.undecryptable"
ROTATE = "contact.lead.rotate_keys"
REVOKE = "contact.lead.revoke"
# Kept in LeadDeskLogEntry: about the leads as a whole, not one lead.
LEAD_WIDE_ACTIONS = (EXPORT, SEARCH, PURGE, ROTATE)

# Fields whose changes are recorded; their values are choices or staff usernames.
TRACKED_FIELDS = {"status": "Status", "assignee": "Assignee", "is_spam": "Spam"}


class LeadChangeFormatter(LogFormatter):
    label = "Change lead"

    def format_message(self, log_entry):
        parts = [
            f"{TRACKED_FIELDS.get(field, field)}: "
            f"{change.get('old') or '—'} → {change.get('new') or '—'}"
            for field, change in (log_entry.data or {}).get("changes", {}).items()
        ]
        return "; ".join(parts) or "Changed"


class LeadExportFormatter(LogFormatter):
    label = "Export leads"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return f"Exported {data.get('rows', 0)} rows as {data.get('format', '?')}"


class LeadPurgeFormatter(LogFormatter):
    label = "Purge leads"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return (
            f"Purged {data.get('closed', 0)} closed, {data.get('spam', 0)} spam and "
            f"{data.get('stale', 0)} stale leads ({data.get('notes', 0)} notes); "
            f"cleared {data.get('client_keys', 0)} client keys"
        )


class LeadUndecryptableFormatter(LogFormatter):
    label = "Lead data cannot be decrypted"

    def format_message(self, log_entry):
        parts = ", ".join((log_entry.data or {}).get("parts", [])) or "some fields"
        return f"No configured key decrypts: {parts}"


class LeadRotateFormatter(LogFormatter):
    label = "Rotate lead keys"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return (
            f"Re-encrypted {data.get('rewritten', 0)} values under the newest key; "
            f"{data.get('undecryptable', 0)} could not be decrypted"
        )


class LeadRevokeFormatter(LogFormatter):
    label = "Record a withdrawal of consent"

    def format_message(self, log_entry):
        return f"Recorded: {(log_entry.data or {}).get('scope_label', '?')}"


def register_log_actions(actions) -> None:
    # Entries about the leads as a whole have their own table (LeadDeskLogEntry),
    # so each has an object_id Site history can resolve. Nothing is an instance of
    # it but its own rows: keying it to itself only lists it among the log models.
    actions.register_model(LeadDeskLogEntry, LeadDeskLogEntry)
    actions.register_action(VIEW, "View lead", "Viewed")
    actions.register_action(CHANGE)(LeadChangeFormatter)
    actions.register_action(NOTE, "Add note to lead", "Note added")
    actions.register_action(EXPORT)(LeadExportFormatter)
    actions.register_action(SEARCH, "Search leads", "Searched the leads")
    actions.register_action(PURGE)(LeadPurgeFormatter)
    actions.register_action(UNDECRYPTABLE)(LeadUndecryptableFormatter)
    actions.register_action(ROTATE)(LeadRotateFormatter)
    actions.register_action(REVOKE)(LeadRevokeFormatter)


def describe(lead, field: str):
    """A value of a tracked field as it may appear in the log."""
    if field == "status":
        return lead.get_status_display()
    if field == "assignee":
        return lead.assignee.get_username() if lead.assignee_id else None
    if field == "is_spam":
        return "yes" if lead.is_spam else "no"
    raise ValueError(field)


def snapshot(lead) -> dict:
    return {field: describe(lead, field) for field in TRACKED_FIELDS}


def log_change(lead, user, before: dict) -> None:
    """Log what changed since `before` (a snapshot); nothing if nothing changed."""
    after = snapshot(lead)
    changes = {
        field: {"old": before[field], "new": after[field]}
        for field in TRACKED_FIELDS
        if before[field] != after[field]
    }
    if changes:
        log(lead, CHANGE, user=user, data={"changes": changes})


def log_view(lead, user) -> None:
    log(lead, VIEW, user=user)


def log_note(lead, user) -> None:
    log(lead, NOTE, user=user)


def log_revocation(lead, user, revocation) -> None:
    data = {"scope": revocation.scope, "scope_label": revocation.get_scope_display()}
    log(lead, REVOKE, user=user, data=data)


def log_for_all_leads(action: str, label: str, user=None, data=None):
    """An entry about the leads as a whole (an export, a search, a purge)."""
    return LeadDeskLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Lead),
        label=label,
        action=action,
        timestamp=timezone.now(),
        user=user,
        data=data or {},
    )


def log_export(
    model, user, export_format: str, rows: int, filters: list[str], leads: list[int]
):
    """One entry per export: the format, the leads' ids and which filters were set.

    The filters' values are left out, since a search term may be a person's name.
    The ids let breach_scope say whose data left in an export.
    """
    return log_for_all_leads(
        EXPORT,
        "Lead export",
        user,
        {
            "format": export_format,
            "rows": rows,
            "filters": sorted(filters),
            "leads": sorted(leads),
        },
    )


def log_search(user, leads: list[int]):
    """That someone searched the leads and which ones the results showed, never
    what for: a term may be a name."""
    return log_for_all_leads(SEARCH, "Lead search", user, {"leads": sorted(leads)})


def log_purge(counts: dict):
    """One entry per purge_leads run, with counts only."""
    return log_for_all_leads(PURGE, "Lead purge", None, counts)


def log_undecryptable(lead, user, parts: list[str]) -> None:
    """Which parts of a lead no key opened: field names only, never a value."""
    log(lead, UNDECRYPTABLE, user=user, data={"parts": sorted(parts)})


def log_rotation(counts: dict):
    return log_for_all_leads(ROTATE, "Lead key rotation", None, counts)
