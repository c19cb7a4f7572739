from wagtail.snippets.models import register_snippet

from .viewsets import NoticesViewSetGroup

register_snippet(NoticesViewSetGroup)
