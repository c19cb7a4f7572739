"""Find one page of each type and count the queries a warm request makes.

Run by bench/run.py inside the benchmark's environment (production settings, the
throwaway database); prints JSON: [{"name", "url", "queries"}, ...] in table order.
"""

import json
import os
import sys

import django

# One row per page type, in the order make bench prints them: (name, app.Model or
# a URL name, query string).
PAGE_TYPES = [
    ("home", "home.HomePage", ""),
    ("article", "articles.ArticlePage", ""),
    ("article (es)", "articles.ArticlePage@es", ""),
    ("article index", "articles.ArticleIndexPage", ""),
    ("clinician", "staff.ClinicianPage", ""),
    ("team index", "staff.StaffIndexPage", ""),
    ("location", "locations.LocationPage", ""),
    ("contact", "contact.ContactPage", ""),
    ("search", "home:search", "?q=recovery"),
]


def find_url(target: str) -> str:
    from django.apps import apps
    from django.urls import reverse

    if ":" in target:
        return reverse(target)
    target, _, language = target.partition("@")
    page = apps.get_model(target).objects.live().public().order_by("path").first()
    if page is None:
        raise SystemExit(f"probe: the demo content has no live {target}")
    if language:
        page = translation_of(page, language)
    return page.get_url()


def translation_of(page, language: str):
    """The page's published translation; made here, as an editor's translation
    starts (a copy of the English), when the demo content has none yet."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    if not translation.live:
        translation.save_revision().publish()
    return translation


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"X-Forwarded-Proto": "https"}
    # The first request fills per-process caches (site root paths, settings); a
    # worker serving traffic is past that, so count the second.
    first = client.get(url, headers=headers)
    if first.status_code != 200:
        raise SystemExit(f"probe: GET {url} answered {first.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, headers=headers)
    return len(queries)


def main() -> None:
    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST=os.environ.get("BENCH_HOST", "127.0.0.1"))
    rows = []
    for name, target, query in PAGE_TYPES:
        url = find_url(target) + query
        rows.append({"name": name, "url": url, "queries": count_queries(client, url)})
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
