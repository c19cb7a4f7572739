from django.utils.functional import SimpleLazyObject

from .current import current_notices


def notices(request):
    """`footer_notices`: the notices in force, read only by a page that shows them."""
    return {"footer_notices": SimpleLazyObject(current_notices)}
