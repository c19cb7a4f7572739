import functools
from types import SimpleNamespace

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from lantana.core.chrome import _e, clinic_of, translated, words_lang
from lantana.core.chrome import field as field_value
from lantana.core.phones import sms_href, tel_href

from .. import dialog

register = template.Library()


@register.simple_tag(takes_context=True)
def chat_dialog_url(context=None):
    """Where chat.js fetches the dialog (contact/dialog.py): changes with it, and
    with the clinic details it shows."""
    request = context.get("request") if context is not None else None
    clinic = dialog.get_clinic(request)
    return f"{reverse('contact:chat_dialog')}?v={dialog.version(clinic)}"


@register.filter
def describedby(field) -> str:
    """The ids that describe a field: its hint and its error, when present."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def control(field):
    """The field's widget with its hint and error tied to it by aria-describedby."""
    described = describedby(field)
    attrs = {"aria-describedby": described} if described else {}
    return field.as_widget(attrs=attrs)


def _error_html(field) -> str:
    if not field.errors:
        return ""
    return (
        f'<p class="field__error" id="{escape(field.auto_id)}-error">'
        f'<span class="visually-hidden">{escape(gettext("Error:"))} </span>'
        f"{escape(field.errors[0])}</p>"
    )


def _hint_html(field) -> str:
    if not field.help_text:
        return ""
    return (
        f'<p class="field__hint" id="{escape(field.auto_id)}-hint">'
        f"{escape(field.help_text)}</p>"
    )


@register.simple_tag
def lead_field(field):
    """One field of a lead form: `contact/includes/field.html`, printed in Python.

    The template drew a form's ten fields in about a thousand template nodes, a
    tenth of a location page's work; this prints its exact bytes
    (tests/contact/test_field_tag.py compares the two for every field of every
    lead form, blank and with errors), and the template stays as the reference.
    """
    error_class = " field--error" if field.errors else ""
    widget_type = field.widget_type
    if widget_type == "radioselect":
        described = describedby(field)
        described_attr = f' aria-describedby="{escape(described)}"' if described else ""
        radios = "".join(
            f'\n        <div class="choice"><input type="radio" '
            f'name="{escape(radio.data["name"])}" '
            f'value="{escape(localize(radio.data["value"]))}" id="{escape(radio.id_for_label)}"'
            f"{' checked' if radio.data['selected'] else ''}>"
            f'<label for="{escape(radio.id_for_label)}">'
            f"{escape(radio.choice_label)}</label></div>"
            for radio in field
        )
        html = (
            f'\n<fieldset class="field field--choices{error_class}"{described_attr}>\n'
            f'    <legend class="field__label">{escape(field.label)}</legend>\n'
            f"    {_hint_html(field)}\n"
            f"    {_error_html(field)}\n"
            f'    <div class="field__choices">{radios}\n'
            f"    </div>\n</fieldset>\n"
        )
    elif widget_type == "checkbox":
        html = (
            f'\n<div class="field field--check{error_class}">\n'
            f"    {_error_html(field)}\n"
            f'    <div class="choice">{control(field)}'
            f'<label for="{escape(field.id_for_label)}">{escape(field.label)}</label>'
            f"</div>\n</div>\n"
        )
    else:
        html = (
            f'\n<div class="field{error_class}">\n'
            f'    <label class="field__label" for="{escape(field.id_for_label)}">'
            f"{escape(field.label)}</label>\n"
            f"    {_hint_html(field)}\n"
            f"    {_error_html(field)}\n"
            f"    {control(field)}\n</div>\n"
        )
    return mark_safe(html + "\n")  # noqa: S308 — every value above is escaped


# The lead form block, printed in Python. Through the templates
# (contact/includes/lead_form.html with side_help.html, notice_links.html,
# callback_fields.html and components/crisis_line.html) it was a fifth of a
# location page's work. These print the templates' exact bytes
# (tests/contact/test_lead_form_tags.py compares them, blank, bound and with
# errors, in English and Spanish); the templates stay as the reference.


def crisis_line(crisis) -> str:
    """`components/crisis_line.html`: one sentence offering the crisis line."""
    if translation.get_language() == "es":
        return (
            translated(
                '<a href="tel:988">Call 988 and press 2</a> or '
                '<a href="sms:988?body=AYUDA">text AYUDA to 988</a> for the Suicide '
                "&amp; Crisis Lifeline in Spanish, any time."
            )
            + "\n"
        )
    sentence = translated(
        '<a href="%(call)s">Call %(crisis)s</a> or <a href="%(text)s">text '
        "%(crisis)s</a>, the Suicide &amp; Crisis Lifeline, any time.",
        call=tel_href(crisis),
        text=sms_href(crisis),
        crisis=crisis,
    )
    return sentence + "\n"


@register.simple_tag(takes_context=True)
def side_help(context) -> str:
    """`{% include "contact/includes/side_help.html" %}`, printed in Python."""
    clinic = clinic_of(context)
    wording = context.get("site_wording")
    phone, text_line = field_value(clinic, "phone"), field_value(clinic, "text_line")
    call = ""
    if phone:
        call = (
            '<p><a class="button button--large lead-side__call" '
            f'href="{_e(tel_href(phone))}">{translated("Call %(phone)s", phone=phone)}'
            "</a></p>"
        )
    text = ""
    if text_line:
        text = "<p>{}</p>".format(
            translated(
                'Or text us at <a href="%(href)s">%(number)s</a>.',
                href=sms_href(text_line),
                number=text_line,
            )
        )
    hours = field_value(wording, "admissions_hours")
    if hours:
        language = translation.get_language()
        hours = f"<p{words_lang(wording, language)}>{_e(hours)}</p>"
    crisis = crisis_line(field_value(clinic, "crisis_phone") or "988")
    emergency = translated('In an emergency, call <a href="tel:911">911</a>.')
    return mark_safe(  # noqa: S308 — every value below is escaped
        '\n<aside class="lead-side" aria-labelledby="lead-side-heading">\n'
        f'    <h2 id="lead-side-heading">{gettext("Rather talk now?")}</h2>\n'
        f"    {call}\n"
        f"    {text}\n"
        f"    {hours}\n"
        '    <div class="lead-side__crisis">\n'
        f"        <h3>{gettext('In crisis?')}</h3>\n"
        f"        <p>{crisis} {emergency}</p>\n"
        "    </div>\n</aside>\n\n"
    )


def notice_links(links) -> str:
    """`contact/includes/notice_links.html`: the notices a form relies on."""
    if not links:
        return "\n"
    last = len(links) - 1
    parts = []
    for index, link in enumerate(links):
        # `{% translate link.title as title %}` then `{{ title|lower }}`.
        title = _e(gettext(link.title.replace("%", "%%"))).replace("%%", "%")
        parts.append(f'<a href="{_e(link.url)}">{title.lower()}</a>')
        if index < last:
            and_ = pgettext("the last of a list", "and")
            parts.append(f" {and_} " if index == last - 1 else ", ")
    return (
        f'<p class="lead-form__notices">{gettext("This relies on our")} '
        f"{''.join(parts)}.</p>\n"
    )


def _error_summary(form) -> str:
    count = len(form.errors)
    title = ngettext(
        "Please check one thing before sending",
        "Please check %(counter)s things before sending",
        count,
    ) % {"counter": _e(localize(count))}
    items = []
    for bound in form.visible_fields():
        if bound.errors:
            if bound.widget_type == "radioselect":
                target = f"{_e(bound.auto_id)}_0"
            else:
                target = _e(bound.id_for_label)
            items.append(
                f'\n            <li><a href="#{target}">{_e(bound.errors[0])}</a></li>'
            )
    others = "".join(f"<li>{_e(error)}</li>" for error in form.non_field_errors())
    prefix = _e(form.prefix)
    return (
        '\n    <div class="error-summary" tabindex="-1" role="alert" '
        f'aria-labelledby="{prefix}-error-summary-title" data-error-summary>\n'
        '        <h2 class="error-summary__title" '
        f'id="{prefix}-error-summary-title">{title}</h2>\n'
        f"        <ul>{''.join(items)}\n"
        f"            {others}\n"
        "        </ul>\n    </div>\n    "
    )


def _inquiry_fields(form) -> str:
    """lead_form.html's own questions (a form without `detail_names`)."""
    message = lead_field(form["message"]) if "message" in form.fields else ""
    return (
        f"\n    {lead_field(form['preferred_name'])}\n"
        '    <div class="lead-form__pair">\n'
        f"        {lead_field(form['phone'])}\n"
        f"        {lead_field(form['email'])}\n"
        "    </div>\n"
        f"    {lead_field(form['preferred_method'])}\n"
        f"    {lead_field(form['preferred_time'])}\n"
        '    <fieldset class="field field--choices">\n'
        '        <legend class="field__label">'
        f"{gettext('Is it safe to leave a message?')}</legend>\n"
        '        <p class="field__hint">'
        f"{gettext('Leave these unticked if someone else might hear or read it.')}"
        "</p>\n"
        f"        {lead_field(form['voicemail_ok'])}\n"
        f"        {lead_field(form['email_ok'])}\n"
        "    </fieldset>\n"
        f"    {lead_field(form['lead_for'])}\n"
        f"    {message}\n    "
    )


def _callback_fields(form) -> str:
    """`contact/includes/callback_fields.html`: the short form, the rest folded."""
    main = "".join(f"{lead_field(bound)}\n" for bound in form.main_fields)
    details = []
    for bound in form.detail_fields:
        if bound.name == "voicemail_ok":
            drawn = (
                '\n        <fieldset class="field field--choices">\n'
                '            <legend class="field__label">'
                f"{gettext('Is it safe to leave a message?')}</legend>\n"
                '            <p class="field__hint">'
                f"{gettext('Leave this unticked if someone else might hear it.')}</p>\n"
                f"            {lead_field(bound)}\n"
                "        </fieldset>\n        "
            )
        else:
            drawn = lead_field(bound)
        details.append(f"\n        {drawn}\n        ")
    return (
        f"\n{main}"
        f'<details class="lead-form__details"{" open" if form.details_open else ""}>\n'
        '    <summary class="lead-form__details-toggle">'
        f'{gettext("Add details")} <span class="lead-form__optional">'
        f"{gettext('(optional)')}</span></summary>\n"
        '    <div class="lead-form__details-body">\n'
        f"        {''.join(details)}\n"
        "    </div>\n</details>\n"
    )


def _small_print(form) -> str:
    careful = ""
    if not getattr(form, "detail_names", None):
        careful = (
            gettext("Please do not include details you would not want in an email.")
            + " "
        )
    if translation.get_language() == "es":
        danger = translated(
            'If you are in danger right now, <a href="tel:988">call 988 and press '
            '2</a> or <a href="sms:988?body=AYUDA">text AYUDA to 988</a>, or call '
            '<a href="tel:911">911</a>.'
        )
    else:
        danger = translated(
            'If you are in danger right now, <a href="tel:988">call 988</a> or '
            '<a href="sms:988">text 988</a>, or call <a href="tel:911">911</a>.'
        )
    return f'<p class="lead-form__small">{careful}{danger}</p>'


def _fields(form) -> str:
    """lead_form.html from the hidden fields to the consent."""
    hidden = "".join(str(bound) for bound in form.hidden_fields())
    trap = form["leave_blank"]
    if getattr(form, "detail_names", None):
        questions = _callback_fields(form)
    else:
        questions = _inquiry_fields(form)
    return (
        f"{hidden}\n"
        '    <div class="lead-form__trap" aria-hidden="true">\n'
        f'        <label for="{_e(trap.id_for_label)}">{_e(trap.label)}</label>'
        f"{trap}\n"
        "    </div>\n"
        f"    {questions}\n"
        f"    {lead_field(form['consent'])}"
    )


# Stand-ins for what a blank form's fields print from data, in the fields drawn once.
SOURCE, CONSENT, WORDING = "\ue000source\ue000", "\ue000consent\ue000", "\ue000id\ue000"


def _is_constant_blank(form) -> bool:
    """A blank form whose fields print the same but for its source path and
    consent wording (`blank_is_constant`, e.g. the inquiry form: no choices
    read from the database)."""
    return (
        getattr(form, "blank_is_constant", False)
        and not form.is_bound
        and form.initial.keys() == {"source_path"}
        and bool(form.initial["source_path"])
        and form.wording is not None
    )


def _blank_fields(form) -> str:
    drawn = _drawn_blank_fields(
        type(form), form.prefix, form.auto_id, translation.get_language()
    )
    return (
        drawn.replace(SOURCE, _e(form.initial["source_path"]))
        .replace(CONSENT, _e(form.wording.text))
        .replace(WORDING, _e(form.wording.pk))
    )


@functools.cache
def _drawn_blank_fields(form_class, prefix, auto_id, language) -> str:
    """A blank form's fields (`_fields`) drawn once per process and language, with
    stand-ins for its source path and consent wording: the same for every page
    (tests/contact/test_lead_form_tags.py compares them with the template)."""
    form = form_class(prefix=prefix, auto_id=auto_id, initial={"source_path": SOURCE})
    form.wording = SimpleNamespace(text=CONSENT, pk=WORDING)
    return _fields(form)


# Filled in by lead-form.js (or chat.js) from chat_session.
CSRF_BY_SCRIPT = (
    '<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-input>'
)


@register.simple_tag(takes_context=True)
def lead_form(
    context, form, action="", with_token=False, notice="", submit_label=""
) -> str:
    """`{% include "contact/includes/lead_form.html" with form=… action=…
    with_token=… notice=… submit_label=… %}`, printed in Python (`token_by_script`
    is read from the context, as the include does)."""
    prefix = _e(form.prefix)
    by_script = context.get("token_by_script")
    session = ""
    if by_script:
        session = (
            f' data-lead-session="{_e(reverse("contact:chat_session"))}" '
            f'data-lead-prefix="{prefix}"'
        )
    if with_token and not by_script:
        csrf = CsrfTokenNode().render(context)
    else:
        csrf = CSRF_BY_SCRIPT
    if notice:
        notice = f'<p class="lead-form__notice" role="status">{_e(notice)}</p>'
    errors = _error_summary(form) if form.errors else ""
    fields = _blank_fields(form) if _is_constant_blank(form) else _fields(form)
    label = _e(submit_label) if submit_label else gettext("Send")
    return mark_safe(  # noqa: S308 — every value below is escaped
        f'\n<form class="lead-form" action="{_e(action)}" method="post" novalidate '
        f'data-lead-form data-lead-kind="{prefix}"{session}>\n'
        f"    {csrf}\n"
        f"    {notice or ''}\n"
        f"    {errors}\n"
        f"    {fields}\n"
        f"    {notice_links(form.notice_links)}\n"
        '    <p class="lead-form__actions"><button type="submit" '
        f'class="button button--large">{label}</button></p>\n'
        f"    {_small_print(form)}\n"
        "</form>\n"
    )


@register.simple_tag(takes_context=True)
def location_contact(context) -> str:
    """`{% include "contact/includes/location_contact.html" %}`, printed in Python;
    the thank-you state (once a lead) still goes through the template."""
    if context.get("sent"):
        reference = context.template.engine.get_template(
            "contact/includes/location_contact.html"
        )
        return reference.render(context)
    page = context["page"]
    heading = translated("Write to our %(place)s team", place=page.title)
    action = page.get_url(request=context.get("request")) + "#location-contact"
    form = lead_form(
        context,
        context.get("form"),
        action=action,
        with_token=True,
        notice=context.get("notice"),
        submit_label=mark_safe(gettext("Send my message")),  # noqa: S308 — a literal's translation
    )
    return mark_safe(  # noqa: S308 — every value below is escaped
        "\n\n"
        '<section class="band location-contact" id="location-contact" '
        'aria-labelledby="location-contact-heading">\n'
        f'    <h2 id="location-contact-heading">{heading}</h2>\n'
        '    <div class="lead-layout">\n'
        f"        {side_help(context)}\n"
        '        <div class="lead-layout__main">\n'
        f"            {form}\n"
        "        </div>\n    </div>\n</section>\n\n"
    )
