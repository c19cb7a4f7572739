"""The events that end a staff member's access close their live chat sockets.

Sign-out, deactivation (or any change to the account, such as a new password), a
change of groups or permissions: each tells the sockets concerned to re-check at
once (StaffChatConsumer.staff_recheck), after the change commits. Session expiry
needs no event: each socket re-checks at its session's end. Connected in
ContactConfig.ready().
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .services import STAFF_GROUP, broadcast, staff_user_group

RECHECK = {"type": "staff.recheck"}
User = get_user_model()


def recheck_users(user_pks) -> None:
    events = [(staff_user_group(pk), RECHECK) for pk in user_pks]
    transaction.on_commit(lambda: broadcast(events), robust=True)


def recheck_everyone() -> None:
    transaction.on_commit(lambda: broadcast([(STAFF_GROUP, RECHECK)]), robust=True)


@receiver(user_logged_out, dispatch_uid="chat.recheck_on_sign_out")
def on_sign_out(sender, request, user, **kwargs):
    if user is not None:
        recheck_users([user.pk])


@receiver(post_save, sender=User, dispatch_uid="chat.recheck_on_account_change")
def on_account_saved(sender, instance, created, update_fields=None, **kwargs):
    # Signing in saves last_login: not a change of access.
    if not created and set(update_fields or ()) != {"last_login"}:
        recheck_users([instance.pk])


@receiver(post_delete, sender=User, dispatch_uid="chat.recheck_on_account_delete")
def on_account_deleted(sender, instance, **kwargs):
    recheck_users([instance.pk])


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="chat.recheck_groups")
@receiver(
    m2m_changed,
    sender=User.user_permissions.through,
    dispatch_uid="chat.recheck_user_permissions",
)
def on_membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, User):
        recheck_users([instance.pk])
    elif action == "post_clear" or pk_set is None:
        recheck_everyone()  # a group emptied: whoever was in it
    else:
        recheck_users(pk_set)


@receiver(
    m2m_changed, sender=Group.permissions.through, dispatch_uid="chat.recheck_perms"
)
def on_group_permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        recheck_everyone()
