"""The contact page, the privacy notice it names, and the live chat's canned replies."""

from contact.models import CannedReply, ContactPage
from lantana.core.models import StandardPage

from .pages import get_or_create_page
from .text import read_text, stream_from_text


def load_contact(home, stdout) -> None:
    text = read_text("contact")
    get_or_create_page(home, ContactPage, "contact", **text["contact"])
    privacy = text["privacy"]
    privacy["body"] = stream_from_text(privacy["body"])
    get_or_create_page(home, StandardPage, "privacy", show_in_menus=False, **privacy)
    for order, reply in enumerate(text["canned_replies"]):
        CannedReply.objects.get_or_create(
            title=reply["title"], defaults={"text": reply["text"], "sort_order": order}
        )
    stdout.write("   - contact page, privacy notice and canned chat replies ready")
