"""The sections of a location page, printed in Python: `{% location_details %}`
(address, availability, phone, hours) and those that repeat a row per item,
`{% opening_hours %}`, `{% service_list %}`, `{% fact_list %}`, `{% credential_list %}`.

Drawn by the template engine, their loops were a fifth of a cold location page's
own work (a node per value, a translation per row). These print the exact bytes of
`templates/locations/includes/*.html`, which stay as the reference
(tests/locations/test_location_tags.py compares the two in English and Spanish,
with every shape of row). As in the templates, words we translate are not
escaped (a `{% translate "…" %}` of a literal is safe) and everything else is.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import time as time_filter
from django.template.defaultfilters import timesince_filter
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, pgettext

from lantana.core.chrome import clinic_of, field, translated
from lantana.core.phones import tel_href
from lantana.core.templatetags.card_tags import clinician_card

from ..choices import Weekday

register = template.Library()


# `row.get_day_display()`, whose lookup builds the choices' dict on every call.
DAYS = dict(Weekday.choices)


def _hours_row(row, times: dict) -> str:
    if row.closed or not row.opens or not row.closes:
        shown = gettext("Closed")
    else:
        shown = f"{times[row.opens]} – {times[row.closes]}"
    day = DAYS.get(row.day, row.day)
    return (
        '\n                <div class="hours__row">'
        f"<dt>{escape(gettext(day))}</dt><dd>{shown}</dd></div>\n"
        "                "
    )


@register.simple_tag
def opening_hours(hours):
    """`locations/includes/opening_hours.html`: the heading and a row a day."""
    if not hours:
        return ""
    time_format = pgettext("time format", "g:i a")
    # Most days open and close at the same times: each is formatted once.
    shown = {value for row in hours for value in (row.opens, row.closes) if value}
    times = {value: escape(time_filter(value, time_format)) for value in shown}
    rows = "".join(_hours_row(row, times) for row in hours)
    return mark_safe(  # noqa: S308 — every value is escaped
        f"\n            <h3>{gettext('Opening hours')}</h3>\n"
        f'            <dl class="hours">\n                {rows}\n'
        "            </dl>\n            "
    )


def _service(value, request) -> str:
    name = escape(value["name"])
    if value["page"]:
        name = f'<a href="{escape(value["page"].get_url(request=request))}">{name}</a>'
    description = ""
    if value["description"]:
        description = f"<br>{escape(value['description'])}"
    return (
        f"\n                    <li><strong>{name}</strong>{description}</li>\n"
        "                    "
    )


def _service_values(services) -> list:
    """Each service's value. Read as stored when no service links a page: the
    stream's own reading looks the pages up by their ids even when there are none
    (the ORM builds a query it never runs, half a millisecond)."""
    stored = list(services.raw_data)
    if all(_plain_service(item) for item in stored):
        return [item["value"] for item in stored]
    return [block.value for block in services]


def _plain_service(item) -> bool:
    value = item.get("value")
    return (
        item.get("type") == "service"
        and isinstance(value, dict)
        and not value.get("page")
        and isinstance(value.get("name"), str)
        and isinstance(value.get("description"), str)
    )


@register.simple_tag(takes_context=True)
def service_list(context, services):
    """`locations/includes/services.html`: the services a location offers."""
    if not services:
        return ""
    request = context.get("request")
    items = "".join(_service(value, request) for value in _service_values(services))
    return mark_safe(  # noqa: S308 — every value is escaped
        '\n            <section aria-labelledby="services-heading">\n'
        '                <h2 id="services-heading">'
        f"{gettext('Services at this location')}</h2>\n"
        f'                <ul class="service-list">\n                    {items}\n'
        "                </ul>\n            </section>\n            "
    )


def _facts_row(heading: str, labels) -> str:
    items = "".join(f"<li>{escape(label)}</li>" for label in labels)
    return (
        '\n                    <div class="location-facts__row">'
        f"<dt>{heading}</dt><dd><ul>{items}</ul></dd></div>\n"
        "                    "
    )


@register.simple_tag
def fact_list(facts, insurers):
    """`locations/includes/facts.html`: the facts by family, then the insurers."""
    if not (facts or insurers):
        return ""
    rows = "".join(
        _facts_row(escape(group.heading), (fact.label for fact in group.facts))
        for group in facts
    )
    accepted = ""
    if insurers:
        names = (insurer.name for insurer in insurers)
        accepted = _facts_row(gettext("Insurers accepted"), names)
    return mark_safe(  # noqa: S308 — every value is escaped
        '\n            <section class="location-facts" aria-labelledby="facts-heading">\n'
        '                <h2 id="facts-heading">'
        f"{gettext('Care, payment and languages')}</h2>\n"
        '                <dl class="location-facts__list">\n'
        f"                    {rows}\n                    {accepted}\n"
        "                </dl>\n            </section>\n            "
    )


def _credential(credential, date_format: str) -> str:
    number = ""
    if credential.number:
        number = ", " + gettext("no. %(number)s") % {
            "number": escape(credential.number)
        }
    covers = ""
    if credential.levels_of_care:
        labels = ", ".join(
            escape(label) for label in credential.get_levels_of_care_display()
        )
        covers = f"<br>{gettext('Covers:')} {labels}"
    check = ""
    if credential.verification_url:
        issuer = gettext("Check it with %(issuer)s") % {
            "issuer": escape(credential.issuer)
        }
        check = (
            f' · <a href="{escape(credential.verification_url)}" rel="noopener">'
            f"{issuer}</a>"
        )
    expires = credential.expires_on
    return (
        '\n                    <li class="credential">\n'
        f"                        <strong>{escape(credential.title)}</strong>, "
        f"{escape(credential.issuer)}{number}\n"
        f"                        {covers}\n"
        f"                        <br>{gettext('Valid through')} "
        f'<time datetime="{escape(date_filter(expires, "Y-m-d"))}">'
        f"{escape(date_filter(expires, date_format))}</time>{check}\n"
        "                    </li>\n                    "
    )


@register.simple_tag
def credential_list(credentials):
    """`locations/includes/credentials.html`: the credentials shown today."""
    if not credentials:
        return ""
    date_format = pgettext("date format", "F j, Y")
    items = "".join(_credential(credential, date_format) for credential in credentials)
    return mark_safe(  # noqa: S308 — every value is escaped
        '\n            <section class="credentials" '
        'aria-labelledby="credentials-heading">\n'
        '                <h2 id="credentials-heading">'
        f"{gettext('Licences and accreditation')}</h2>\n"
        f'                <ul class="credential-list">\n                    {items}\n'
        "                </ul>\n            </section>\n            "
    )


def _availability(availability, next_assessment: str) -> str:
    if not availability:
        return ""
    accepting = availability.accepting
    if accepting:
        state = gettext("Accepting new patients")
    else:
        state = gettext("Not taking new patients right now")
    upcoming = ""
    if accepting and next_assessment:
        day = escape(date_filter(availability.next_assessment_on, "Y-m-d"))
        upcoming = (
            f"<br>{gettext('Next assessment:')} "
            f'<time datetime="{day}">{escape(next_assessment)}</time>'
        )
    updated = translated(
        'Updated <time datetime="%(iso)s">%(since)s ago</time>',
        iso=date_filter(template_localtime(availability.updated_at), "c"),
        since=timesince_filter(availability.updated_at),
    )
    return (
        f'\n            <p class="availability{" availability--open" if accepting else ""}">'
        f"\n                <strong>{state}</strong>\n"
        f"                {upcoming}\n"
        f'                <br><span class="availability__updated">{updated}</span>\n'
        "            </p>\n            "
    )


@register.simple_tag(takes_context=True)
def location_details(context):
    """`locations/includes/details.html`: how to visit and reach the location."""
    page = context["page"]
    phone = page.phone or field(clinic_of(context), "phone")
    if phone:
        phone = (
            f"\n            <p>{gettext('Phone:')} "
            f'<a href="{escape(tel_href(phone))}">{escape(phone)}</a></p>'
        )
    email = ""
    if page.email:
        email = (
            f"<p>{gettext('Email:')} "
            f'<a href="mailto:{escape(page.email)}">{escape(page.email)}</a></p>'
        )
    notes = ""
    if page.hours_notes:
        words = getattr(context.get("languages"), "content_language", "")
        words = f' lang="{escape(words)}"' if words else ""
        notes = f'<p class="hours__note"{words}>{escape(page.hours_notes)}</p>'
    availability = _availability(
        context.get("availability"), context.get("next_assessment")
    )
    address = "<br>".join(escape(line) for line in page.address_lines)
    return mark_safe(  # noqa: S308 — every value is escaped
        '<section class="location__details" aria-labelledby="visit-heading">\n'
        f'            <h2 id="visit-heading">{gettext("Visit and contact")}</h2>\n'
        f"            {availability}\n"
        f'            <address class="location__address">{address}</address>\n'
        '            <p><a class="button button--secondary" '
        f'href="{escape(page.directions_url)}" rel="noopener noreferrer" '
        f'target="_blank">{gettext("Get directions")}<span class="visually-hidden"> '
        f"{gettext('(opens a map in a new tab)')}</span></a></p>\n"
        f"            {phone or ''}\n"
        f"            {email}\n"
        f"            {opening_hours(context.get('hours'))}\n"
        f"            {notes}\n"
        "        </section>"
    )


@register.simple_tag
def clinician_items(clinicians, request=None):
    """`{% for clinician in clinicians %}<li>{% clinician_card clinician 3
    request=request %}</li>{% endfor %}`: a node and a tag call fewer a card."""
    return mark_safe(  # noqa: S308 — the cards escape what they print
        "".join(f"<li>{clinician_card(c, 3, request=request)}</li>" for c in clinicians)
    )
