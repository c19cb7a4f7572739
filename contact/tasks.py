"""Background work for leads. Tasks take the lead's id, nothing more."""

from django_tasks import task

from .emails import send_lead_notification


@task()
def notify_new_lead(lead_id: int) -> bool:
    return send_lead_notification(lead_id)
