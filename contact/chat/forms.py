"""The form that starts a live chat: a name to call them by, the first message,
consent. Nothing else is asked; checked on the server like every lead form."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..choices import LeadFor, LeadKind
from ..forms import BaseLeadForm, TextField, consent_field
from ..models import FIRST_MESSAGE_COLUMN_LENGTH, Lead


def first_message_max_length() -> int:
    return min(settings.CHAT_MESSAGE_MAX_LENGTH, FIRST_MESSAGE_COLUMN_LENGTH)


class LiveChatForm(BaseLeadForm):
    kind = LeadKind.LIVE_CHAT

    first_message = TextField(
        label=_("What would you like to talk about?"),
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a first message so we know how to help.")},
    )
    lead_for = forms.ChoiceField(
        label=_("Who are you reaching out for?"),
        choices=LeadFor.choices,
        initial=LeadFor.SELF,
        required=False,
        widget=forms.RadioSelect,
    )
    consent = consent_field("I agree.")  # the live chat's wording (contact/kinds.py)

    class Meta:
        model = Lead
        fields = [
            "preferred_name",
            "first_message",
            "lead_for",
            "consent",
            "source_path",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = first_message_max_length()
        field = self.fields["first_message"]
        field.max_length = limit
        field.help_text = gettext(
            "Up to {} characters. Share only what you are comfortable with."
        ).format(limit)
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)

    def clean_first_message(self):
        return self.cleaned_data.get("first_message", "").strip()

    def clean_preferred_name(self):
        return self.cleaned_data.get("preferred_name", "").strip()

    def clean_lead_for(self):
        return self.cleaned_data.get("lead_for") or LeadFor.SELF
