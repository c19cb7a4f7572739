"""Every link an editor types is checked; a bad one saved earlier shows as text."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from wagtail.blocks import StreamValue, StructBlockValidationError

from articles.blocks import ReferenceBlock
from lantana.core.blocks import CallToActionBlock
from lantana.core.models import MenuLinkBlock, SiteSettings, SiteWording
from lantana.core.validators import validate_link

BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
    "file:///etc/passwd",
    "ftp://example.org/",
    "https:evil",
    "chat/",
]
GOOD = [
    "/chat/",
    "/",
    "#sources",
    "https://www.samhsa.gov/find-help/national-helpline",
    "http://example.org/",
    "mailto:intake@lantana.example",
    "tel:+18435550134",
    "sms:+18435550134",
]


@pytest.mark.parametrize("value", BAD)
def test_the_validator_refuses(value):
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize("value", GOOD)
def test_the_validator_accepts(value):
    validate_link(value)


@pytest.mark.parametrize(
    "scheme", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_call_to_action_refuses_with_a_message_on_the_field(scheme):
    block = CallToActionBlock()
    value = block.to_python({"heading": "Talk", "link_url": scheme, "link_label": "Go"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "link_url" in error.value.block_errors


@pytest.mark.parametrize(
    "scheme", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_menu_item_refuses(scheme):
    block = MenuLinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"url": scheme, "label": "Bad"}))
    assert "url" in error.value.block_errors


@pytest.mark.parametrize(
    "scheme", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_reference_link_refuses(scheme):
    block = ReferenceBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"citation": "A paper", "url": scheme}))
    assert "url" in error.value.block_errors


@pytest.mark.parametrize("field", ["facebook_url", "instagram_url", "linkedin_url"])
@pytest.mark.parametrize(
    "scheme", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_social_links_refuse(field, scheme):
    with pytest.raises(ValidationError) as error:
        SiteSettings._meta.get_field(field).run_validators(scheme)
    assert error.value.messages


def test_social_link_form_shows_the_message_next_to_the_field(admin_client, site):
    url = f"/admin/settings/core/sitesettings/{site.pk}/"
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["facebook_url"] = "javascript:alert(1)"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "facebook_url" in response.context["form"].errors
    assert not SiteSettings.objects.filter(
        facebook_url__startswith="javascript"
    ).exists()


def render(source, **context):
    return Template("{% load core_tags %}" + source).render(Context(context))


def test_bad_links_saved_earlier_render_as_text():
    assert render("{{ url|safe_link }}", url="javascript:alert(1)") == ""
    assert render("{{ url|safe_link }}", url="/chat/") == "/chat/"
    block = CallToActionBlock()
    value = block.to_python(
        {"heading": "Talk", "link_url": "javascript:alert(1)", "link_label": "Go"}
    )
    html = block.render(value)
    assert "javascript" not in html and "Go" in html


def test_a_bad_menu_link_renders_as_text(client, home):
    navigation = SiteWording.get_default()
    navigation.main_menu = StreamValue(
        SiteWording._meta.get_field("main_menu").stream_block,
        [("link", {"url": "javascript:alert(1)", "label": "Evil"})],
        is_lazy=False,
    )
    navigation.save()
    html = client.get("/").content.decode()
    assert "javascript:" not in html and "<span>Evil</span>" in html
