"""Which pages show a thing, and purging exactly those: `purge_for(obj)`.

The page cache is composed from the top (this app may import every app; none
imports it). A page shows:

- itself, and its ancestors (listings: the index lists its children, the home
  page lists articles, the team and a location);
- its descendants' breadcrumbs show its title;
- an article also appears in the "Keep reading" of articles sharing a topic or
  choosing it, and on its author's and reviewer's profiles;
- a clinician also appears on their locations and on the articles they wrote or
  reviewed; a location also appears on the profiles of the clinicians there;
- a page in the main menu appears on every page of its site.

Snippets and images are shown by the pages that use them; site settings and the
main menu by every page of their site.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from articles.models import ArticlePage, ArticleRelatedLink, Topic
from lantana.core import fragments
from lantana.core.models import NavigationSettings
from lantana.core.site_cache import forget_site_chrome
from locations.models import Credential, LocationPage, LocationPhoto
from notices.models import NoticeVersion
from staff.models import ClinicianLocation, ClinicianPage, TherapeuticApproach

from . import store


class Shown:
    """The pages (by id) and whole sites that show something."""

    def __init__(self, page_ids=(), site_ids=()):
        self.page_ids = set(page_ids)
        self.site_ids = set(site_ids)

    def __or__(self, other: "Shown") -> "Shown":
        return Shown(self.page_ids | other.page_ids, self.site_ids | other.site_ids)

    def __bool__(self):
        return bool(self.page_ids or self.site_ids)


def purge_for(obj, *, whole_site: bool = False, also: Shown | None = None) -> Shown:
    """Purge every page that shows `obj` from the app cache and the front cache.

    `also` adds pages computed earlier (what showed the object before it
    changed); `whole_site` purges every page of the object's site (a move).
    """
    shown = showing(obj)
    if whole_site and isinstance(obj, Page):
        shown |= Shown(site_ids=sites_of(obj))
    if also is not None:
        shown |= also
    purge(shown)
    return shown


def forget(shown: Shown) -> None:
    """Forget these pages from the app: whole responses and their kept parts."""
    store.forget_pages(shown.page_ids)
    store.forget_sites(shown.site_ids)
    fragments.forget_pages(shown.page_ids)
    fragments.forget_sites(shown.site_ids)


def purge(shown: Shown) -> None:
    forget(shown)
    forget_site_chrome(shown.site_ids)
    pages = Page.objects.live().filter(pk__in=shown.page_ids)
    if shown.site_ids and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        roots = Site.objects.filter(pk__in=shown.site_ids).select_related("root_page")
        for site in roots:
            pages |= Page.objects.live().descendant_of(site.root_page, inclusive=True)
    if shown:
        purge_pages_from_cache(list(pages.specific()))


def showing(obj) -> Shown:
    if isinstance(obj, Page):
        return showing_page(obj.specific_deferred)
    if isinstance(obj, (NavigationSettings,)) or _is_site_setting(obj):
        return Shown(site_ids=[obj.site_id])
    if isinstance(obj, NoticeVersion):  # the footer of every page links notices
        return Shown(site_ids=Site.objects.values_list("pk", flat=True))
    if isinstance(obj, Credential):  # shown on the location pages it is attached to
        return Shown(
            LocationPage.objects.filter(credentials__credential=obj).values_list(
                "pk", flat=True
            )
        )
    if isinstance(obj, Topic):
        return showing_topic(obj)
    if isinstance(obj, TherapeuticApproach):
        return pages_and_listings(obj.clinicians.all())
    return showing_by_reference(obj)


def _is_site_setting(obj) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting

    return isinstance(obj, BaseSiteSetting)


def sites_of(page) -> list[int]:
    return [
        site.pk
        for site in Site.objects.select_related("root_page")
        if page.path.startswith(site.root_page.path)
    ]


def showing_page(page) -> Shown:
    ids = {page.pk}
    ids |= set(page.get_ancestors().values_list("pk", flat=True))
    if page.depth > 2:  # a site's home page has the whole site below it
        ids |= set(page.get_descendants().values_list("pk", flat=True))
    # Its other languages' versions link to it (switcher, hreflang), and so do
    # their descendants when it is their nearest translated ancestor.
    for version in page.get_translations().exclude(pk=page.pk):
        ids.add(version.pk)
        if version.depth > 2:
            ids |= set(version.get_descendants().values_list("pk", flat=True))
    shown = Shown(ids)
    if isinstance(page, ArticlePage):
        shown |= showing_article(page)
    elif isinstance(page, ClinicianPage):
        shown |= showing_clinician(page)
    elif isinstance(page, LocationPage):
        shown |= showing_location(page)
    if in_main_menu(page):
        shown |= Shown(site_ids=sites_of(page))
    return shown


def showing_article(article) -> Shown:
    through = ArticlePage.topics.through
    my_topics = through.objects.filter(articlepage=article.pk).values("topic")
    sharing = through.objects.filter(topic__in=my_topics).values_list(
        "articlepage", flat=True
    )
    choosing = ArticleRelatedLink.objects.filter(article=article.pk).values_list(
        "page", flat=True
    )
    people = [pk for pk in (article.author_id, article.reviewer_id) if pk]
    return Shown([*sharing, *choosing, *people])


def showing_clinician(clinician) -> Shown:
    places = ClinicianLocation.objects.filter(clinician=clinician.pk).values_list(
        "location", flat=True
    )
    articles = ArticlePage.objects.filter(
        Q(author=clinician.pk) | Q(reviewer=clinician.pk)
    ).values_list("pk", flat=True)
    return Shown([*places, *articles])


def showing_location(location) -> Shown:
    people = ClinicianLocation.objects.filter(location=location.pk).values_list(
        "clinician", flat=True
    )
    return Shown(people)


def in_main_menu(page) -> bool:
    for navigation in NavigationSettings.objects.all():
        for block in navigation.main_menu.raw_data:
            if (block.get("value") or {}).get("page") == page.pk:
                return True
    return False


def pages_and_listings(pages) -> Shown:
    """Some pages, and every page that shows them (their cards and listings)."""
    shown = Shown()
    for page in pages:
        shown |= showing_page(page.specific_deferred)
    return shown


def showing_topic(topic) -> Shown:
    """Articles with the topic (their header), every listing and card of them."""
    return pages_and_listings(ArticlePage.objects.filter(topics=topic))


def showing_by_reference(obj) -> Shown:
    """Pages using an image (or any other object) through a field or block."""
    references = ReferenceIndex.get_references_to(obj).group_by_source_object()
    pages = []
    for source, _references in references:
        if isinstance(source, Page):
            pages.append(source)
        elif isinstance(source, LocationPhoto):
            pages.append(source.location)
    return pages_and_listings(pages)
