"""The no-JavaScript result of a self-check: the page drawn with its score."""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import SelfCheckPage


def is_cross_site(request) -> bool:
    """A post from another site's page (browsers say so in Sec-Fetch-Site or Origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.get_host().lower()


# No CSRF token: scoring changes nothing and keeps nothing, and a token would need a
# cookie (or a token baked into the cached page). A post from another site is still
# refused, by the browser's own Sec-Fetch-Site and Origin headers.
@csrf_exempt
@require_POST
def result(request, page_id: int):
    page = SelfCheckPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    if is_cross_site(request):
        return HttpResponseForbidden("This form can only be sent from our own site.")
    return page.serve_result(request)
