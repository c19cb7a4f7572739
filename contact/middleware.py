from django.db import DatabaseError

from .chat.views import phone_answer
from .choices import LeadKind
from .flow import unavailable
from .kinds import kind_posted


class LeadOutageMiddleware:
    """A lead form posted while the database is down answers 503 with what they typed.

    The views handle a failed save themselves; this catches the failures that come
    earlier, such as Wagtail looking up the contact or location page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, DatabaseError):
            return None
        spec = kind_posted(request.POST)
        if spec is None:
            return None
        if spec.kind == LeadKind.LIVE_CHAT:
            return phone_answer("unavailable", 503)
        request.sensitive_post_parameters = "__ALL__"
        return unavailable(
            request, spec.form_class(request.POST, prefix=spec.form_prefix)
        )
