"""The contact page as editors and visitors see it, and its demo content."""

from contact.models import ContactPage
from tests.support.leads import lead_data


def test_the_contact_page_lives_under_the_home_page(home, location_index):
    assert ContactPage.can_create_at(home)
    assert not ContactPage.can_create_at(location_index)


def test_the_contact_page_renders_the_form_beside_the_phone(client, contact_page):
    response = client.get("/contact/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tell us a little about what is going on." in html
    # Cacheable: an empty token slot that lead-form.js fills (tests/pagecache).
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert 'inputmode="tel"' in html and 'autocomplete="tel"' in html
    assert 'autocomplete="email"' in html
    assert 'href="tel:+18435550134"' in html
    assert 'href="tel:988"' in html
    assert "privacy notice" in html


def test_editors_control_the_thank_you_message(client, contact_page):
    contact_page.thank_you_heading = "We have your note"
    contact_page.thank_you_text = "<p>Expect a call from Dana before noon.</p>"
    contact_page.save_revision().publish()
    client.post("/contact/", lead_data("inquiry"))
    html = client.get("/contact/?sent=1").content.decode()
    assert "We have your note" in html
    assert "Expect a call from Dana before noon." in html


def test_the_chat_page_uses_the_contact_page_thank_you(client, contact_page):
    client.post("/chat/", lead_data("chat"))
    html = client.get("/chat/?sent=1").content.decode()
    assert contact_page.thank_you_heading in html


def test_the_chat_page_has_no_second_dialog(client, home):
    html = client.get("/chat/").content.decode()
    assert "<dialog" not in html and "js/chat" not in html
    assert html.count('id="id_chat-preferred_name"') == 1


def test_editors_can_preview_the_form_and_the_thank_you(contact_page, location):
    response = contact_page.make_preview_request(preview_mode="form")
    assert response.status_code == 200
    assert b"id_inquiry-preferred_name" in response.content
    response = contact_page.make_preview_request(preview_mode="thanks")
    assert contact_page.thank_you_heading.encode() in response.content
    assert location.make_preview_request().status_code == 200
