"""Background work for leads. Tasks take the lead's kind and id, nothing more."""

from django_tasks import task

from .emails import send_lead_notification


@task()
def notify_new_lead(kind: str, lead_id: int) -> bool:
    from .services import LEAD_MODELS

    return send_lead_notification(LEAD_MODELS[kind], lead_id)
