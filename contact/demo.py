"""Demo content for the contact app: the contact page and the privacy notice it names."""

from lantana.core.demo import get_or_create_page
from lantana.core.models import StandardPage

from .models import CannedReply, ContactPage

CONTACT = {
    "title": "Contact us",
    "seo_title": "Contact Lantana Recovery | Talk to admissions in Charleston",
    "search_description": (
        "Send a private message to Lantana Recovery's admissions team, or call us any "
        "time. Free, confidential, and no pressure."
    ),
    "intro": (
        "<p>Reaching out is often the hardest part, and you have already started. "
        "Tell us a little about what is going on, for you or for someone you love, "
        "and a member of our admissions team will get back to you the way you "
        "choose.</p><p>You do not need the right words, insurance details or a plan. "
        "We will listen first.</p>"
    ),
    "form_heading": "Send us a message",
    "thank_you_heading": "Thank you for reaching out",
    "thank_you_text": (
        "<p>Your message is with our admissions team now. Someone will contact you "
        "the way you asked, usually within an hour between 8 am and 8 pm Eastern; if "
        "you wrote late at night, expect to hear from us early the next morning.</p>"
        "<p>That first conversation takes about fifteen minutes. We will ask what is "
        "happening, answer your questions about cost and insurance, and talk through "
        "what might help. Nothing is decided unless you want it to be.</p>"
    ),
}

PRIVACY = {
    "title": "Privacy notice",
    "intro": "What happens to the details you send us, in plain words.",
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>When you send a message or ask for a chat, we keep what you typed in "
                "our own database so that our admissions team can reach you. We use it "
                "only to contact you about care, the way you asked us to.</p>"
                "<p>We never sell it, never put it in an email, and never share it with "
                "advertisers. Only the small team that answers inquiries can read it. "
                "Records of people who did not start treatment are deleted after a "
                "year.</p><p>You can ask us at any time to see or delete what you sent: "
                "call the number at the top of this page.</p>"
            ),
        }
    ],
}


# Live chat: replies intake staff can send with one click (Snippets).
CANNED_REPLIES = [
    (
        "Welcome",
        "Hi, I'm glad you reached out. I'm here to listen. What is going on for you "
        "today?",
    ),
    (
        "Insurance",
        "We work with most insurance plans, and we can check yours for free and "
        "without any commitment. Would you like us to do that?",
    ),
    (
        "Prefer to talk",
        "If it's easier to talk, you can call us any time at the number at the top "
        "of this page. Someone answers day and night.",
    ),
    (
        "In danger",
        "If you might be in danger right now, please call or text 988, or call 911. "
        "I'll stay here with you.",
    ),
]


def load(home, stdout):
    get_or_create_page(home, ContactPage, "contact", **CONTACT)
    get_or_create_page(home, StandardPage, "privacy", show_in_menus=False, **PRIVACY)
    for order, (title, text) in enumerate(CANNED_REPLIES):
        CannedReply.objects.get_or_create(
            title=title, defaults={"text": text, "sort_order": order}
        )
    stdout.write("   - contact page, privacy notice and canned chat replies ready")
