"""Response headers every page carries: the right Content-Security-Policy for its
path, Permissions-Policy and Cross-Origin-Resource-Policy."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.utils import translation

from .admin_csp import initialiser_hashes
from .inline import SITE_SCRIPT, style_sources


class PathCSPMiddleware(CSPMiddleware):
    """django-csp with two policies: the public one, and the admin's under
    ADMIN_CSP_URL_PREFIXES (Wagtail's admin needs a little more than our pages).
    Both allow the inlined stylesheets and site script by their hashes (admin
    previews show pages)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        prefixes = tuple(getattr(settings, "ADMIN_CSP_URL_PREFIXES", ()))
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        admin = bool(prefixes) and request.path_info.startswith(prefixes)
        if parts.config is None and admin:
            directives = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            strict = tuple(getattr(settings, "ADMIN_STRICT_CSP_URL_PREFIXES", ()))
            if strict and request.path_info.startswith(strict):
                directives["script-src"] = [
                    source
                    for source in directives["script-src"]
                    if source != "'unsafe-inline'"
                ]
            parts.config = default_config(directives)
        update = dict(parts.update or {})
        update["style-src"] = [*update.get("style-src", ()), *style_sources()]
        # A hash beside 'unsafe-inline' would switch that off (CSP level 2): the
        # admin's own inline scripts need it, and it allows ours anyway.
        if "'unsafe-inline'" not in directives.get("script-src", ()):
            update["script-src"] = [*update.get("script-src", ()), SITE_SCRIPT.source()]
            if admin:
                update["script-src"] += admin_script_sources(response)
        parts.update = update
        return parts


def admin_script_sources(response) -> list[str]:
    """Hashes of the Wagtail initialisers printed in this admin page."""
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not content_type.startswith(
        "text/html"
    ):
        return []
    html = response.content.decode(response.charset or "utf-8", errors="replace")
    return initialiser_hashes(html)


def permissions_policy(features: dict[str, list[str]]) -> str:
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items()
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions = permissions_policy(
            getattr(settings, "PERMISSIONS_POLICY", {})
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def language_from_path(path: str) -> str:
    """The language a URL asks for: its first segment when that is exactly one of
    LANGUAGES' codes (/es/…), otherwise the default. /fr/ or /es-mx/ is not a
    language of ours, so it is an English path (and answers an English 404)."""
    first = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    if first in codes and first != settings.LANGUAGE_CODE:
        return first
    return settings.LANGUAGE_CODE


class LanguageFromPathMiddleware:
    """Activates the URL's language, and nothing else decides it.

    Django's LocaleMiddleware also reads Accept-Language and the language cookie and
    answers with `Vary: Accept-Language`; here the path alone decides, so one URL is
    one language for every visitor and every cache in front of us.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
