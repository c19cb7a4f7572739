"""Serving a page in a fixed, small number of queries, whatever its depth."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from . import site_cache
from .rows import Rows


def ancestor_paths(page) -> list[str]:
    """The tree paths of the page and its ancestors, read from its own path."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


class OneQueryRestrictionsMixin:
    """View restrictions of a page and its ancestors in one query (Wagtail: two)."""

    def get_view_restrictions(self):
        known = getattr(self, "route_view_restrictions", None)
        if known is not None:
            return known
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
        routed = route_chain(self, request, path_components)
        if routed is None:
            return super().route(request, path_components)
        return routed


def route_chain(root, request, path_components):
    """What ChainRoutingMixin.route finds below `root`, or None when no page on the
    way matches (the root's own route() answers then). `root` may be a plain Page:
    only its tree and URL paths are read, and `root.restricted` when it is known
    (localized_root)."""
    if not path_components:
        return None
    prefix = root.url_path
    wanted = [
        prefix + "/".join(path_components[:depth]) + "/"
        for depth in range(1, len(path_components) + 1)
    ]
    above = [] if hasattr(root, "restricted") else ancestor_paths(root)
    found, on_the_way = {}, []
    for page in pages_on_the_way(wanted, root.path, above):
        if page.path in above:
            on_the_way.append(page)
        else:
            found[page.url_path] = page
    chain = []
    for url_path in wanted:
        page = found.get(url_path)
        if page is None or (chain and not page.path.startswith(chain[-1].path)):
            break
        chain.append(page)
    if not chain:
        return None
    deepest = read_specific(chain[-1])
    deepest.route_ancestors = [root, *chain[:-1]]
    on_the_way += chain
    if not (
        getattr(root, "restricted", False) or any(p.restricted for p in on_the_way)
    ):
        # Read with the pages: no restriction applies, no query needed to know it.
        deepest.route_view_restrictions = []
    return deepest.route(request, path_components[len(chain) :])


# restricted_here() as SQL, for the pages on the way.
RESTRICTED_HERE_SQL = (
    'EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction" r'
    ' WHERE r."page_id" = "wagtailcore_page"."id"'
    ' OR r."page_id" = "wagtailcore_page"."alias_of_id")'
)
PAGES = Rows(Page, extra={"restricted": RESTRICTED_HERE_SQL})


def pages_on_the_way(url_paths: list[str], under: str, paths: list[str]) -> list[Page]:
    """The pages at `url_paths` below the tree path `under`, and those at tree
    `paths`, each with `restricted` (restricted_here), in one query written once."""
    url_path, path = PAGES.column("url_path"), PAGES.column("path")
    where = f"({url_path} IN ({', '.join(['%s'] * len(url_paths))}) AND {path} LIKE %s)"
    if paths:
        where += f" OR {path} IN ({', '.join(['%s'] * len(paths))})"
    # Tree paths are digits and capitals: nothing in them for LIKE to escape.
    return PAGES.read(where, [*url_paths, under + "%", *paths], path)


SPECIFIC_ROWS: dict[type, Rows] = {}


def specific_rows(model) -> Rows:
    """Rows of a page type, kept per model."""
    rows = SPECIFIC_ROWS.get(model)
    if rows is None:
        rows = SPECIFIC_ROWS[model] = Rows(model)
    return rows


def read_specific_in_bulk(pages) -> dict:
    """{pk: specific page} for plain pages, one query per page type: what
    `Page.objects.filter(pk__in=…).specific().in_bulk()` reads, without its first
    query for the types (the plain pages know theirs)."""
    by_model = {}
    for page in pages:
        by_model.setdefault(page.specific_class, []).append(page)
    found = {}
    for model, group in by_model.items():
        if model is None:  # a type no longer in the code: the plain page
            found.update((page.pk, page) for page in group)
        else:
            found.update(specific_rows(model).in_bulk(page.pk for page in group))
    return found


def read_specific(page: Page) -> Page:
    """page.specific (Wagtail's get_specific: the specific row, then the plain
    page's other attributes copied over), read with SQL written once per model."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    rows = specific_rows(model)
    found = rows.read(f"{rows.column(model._meta.pk.name)} = %s", [page.pk])
    if not found:
        raise model.DoesNotExist(f"{model.__name__} {page.pk} has no row of its own")
    specific = found[0]
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    page.specific = specific
    return specific


def restricted_here():
    """Whether a page, or the page it is an alias of, has a view restriction of its
    own (annotated on the pages on the way: all of them clear, none applies)."""
    return Exists(
        PageViewRestriction.objects.filter(
            Q(page=OuterRef("pk")) | Q(page=OuterRef("alias_of"))
        )
    )


def localized_root(site):
    """The site's root page in the active language (Wagtail's `localized`: a query
    for the locale, another for a translation), with `restricted` (restricted_here
    for it and its ancestors), kept until the next change."""

    def read():
        root = site.root_page.localized
        root.restricted = (
            Page.objects.filter(path__in=ancestor_paths(root))
            .filter(restricted_here())
            .exists()
        )
        return root

    return site_cache.remember(f"root:{site.pk}:{translation.get_language()}", read)


def route_from_site_root(request, path: str) -> None:
    """Route a page request as Wagtail would, in fewer queries.

    Wagtail's Page.route_for_request finds the root in the active language (a
    locale query, and a translation query in Spanish: kept here until the next
    change, localized_root) and reads it in its specific form only to call its
    route(); a root that routes with ChainRoutingMixin needs nothing of that row
    for any URL below it, so the route is found here and left where Wagtail
    looks first. Roots of other types are left to Wagtail.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    if site is None:
        return
    # In the active language's tree, as Wagtail routes (Page.route_for_request).
    root = localized_root(site)
    if not issubclass(root.specific_class or Page, ChainRoutingMixin):
        return
    try:
        if components:
            routed = route_chain(root, request, components)
        else:
            routed = route_root(root, request)
    except Http404:
        routed = None
        request._wagtail_route_for_request = None
    if routed is not None:
        request._wagtail_route_for_request = routed


def route_root(root, request):
    """The site root's own URL, as Wagtail's Page.route answers it."""
    page = read_specific(root)
    if not root.restricted:
        page.route_view_restrictions = []  # none on it or above: nothing to read
    return page.route(request, [])


def public_q():
    """Pages under no view restriction, as a filter (Wagtail's .public() first
    reads every restriction in a query of its own)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restricted)


# public_q() as SQL, for a Rows query of pages (lantana.core.rows).
PUBLIC_SQL = (
    'NOT EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction" r'
    ' INNER JOIN "wagtailcore_page" rp ON rp."id" = r."page_id"'
    ' WHERE rp."path" = SUBSTR("wagtailcore_page"."path", 1, LENGTH(rp."path")))'
)


def live_descendants_sql(rows: Rows, page) -> tuple[str, list]:
    """`.live().descendant_of(page)` as a WHERE for a Rows query of pages, and
    its parameters."""
    path, depth, live = (rows.column(name) for name in ("path", "depth", "live"))
    pk = rows.column(rows.model._meta.pk.name)
    # Tree paths are digits and capitals: nothing in them for LIKE to escape.
    where = f"{live} AND {path} LIKE %s AND {depth} >= %s AND NOT {pk} = %s"
    return where, [page.path + "%", page.depth, page.pk]


def parent_from_route(page, model):
    """The page's parent as routing read it, if it is a `model` (not specific)."""
    ancestors = getattr(page, "route_ancestors", None) or []
    if ancestors and ancestors[-1].specific_class is model:
        return ancestors[-1]
    return None
