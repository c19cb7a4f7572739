from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .models import SiteWording


def site_wording(request):
    """`site_wording`: the menu and footer wording in the page's language (or the
    default language's until translated), read only by a template that shows it."""
    return {
        "site_wording": SimpleLazyObject(
            lambda: SiteWording.for_language(translation.get_language())
        )
    }
