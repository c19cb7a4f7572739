"""`{% search_result_list %}` prints exactly what home/includes/search_result_list.html
draws, for the pages a search reads and for the same pages read in full."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from demo.factories.core import StandardPageFactory
from demo.factories.staff import ClinicianPageFactory
from home.templatetags.search_tags import search_result_list
from home.views import LABELS, get_results_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(site):
    request = RequestFactory().get("/search/")
    request._wagtail_site = site
    return request


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_result_list_matches_its_template(
    home, team_index, make_article, request_, language
):
    make_article(title='Family & "friends" <b>', summary="A < B & family")
    ClinicianPageFactory(
        parent=team_index,
        first_name="Ana <i>",
        last_name="Family & Co",
        slug="ana",
        credentials="",
        short_bio='Says "family" & <waves>',
    )
    ClinicianPageFactory(
        parent=team_index,
        first_name="Bo",
        last_name="Family",
        slug="bo",
        credentials="LMSW & <PhD>",
        short_bio="",
    )
    StandardPageFactory(parent=home, title="Family <day>", intro="Family & friends")
    StandardPageFactory(parent=home, title="Family night", intro="")
    StandardPageFactory(
        parent=home, title="Family plain", intro="", search_description="Family <too>"
    )
    results = get_results_page("family", None).object_list
    assert len(results) == 6
    # The labels are translated as the list is drawn.
    with translation.override(language):
        # The same pages as the ORM reads them in full, in the same order.
        full = Page.objects.filter(pk__in=[r.pk for r in results]).specific()
        full = {page.pk: page for page in full}
        for page in full.values():
            page.search_label = LABELS[type(page)]
        reference = [full[result.pk] for result in results]
        printed = search_result_list(results, request=request_)
        for pages in (reference, results):
            drawn = render_to_string(
                "home/includes/search_result_list.html",
                {"results": pages, "request": request_},
            )
            assert printed + "\n" == drawn
        assert search_result_list([], request=request_) + "\n" == render_to_string(
            "home/includes/search_result_list.html", {"results": []}
        )
