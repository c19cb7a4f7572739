"""The public notices: each one's current version, its archive, and every version
at an address that never changes (/notices/<kind>/versions/<number>/)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from .accessibility import read_check
from .choices import NoticeKind
from .current import current_notices
from .models import NoticeVersion

MAX_VERSION = 2**31 - 1  # beyond any column's integer: a 404, not a 500


def notice_kind(kind: str) -> NoticeKind:
    try:
        return NoticeKind(kind)
    except ValueError:
        raise Http404("No such notice") from None


@require_safe
def notice_index(request):
    return TemplateResponse(
        request, "notices/notice_index.html", {"notices": current_notices()}
    )


@require_safe
def current_notice(request, kind):
    kind = notice_kind(kind)
    version = NoticeVersion.objects.filter(kind=kind).current().get(kind)
    if version is None:
        raise Http404("This notice has not been published yet")
    return render_version(request, version, is_current=True)


@require_safe
def notice_version(request, kind, number):
    kind = notice_kind(kind)
    if number > MAX_VERSION:
        raise Http404("No such version")
    today = timezone.localdate()
    versions = NoticeVersion.objects.filter(kind=kind).in_force(today)
    version = get_object_or_404(versions, number=number)
    current = versions.current(today).get(kind)
    return render_version(request, version, is_current=version == current)


@require_safe
def notice_archive(request, kind):
    kind = notice_kind(kind)
    versions = list(NoticeVersion.objects.filter(kind=kind).in_force())
    if not versions:
        raise Http404("This notice has not been published yet")
    language = get_language()
    context = {
        "kind": kind,
        "title": gettext(kind.label),
        "versions": [(v, v.in_language(language)) for v in versions],
    }
    return TemplateResponse(request, "notices/notice_archive.html", context)


def render_version(request, version: NoticeVersion, *, is_current: bool):
    context = {
        "version": version,
        # The Spanish when it has been written, else the English, marked as such.
        "text": version.in_language(get_language()),
        "title": gettext(version.title),
        "is_current": is_current,
        "accessibility_check": (
            read_check() if version.kind == NoticeKind.ACCESSIBILITY else None
        ),
    }
    return TemplateResponse(request, "notices/notice_version.html", context)
