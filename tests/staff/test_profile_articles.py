"""`{% profile_articles %}` prints a profile's article list exactly as the
reference template staff/includes/article_list.html draws it."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from demo.factories.locations import LocationPageFactory
from staff.models import ClinicianLocation
from staff.queries import get_articles
from staff.templatetags.staff_tags import profile_articles


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_list_is_printed_as_the_template_draws_it(
    maya, make_article, language, site
):
    make_article(title="Sleep <b>\"&'", author=maya)
    make_article(title="Older", author=maya, days_ago=40)
    written, reviewed, _index = get_articles(maya, 4)
    assert len(written) == 2
    assert not reviewed
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    with translation.override(language):
        for articles in (written, written[:1], []):
            context = {"articles": articles, "request": request}
            drawn = render_to_string("staff/includes/article_list.html", context)
            assert profile_articles(context, articles) == drawn


def test_a_preview_shows_the_editors_unsaved_locations(maya, location_index):
    other = LocationPageFactory(parent=location_index, title="Summerville")
    assert maya.get_locations() == [maya.locations.first().location]
    maya.locations = [ClinicianLocation(location=other)]
    assert maya.get_locations() == [other]
