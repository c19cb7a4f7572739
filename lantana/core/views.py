from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from .routing import route_from_site_root


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def server_error(request, template_name="500.html"):
    """Render the 500 page without the database: it may be the thing that failed."""
    template = loader.get_template(template_name)
    context = {"fallback_phone": settings.CLINIC_FALLBACK_PHONE}
    return HttpResponseServerError(template.render(context))


def serve_page(request, path):
    """Wagtail's page view (wagtail.views.serve), routed without reading the site
    root's own row for the pages below it (routing.route_from_site_root)."""
    route_from_site_root(request, path)
    return wagtail_views.serve(request, path)
