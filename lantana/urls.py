from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from access import privacy as access_privacy
from access import views as access_views
from lantana.core import views as core_views
from lantana.core.sitemaps import PageSitemap

urlpatterns = [
    # Before Wagtail's own, so reset requests are rate limited like sign-ins.
    path(
        "admin/password_reset/",
        access_views.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        access_privacy.authenticate_document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # The insights beacon has no language: it counts pages in both.
    path("", include("insights.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Before Wagtail's: its front-end sign-in has no second step and no audit.
    path(
        "_util/login/", access_privacy.front_end_sign_in, name="access_front_end_login"
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        access_privacy.authenticate_page_password,
    ),
]

# What visitors read, in English at / and in Spanish at /es/ (LANGUAGES): search,
# feeds, the chat and every Wagtail page. The language comes from the path alone
# (lantana.core.middleware.LanguageFromPathMiddleware), never from the browser.
urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("articles.urls")),
    path("", include("contact.urls")),
    path("", include("selfchecks.urls")),
    path("", include("notices.urls")),
    # Wagtail's page view, routed in fewer queries (lantana.core.routing); the same
    # pattern and name, so Wagtail builds page URLs with it as with its own.
    re_path(wagtail_urls.serve_pattern, core_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "lantana.core.views.server_error"
