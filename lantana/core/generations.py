"""Generation tokens: invalidating many cache entries by deleting one key.

Whatever is kept for a page (its whole response, its drawn parts) is keyed by
the page's and its site's current tokens. Forgetting a token orphans every entry
made with it at once; they expire on their own. Tokens are read before rendering,
so a render that raced a purge is stored under the old token and never found.
"""

import uuid

from .cache import SafeCache


class Generations:
    def __init__(self, prefix: str, safe: SafeCache):
        self.prefix = prefix
        self.safe = safe

    def page_key(self, page_id) -> str:
        return f"{self.prefix}:gen:page:{page_id}"

    def site_key(self, site_id) -> str:
        return f"{self.prefix}:gen:site:{site_id}"

    def read(self, page_id, site_id, create: bool = False) -> tuple[str, str] | None:
        """The page's and the site's tokens (made when asked); None if unknown."""
        keys = [self.page_key(page_id), self.site_key(site_id)]
        found = self.safe("get_many", None, keys)
        if found is None:
            return None
        if create:
            for key in keys:
                if key not in found:
                    token = uuid.uuid4().hex[:16]
                    # add(): processes racing agree on whichever token won.
                    self.safe("add", False, key, token, None)
                    found[key] = self.safe("get", None, key) or token
        if not all(found.get(key) for key in keys):
            return None
        return found[keys[0]], found[keys[1]]

    def forget_pages(self, page_ids) -> None:
        """Orphan everything kept for these pages."""
        keys = [self.page_key(pk) for pk in set(page_ids)]
        if keys:
            self.safe("delete_many", None, keys)

    def forget_sites(self, site_ids) -> None:
        """Orphan everything kept for every page of these sites."""
        keys = [self.site_key(pk) for pk in set(site_ids)]
        if keys:
            self.safe("delete_many", None, keys)
