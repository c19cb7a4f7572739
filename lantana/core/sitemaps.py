"""sitemap.xml in three queries, however many pages and page types there are."""

from wagtail.contrib.sitemaps import Sitemap

from .routing import public_q


class PageSitemap(Sitemap):
    """Wagtail's sitemap without `.specific()` (one query per page type): no page
    type of ours adds URLs of its own (`get_sitemap_urls`)."""

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .filter(public_q())
            .order_by("path")
            .defer_streamfields()
        )
