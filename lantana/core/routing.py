"""Serving a page in a fixed, small number of queries, whatever its depth."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def ancestor_paths(page) -> list[str]:
    """The tree paths of the page and its ancestors, read from its own path."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


class OneQueryRestrictionsMixin:
    """View restrictions of a page and its ancestors in one query (Wagtail: two)."""

    def get_view_restrictions(self):
        paths = ancestor_paths(self)
        # An alias uses its source's restrictions, wherever in the chain it is.
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False)
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__in=sources.values("alias_of"))
        )


class ChainRoutingMixin(OneQueryRestrictionsMixin):
    """For a site's root page: find the page a URL names in two queries.

    Wagtail looks up each level of the URL in turn (two queries a level). This
    reads every page on the way in one query, hands the rest of the path to the
    deepest one found (its own route() serves routable sub-pages and 404s), and
    leaves the pages on the way on it for breadcrumbs.

    Precedence differs from Wagtail's in one case: a child page wins over a
    routable page's sub-route of the same name. Wagtail's RoutablePageMixin tries
    its sub-routes before its children, so a clinician slugged "role" under the
    team index would leave /team/role/clinical/ to the index's role listing; here
    the deepest page on the way takes the rest of the path, so that child serves
    /team/role/ and the listing answers 404 while it exists. Our routable
    indexes' sub-routes start "role/" and "topic/"; those slugs are best left unused
    under them (tests/staff/test_routing_precedence.py).
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefix = self.url_path
        wanted = [
            prefix + "/".join(path_components[:depth]) + "/"
            for depth in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=wanted, path__startswith=self.path
            )
        }
        chain = []
        for url_path in wanted:
            page = found.get(url_path)
            if page is None or (chain and not page.path.startswith(chain[-1].path)):
                break
            chain.append(page)
        if not chain:
            return super().route(request, path_components)
        deepest = chain[-1].specific
        deepest.route_ancestors = [self, *chain[:-1]]
        return deepest.route(request, path_components[len(chain) :])


def public_q():
    """Pages under no view restriction, as a filter (Wagtail's .public() first
    reads every restriction in a query of its own)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restricted)


def parent_from_route(page, model):
    """The page's parent as routing read it, if it is a `model` (not specific)."""
    ancestors = getattr(page, "route_ancestors", None) or []
    if ancestors and ancestors[-1].specific_class is model:
        return ancestors[-1]
    return None
