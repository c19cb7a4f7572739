"""Django's form renderer with its plainest widget templates written in Python.

Django draws every widget through templates (`text.html` includes `input.html`,
which includes `attrs.html`): about a thousand Python calls for one text input,
a third of a page with a lead form. These few templates print nothing but the
widget's context, so they are printed here, byte for byte as Django's own
(tests/core/test_form_renderer.py compares every field of every lead form);
every other widget (radios, a select with options of another kind) still goes
through its template.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# Each is exactly `{% include "django/forms/widgets/input.html" %}` in Django 5.2.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "email", "tel", "url", "number", "hidden", "checkbox")
}
TEXTAREA = "django/forms/widgets/textarea.html"
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}`: safe stays safe, anything else is escaped."""
    text = "%s" % (value,)  # noqa: UP031 — the filter's own formatting
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def attrs_html(attrs: dict) -> str:
    """`django/forms/widgets/attrs.html`."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_text(value)}"')
    return "".join(parts)


def input_html(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>"
    )


def textarea_html(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"'
        f"{attrs_html(widget['attrs'])}>\n{value}</textarea>"
    )


def select_html(widget: dict) -> str | None:
    """`select.html` with its `select_option.html`s (None: an option of another kind)."""
    parts = [
        f'<select name="{conditional_escape(widget["name"])}"'
        f"{attrs_html(widget['attrs'])}>"
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_text(option["value"])}"'
                f"{attrs_html(option['attrs'])}>"
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastInputRenderer(DjangoTemplates):
    """For forms drawn on public pages (the lead forms): `default_renderer`."""

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return input_html(context["widget"])
        if template_name == TEXTAREA:
            return textarea_html(context["widget"])
        if template_name == SELECT and (html := select_html(context["widget"])):
            return html
        return super().render(template_name, context, request)
