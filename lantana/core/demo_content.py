"""The words of Lantana's demo site, written for it. Kept apart from the code that loads them."""

from .demo import heading, paragraphs, stream

CLINIC = {
    "clinic_name": "Lantana Recovery",
    "phone": "(843) 555-0134",
    "text_line": "(843) 555-0178",
    "email": "hello@lantana.example",
    "admissions_hours": "Admissions answers the phone 24 hours a day, 7 days a week.",
    "address": "65 Wentworth Street\nCharleston, SC 29401",
    "footer_text": (
        "Lantana Recovery offers outpatient addiction and mental health treatment in "
        "Charleston, South Carolina. What you share with us is confidential."
    ),
    "instagram_url": "https://www.instagram.com/lantana.example",
    "facebook_url": "https://www.facebook.com/lantana.example",
}

IMAGES = {
    "hero": (
        "Lantana in bloom",
        "Clusters of orange, pink and yellow lantana flowers in a garden",
        "garden",
        7,
    ),
    "location": (
        "Wentworth Street",
        "Pastel row houses along a quiet street on the Charleston peninsula",
        "street",
        11,
    ),
    "garden": (
        "Courtyard garden",
        "A small garden with flowering lantana behind the clinic",
        "garden",
        23,
    ),
    "water": (
        "Charleston harbor",
        "Calm water at the edge of the peninsula under an evening sky",
        "water",
        5,
    ),
}

HOME = {
    "title": "Lantana Recovery",
    "seo_title": "Lantana Recovery | Addiction treatment in Charleston, SC",
    "search_description": (
        "Outpatient addiction and mental health treatment on the Charleston peninsula. "
        "Call, text or chat with our admissions team today."
    ),
    "hero_heading": "Recovery is possible, and you do not have to start alone",
    "hero_text": (
        "Lantana Recovery is an outpatient treatment program in downtown Charleston for "
        "people living with substance use, and for the families who love them. "
        "Talk with someone today: it is free, confidential and there is no pressure."
    ),
    "hero_cta_label": "Talk to admissions",
}


def home_offerings(programs_page) -> list[dict]:
    items = [
        (
            "Day treatment",
            "Structured therapy five days a week while you sleep at home.",
        ),
        (
            "Evening intensive outpatient",
            "Groups and individual sessions that fit around work.",
        ),
        ("Family support", "A weekly group and sessions for the people who love you."),
    ]
    return [
        {
            "type": "offering",
            "value": {"title": title, "text": text, "page": programs_page.pk},
        }
        for title, text in items
    ]


STANDARD_PAGES = {
    "about": {
        "title": "About us",
        "search_description": "Who we are and how we approach recovery at Lantana.",
        "intro": (
            "We are a small team of therapists, nurses and peer specialists who believe "
            "recovery grows best among people."
        ),
        "show_in_menus": True,
        "body": stream(
            heading("Why we exist"),
            paragraphs(
                "Lantana began with a simple observation: people who feel connected, "
                "respected and hopeful do better in treatment. So we built a program "
                "around those three things, in a house on the Charleston peninsula rather "
                "than a hospital ward.",
                "Lantana is named after the hardy flowering shrub that grows along "
                "Lowcountry sidewalks. It thrives in salt air and summer heat, and it "
                "comes back after a hard winter. We think that is a fair picture of recovery.",
            ),
            heading("What we believe"),
            (
                "rich_text",
                "<ul><li>Substance use is a health condition, not a moral failing."
                "</li><li>Every person brings strengths to treatment, not only problems.</li>"
                "<li>Families heal too, and deserve support of their own.</li>"
                "<li>Good care is honest about what it can and cannot do.</li></ul>",
            ),
            (
                "quote",
                {
                    "quote": "Nobody here treated me like a case file. They asked what "
                    "I wanted my life to look like.",
                    "attribution": "A Lantana alumnus",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Questions about whether we are a fit?",
                    "text": "Our admissions team will talk it through with you, "
                    "and point you elsewhere if another program suits you better.",
                    "link_page": None,
                    "link_url": "/chat/",
                    "link_label": "Chat with us",
                },
            ),
        ),
    },
    "admissions": {
        "title": "Admissions",
        "search_description": "How to start treatment at Lantana: what to expect, insurance and your first day.",
        "intro": "Starting treatment can feel like a lot. Here is what actually happens, step by step.",
        "show_in_menus": True,
        "body": stream(
            heading("1. A conversation"),
            paragraphs(
                "Call, text or send us a chat request. An admissions coordinator will ask a "
                "few questions about what is going on, what you have tried before and what "
                "you hope for. The call usually takes about twenty minutes."
            ),
            heading("2. A clinical assessment"),
            paragraphs(
                "Within a day or two you meet one of our clinicians, in person or by video, "
                "to agree on the right level of care. If you need medical detox first, we "
                "help you arrange it and keep a place for you."
            ),
            heading("3. Your first day"),
            paragraphs(
                "Bring a photo ID, your insurance card and a list of any medications. "
                "You will meet your primary therapist, tour the house and join your first "
                "group when you feel ready."
            ),
            heading("Paying for treatment"),
            paragraphs(
                "We work with most major insurance plans and will check your benefits for "
                "free before you commit to anything. If you do not have insurance, ask us "
                "about self-pay rates and community resources."
            ),
        ),
    },
    "programs": {
        "title": "Programs",
        "search_description": "Levels of care at Lantana: day treatment, intensive outpatient and outpatient therapy.",
        "intro": (
            "Care comes in different strengths. Together we choose the level that fits your "
            "needs now, and we step it down as you grow stronger."
        ),
        "show_in_menus": True,
        "body": stream(
            paragraphs(
                "Every program combines individual therapy, group work, family involvement "
                "and, where it helps, medication support from our medical team."
            ),
        ),
        "children": {
            "day-treatment": {
                "title": "Day treatment (partial hospitalization)",
                "intro": "Five days a week, about six hours a day, while you sleep at home.",
                "show_in_menus": True,
                "body": stream(
                    paragraphs(
                        "Day treatment is our most intensive level of care. It suits people "
                        "who need daily structure and support but not round-the-clock "
                        "supervision. Most people stay three to four weeks."
                    ),
                ),
            },
            "intensive-outpatient": {
                "title": "Intensive outpatient (IOP)",
                "intro": "Three evenings a week, so treatment fits around work and family.",
                "show_in_menus": True,
                "body": stream(
                    paragraphs(
                        "IOP meets Monday, Wednesday and Thursday from 5:30 to 8:30 pm. "
                        "Each evening includes a process group, a skills group and time "
                        "with your therapist as needed."
                    ),
                ),
            },
            "outpatient": {
                "title": "Outpatient therapy",
                "intro": "Weekly sessions for continuing care and relapse prevention.",
                "show_in_menus": True,
                "body": stream(
                    paragraphs(
                        "Outpatient therapy keeps you connected after a more intensive "
                        "program, or offers a first step for people whose use is just "
                        "starting to worry them."
                    ),
                ),
            },
        },
    },
}

LOCATIONS = {
    "title": "Locations",
    "search_description": "Where to find Lantana Recovery in Charleston, South Carolina.",
    "intro": "We see people at our house on the historic Charleston peninsula.",
}

CHARLESTON = {
    "title": "Charleston",
    "seo_title": "Lantana Recovery Charleston | Outpatient treatment on Wentworth Street",
    "search_description": (
        "Our home on the historic peninsula: a restored 1890s single house a short walk "
        "from Marion Square."
    ),
    "street_address": "65 Wentworth Street",
    "city": "Charleston",
    "state": "SC",
    "postal_code": "29401",
    "phone": "(843) 555-0134",
    "email": "charleston@lantana.example",
    "latitude": "32.779720",
    "longitude": "-79.934310",
    "hours_notes": "Admissions answers the phone around the clock, including holidays.",
    "description": (
        "<p>Our clinic is a restored Charleston single house with a side piazza, a few "
        "minutes' walk from Marion Square and the College of Charleston. Groups meet in "
        "bright rooms on the first floor; individual sessions happen upstairs, away from "
        "the street.</p><p>Street parking is metered on Wentworth Street, and the St. "
        "Philip Street garage is two blocks away. CARTA's DASH trolley stops at the "
        "corner of King and Wentworth.</p>"
    ),
    "services": [
        {
            "type": "service",
            "value": {
                "name": "Day treatment",
                "description": "Weekdays, 9 am to 3 pm.",
                "page": None,
            },
        },
        {
            "type": "service",
            "value": {
                "name": "Evening intensive outpatient",
                "description": "Monday, Wednesday and Thursday evenings.",
                "page": None,
            },
        },
        {
            "type": "service",
            "value": {
                "name": "Family program",
                "description": "A group for families every Tuesday at 6 pm.",
                "page": None,
            },
        },
        {
            "type": "service",
            "value": {
                "name": "Medication support",
                "description": "Assessment and follow-up with our medical team.",
                "page": None,
            },
        },
    ],
}

CHARLESTON_HOURS = [
    ("MON", "08:00", "20:30"),
    ("TUE", "08:00", "19:00"),
    ("WED", "08:00", "20:30"),
    ("THU", "08:00", "20:30"),
    ("FRI", "08:00", "17:00"),
    ("SAT", "09:00", "13:00"),
    ("SUN", None, None),
]
