"""{% picture %} (core picture_tags) draws exactly what Wagtail's Picture draws."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter, Picture

from demo.factories.core import ImageFactory
from demo.images import draw_portrait, image_file
from lantana.core.templatetags.picture_tags import picture_html

SHAPES = [
    ["format-{avif,webp,jpeg}", "fill-{400x225,800x450}"],
    ["format-{avif,webp,jpeg}", "fill-{160x160,320x320,480x480}"],
    ["format-{webp,jpeg}", "fill-320x240"],
    ["width-{480,800,1200}"],
    ["fill-300x200"],
]
ATTRS = [
    {},
    {"sizes": "(min-width: 64rem) 22rem, 100vw", "loading": "lazy", "alt": ""},
    {"fetchpriority": "high", "class": "hero", "alt": 'A "quoted" & <odd> alt'},
    {"alt": mark_safe("Already &amp; safe"), "hidden": True, "data-x": None},
]


@pytest.fixture
def image(db):
    return ImageFactory(
        description="A portrait",
        file=image_file(draw_portrait(3, size=(96, 64)), "portrait.jpg"),
    )


@pytest.mark.parametrize("specs", SHAPES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_same_markup_as_wagtail(image, specs, attrs):
    filters = [Filter(spec) for spec in Filter.expand_spec(specs)]
    renditions = image.get_renditions(*filters)
    expected = Picture(renditions, dict(attrs)).__html__()
    assert picture_html(renditions, dict(attrs)) == expected


def test_the_tag_renders_as_wagtails_tag(image):
    body = 'image format-{avif,jpeg} fill-{80x60,160x120} sizes="10rem" alt=""'
    ours = Template("{% load picture_tags %}{% picture " + body + " %}")
    theirs = Template("{% load wagtailimages_tags %}{% picture " + body + " %}")
    context = {"image": image}
    html = ours.render(Context(context))
    assert html == theirs.render(Context(context))
    # A second render (filters kept on the node) draws the same.
    assert ours.render(Context(context)) == html
    assert "<source" in html


def test_no_image_draws_nothing(db):
    template = Template("{% load picture_tags %}{% picture missing fill-10x10 %}")
    assert template.render(Context({"missing": None})) == ""
