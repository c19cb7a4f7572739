"""The inquiry and chat forms: every rule is checked on the server, always."""

import unicodedata
import uuid
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lantana.core.form_renderer import FastInputRenderer
from lantana.core.text import strip_invisible
from notices.current import current_consent, notice_links
from notices.models import ConsentWording

from .choices import ContactMethod, ContactTime, LeadFor, LeadKind
from .kinds import get_kind
from .models import FIRST_MESSAGE_MAX_LENGTH, MESSAGE_MAX_LENGTH, Lead
from .phones import has_foreign_digits, normalize_us_phone
from .spam import StampState

CONTROL_CHARS_MESSAGE = _(
    "Please remove the hidden control characters (such as a null byte) from this "
    "field. They sometimes come along when text is pasted from another app."
)
PHONE_MESSAGE = _("Enter a US phone number with its area code, like (843) 555-0134.")
PHONE_DIGITS_MESSAGE = _(
    "Please type the phone number with the digits 0 to 9, like (843) 555-0134."
)
CHANNEL_MESSAGE = _("Give us a phone number or an email address so we can reach you.")
CONSENT_MESSAGE = _("Please tick this box so that we may contact you.")
CONSENT_CHANGED_MESSAGE = _(
    "The wording of this agreement was updated. Please read it and tick the box again."
)

# Line breaks and tabs belong in a message; every other control character does not.
_MULTILINE_OK = {"\n", "\r", "\t"}


def has_control_chars(value: str, multiline: bool = False) -> bool:
    allowed = _MULTILINE_OK if multiline else set()
    return any(
        unicodedata.category(char) == "Cc" and char not in allowed for char in value
    )


def same_site_path(path: str) -> str:
    """`path` when it is a path on this site, without query or fragment; else "".

    Browsers read "//host" and "/\\host" as another site, so neither is a path.
    """
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return ""
    return path.split("?", 1)[0].split("#", 1)[0]


class TextField(forms.CharField):
    """Free text kept as typed (no stripping), control characters refused, and
    bidi controls and zero-width characters left out (lantana/core/text.py)."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        kwargs.setdefault("strip", False)
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value and has_control_chars(value, self.multiline):
            raise ValidationError(CONTROL_CHARS_MESSAGE, code="control_chars")
        return strip_invisible(value)

    def validate(self, value):
        super().validate(value)
        if self.required and not value.strip():
            raise ValidationError(self.error_messages["required"], code="required")


class LenientHiddenField(forms.CharField):
    """Bookkeeping a visitor cannot see: bad values are dropped, never shown as errors."""

    widget = forms.HiddenInput

    def __init__(self, *args, max_length: int = 100, **kwargs):
        self.keep_length = max_length
        kwargs.update(required=False, strip=True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if has_control_chars(value):
            return ""
        return strip_invisible(value)[: self.keep_length]


HONEYPOT_ATTRS = {
    "autocomplete": "off",
    "tabindex": "-1",
    "aria-hidden": "true",
    "data-1p-ignore": "true",
    "data-lpignore": "true",
    "data-bwignore": "true",
    "data-form-type": "other",
}


def consent_field(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, error_messages={"required": CONSENT_MESSAGE})


# A form's consent wording, read when the label is drawn (lazy() makes a class:
# made once here, not for every form).
_wording_text = lazy(lambda form: form.wording.text, str)


class BaseLeadForm(forms.ModelForm):
    """What every public lead form carries besides its own questions: a name to call
    the visitor by, consent (a form may reword it), the submission id that makes a
    repeat harmless, the signed stamp, the honeypot and the page it was sent from.
    Subclasses name their kind; contact/kinds.py says the rest."""

    kind = None
    # Its text inputs printed without a template each (lantana/core/form_renderer.py).
    default_renderer = FastInputRenderer
    # True when a blank form's fields print the same on every page but for the
    # source path and the consent wording (no choices read from the database):
    # `{% lead_form %}` then draws them once per language.
    blank_is_constant = False

    preferred_name = TextField(
        label=_("What should we call you?"),
        max_length=80,
        help_text=_("A first name or a nickname is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Tell us what we should call you.")},
    )
    # Its label is the consent wording shown (notices.ConsentWording), whose id
    # travels with the form: a lead records the version the visitor actually read,
    # even from a page drawn before the wording changed.
    consent = consent_field("I agree.")
    consent_wording = LenientHiddenField(max_length=12)
    submission_id = LenientHiddenField(max_length=36)
    stamp = LenientHiddenField(max_length=200)
    # The honeypot. Its name and attributes are chosen so that browsers' autofill
    # and password managers leave it alone (a "website" or "url" field they fill);
    # only a bot filling every input does.
    leave_blank = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs=HONEYPOT_ATTRS),
    )
    source_path = LenientHiddenField(max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when drawn or saved, so a form checked without a database works.
        self.fields["consent"].label = _wording_text(self)
        self.fields["consent_wording"].initial = lambda: str(self.wording.pk)

    @cached_property
    def wording(self) -> ConsentWording:
        """The wording this form shows: the one it was drawn with when posted
        (any version of its purpose), else the current one. A post without one
        comes from a form drawn before wordings were versioned, or a script: it
        is taken to have read the current wording."""
        return self.posted_wording or current_consent(self.get_spec().consent_purpose)

    def posted_wording_id(self) -> str:
        if not self.is_bound:
            return ""
        return str(self.data.get(self.add_prefix("consent_wording")) or "")

    @cached_property
    def posted_wording(self) -> ConsentWording | None:
        posted = self.posted_wording_id()
        if not (posted.isdigit() and len(posted) < 12):
            return None
        purpose = self.get_spec().consent_purpose
        return ConsentWording.objects.filter(pk=int(posted), purpose=purpose).first()

    @property
    def wording_is_known(self) -> bool:
        """False when the post names a wording this form never showed (tampered)."""
        return not self.posted_wording_id() or self.posted_wording is not None

    @property
    def notice_links(self):
        """The notices this form relies on, linked beside its consent."""
        return notice_links(self.get_spec().notices)

    def clean_consent(self):
        consent = self.cleaned_data.get("consent")
        if consent and not self.wording_is_known:
            # Ticked beside a wording we cannot name: ask again with today's.
            self.data = self.data.copy()
            self.data.pop(self.add_prefix("consent"), None)
            self.data[self.add_prefix("consent_wording")] = str(self.wording.pk)
            raise ValidationError(CONSENT_CHANGED_MESSAGE, code="consent_changed")
        return consent

    def clean_submission_id(self):
        try:
            return str(uuid.UUID(self.cleaned_data.get("submission_id", "")))
        except ValueError:
            return ""

    def clean_source_path(self):
        return same_site_path(self.cleaned_data.get("source_path", ""))

    def spam_reason(self, stamp_state: StampState) -> str:
        """Why a valid post is taken for a bot's ("" when it is not): the honeypot
        was filled, or the form was sent faster than a person fills it."""
        if self.cleaned_data.get("leave_blank"):
            return "honeypot"
        if stamp_state is StampState.TOO_FAST:
            return "too_fast"
        return ""

    @classmethod
    def get_spec(cls):
        return get_kind(cls.kind)

    @property
    def message_text(self) -> str:
        return self.cleaned_data.get(self.get_spec().message_field, "")

    def save(self, commit=True):
        self.instance.kind = self.kind
        self.instance.consent_wording = self.wording
        lead = super().save(commit=False)
        lead.allowed_channels = lead.channels_from_answers()
        if commit:
            lead.save()
        return lead


class LeadForm(BaseLeadForm):
    """What the inquiry and callback forms share: how and when to reach the visitor."""

    phone = TextField(
        label=_("Phone number"),
        required=False,
        max_length=25,
        help_text=_("US number with area code."),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("Only if email is a good way to reach you."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    preferred_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        initial=ContactMethod.PHONE,
        widget=forms.RadioSelect,
    )
    preferred_time = forms.ChoiceField(
        label=_("When is a good time?"),
        choices=ContactTime.choices,
        initial=ContactTime.ANY,
        help_text=_("Eastern time."),
    )
    voicemail_ok = forms.BooleanField(
        label=_("It is safe to leave a voicemail"), required=False
    )
    email_ok = forms.BooleanField(label=_("It is safe to email me"), required=False)
    lead_for = forms.ChoiceField(
        label=_("Who are you reaching out for?"),
        choices=LeadFor.choices,
        initial=LeadFor.SELF,
        widget=forms.RadioSelect,
    )
    utm_source = LenientHiddenField()
    utm_medium = LenientHiddenField()
    utm_campaign = LenientHiddenField()

    hidden_names = ("submission_id", "stamp", "source_path", "utm_source")
    hidden_names += ("utm_medium", "utm_campaign")

    class Meta:
        fields = [
            "preferred_name",
            "phone",
            "email",
            "preferred_method",
            "preferred_time",
            "voicemail_ok",
            "email_ok",
            "lead_for",
            "consent",
            "source_path",
            "utm_source",
            "utm_medium",
            "utm_campaign",
        ]

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        if not value.strip():
            return ""
        if has_foreign_digits(value):
            raise ValidationError(PHONE_DIGITS_MESSAGE, code="invalid_phone_digits")
        normalized = normalize_us_phone(value)
        if normalized is None:
            raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
        return normalized

    def clean(self):
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if (
            not phone
            and not email
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error("phone", CHANNEL_MESSAGE)
            self.add_error("email", CHANNEL_MESSAGE)
            return cleaned
        method = cleaned.get("preferred_method")
        if method in (ContactMethod.PHONE, ContactMethod.TEXT) and not phone:
            if "phone" not in self.errors:
                self.add_error(
                    "phone",
                    _("Add a phone number, or choose email as the way to reach you."),
                )
        if method == ContactMethod.EMAIL and not email and "email" not in self.errors:
            self.add_error(
                "email", _("Add an email address, or choose a call or text instead.")
            )
        return cleaned


class InquiryForm(LeadForm):
    message = TextField(
        label=_("Anything you would like us to know? (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        multiline=True,
        help_text=format_lazy(
            _("Up to {} characters. Share only what you are comfortable with."),
            MESSAGE_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    kind = LeadKind.INQUIRY
    blank_is_constant = True

    class Meta(LeadForm.Meta):
        model = Lead
        fields = LeadForm.Meta.fields + ["message"]


CALLBACK_PHONE_MESSAGE = _("Enter your phone number so that we can call you back.")


class ChatRequestForm(LeadForm):
    """The callback request, "Chat with us" when nobody is online: a first name, a
    phone number and consent. Everything else is optional and sits behind "Add
    details" (`detail_names`); the Lead columns it no longer asks (email,
    preferred_time, email_ok) keep their defaults."""

    preferred_name = TextField(
        label=_("First name"),
        max_length=80,
        help_text=_("Or whatever you would like us to call you."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Tell us what we should call you.")},
    )
    phone = TextField(
        label=_("Phone number"),
        max_length=25,
        help_text=_("US number with area code."),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
        error_messages={"required": CALLBACK_PHONE_MESSAGE},
    )
    email = None
    email_ok = None
    preferred_time = None
    preferred_method = forms.ChoiceField(
        label=_("Call or text?"),
        choices=[
            (ContactMethod.PHONE, _("Call me")),
            (ContactMethod.TEXT, _("Text me first")),
        ],
        initial=ContactMethod.PHONE,
        required=False,
        widget=forms.RadioSelect,
    )
    best_time = TextField(
        label=_("Best time to reach you"),
        required=False,
        max_length=120,
        help_text=_("For example: weekdays after 6 pm. Eastern time."),
    )
    lead_for = forms.ChoiceField(
        label=_("Who are you reaching out for?"),
        choices=LeadFor.choices,
        initial=LeadFor.SELF,
        required=False,
        widget=forms.RadioSelect,
    )
    first_message = TextField(
        label=_("What would you like to talk about?"),
        required=False,
        max_length=FIRST_MESSAGE_MAX_LENGTH,
        multiline=True,
        help_text=format_lazy(
            _("A few words is plenty. Up to {} characters."), FIRST_MESSAGE_MAX_LENGTH
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    kind = LeadKind.CHAT_REQUEST
    # Always shown; a subclass may ask more (fields it removed are skipped).
    main_names = ("preferred_name", "phone")
    # Behind "Add details": open when one of them was filled in or has an error.
    detail_names = (
        "preferred_method",
        "best_time",
        "voicemail_ok",
        "lead_for",
        "first_message",
    )

    class Meta:
        model = Lead
        fields = [
            "preferred_name",
            "phone",
            "preferred_method",
            "best_time",
            "voicemail_ok",
            "lead_for",
            "first_message",
            "consent",
            "source_path",
            "utm_source",
            "utm_medium",
            "utm_campaign",
        ]

    def clean(self):
        # Phone is required here, so the inquiry's "phone or email" rules do not apply.
        return forms.ModelForm.clean(self)

    def clean_preferred_method(self):
        return self.cleaned_data.get("preferred_method") or ContactMethod.PHONE

    def clean_lead_for(self):
        return self.cleaned_data.get("lead_for") or LeadFor.SELF

    @property
    def main_fields(self) -> list:
        return [self[name] for name in self.main_names if name in self.fields]

    @property
    def detail_fields(self) -> list:
        return [self[name] for name in self.detail_names]

    @property
    def details_open(self) -> bool:
        """Nothing the visitor typed or must correct is folded away."""
        if not self.is_bound:
            return False
        for name in self.detail_names:
            if name in self.errors:
                return True
            value = self[name].value()
            if value and value != self.fields[name].initial:
                return True
        return False
