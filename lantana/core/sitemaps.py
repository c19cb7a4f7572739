"""sitemap.xml in three queries, however many pages and page types there are."""

from django.db.models.functions import Substr
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .routing import public_q


class PageSitemap(Sitemap):
    """Wagtail's sitemap without `.specific()` (one query per page type): no page
    type of ours adds URLs of its own (`get_sitemap_urls`)."""

    def items(self):
        # Every language's tree (the root page's translations), without the aliases
        # an untranslated page keeps in the Spanish tree: they repeat English.
        # Translations of a site's root are its siblings, so one path length fits.
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        return (
            Page.objects.annotate(tree=Substr("path", 1, len(root.path)))
            .filter(tree__in=roots.values("path"))
            .live()
            .filter(alias_of__isnull=True)
            .filter(public_q())
            .order_by("path")
            .defer_streamfields()
        )
