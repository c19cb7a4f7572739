from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# WordPress's own addresses for a post, page, category or tag: /?p=123 and so on.
# The home page answers them with 200, so Wagtail's redirect middleware (which acts
# on 404s only) never sees them; the home page looks them up itself.
QUERY_KEYS = ("p", "page_id", "cat", "tag")


@hooks.register("before_serve_page")
def redirect_wordpress_query_urls(page, request, serve_args, serve_kwargs):
    if request.method not in ("GET", "HEAD") or not request.GET:
        return None
    if request.path != "/":
        return None
    for key in QUERY_KEYS:
        value = request.GET.get(key, "").strip()
        if value:
            redirect = get_redirect(
                request, Redirect.normalise_path(f"/?{key}={value}")
            )
            if redirect is not None and redirect.link:
                response = (
                    HttpResponsePermanentRedirect
                    if redirect.is_permanent
                    else HttpResponseRedirect
                )
                return response(redirect.link)
    return None
