"""The two forms of the cost page: the insurance check (a callback about one's
plan) and the good-faith estimate request. Every rule of the other lead forms
holds (contact/forms.py); these add the insurer and its plan from the clinic's
list (the Insurer snippet), the kind of plan and, when the clinic asks them, a
member number and a date of birth checked for shape."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import LeadKind, PlanType
from .forms import ChatRequestForm, InquiryForm, TextField
from .insurers import InsuranceCheckSettings, Insurer, InsurerPlan
from .models import Lead

# Letters and digits as printed on US insurance cards, with the spaces and
# hyphens people type between groups; stored without them, in capitals.
MEMBER_NUMBER_RE = re.compile(r"[A-Z0-9]{5,20}")
MEMBER_NUMBER_MESSAGE = _(
    "Enter the member number as it is printed on the card: 5 to 20 letters and "
    "digits, like XYZ123456789."
)
INSURER_MESSAGE = _("Choose your insurer from the list, or “Not in this list”.")
PLAN_MESSAGE = _("Choose your plan from the list, or “Not sure, or not in this list”.")
PLAN_MISMATCH_MESSAGE = _(
    "That plan belongs to another insurer. Choose the plan again, or “Not sure, or "
    "not in this list”."
)
BIRTH_DATE_MESSAGE = _("Enter the date of birth like 1990-04-23 (year, month, day).")
BIRTH_DATE_RANGE_MESSAGE = _("Enter a date of birth in the past.")
OLDEST_AGE_YEARS = 120


def insurers_and_plans() -> dict[int, tuple[str, list[tuple[int, str]]]]:
    """{insurer id: (name, [(plan id, plan name), …])} in list order, from one
    query (the form renders on a page with a fixed query budget)."""
    rows = Insurer.objects.order_by(
        "sort_order", "name", "plans__sort_order", "plans__name"
    ).values_list("pk", "name", "plans__pk", "plans__name")
    insurers = {}
    for pk, name, plan_pk, plan_name in rows:
        plans = insurers.setdefault(pk, (name, []))[1]
        if plan_pk is not None:
            plans.append((plan_pk, plan_name))
    return insurers


def normalize_member_number(value: str) -> str | None:
    """ "xyz 1234-5678" → "XYZ12345678", or None when it is not that shape."""
    compact = re.sub(r"[\s-]", "", value).upper()
    return compact if MEMBER_NUMBER_RE.fullmatch(compact) else None


class InsuranceCheckForm(ChatRequestForm):
    """ "Check my insurance": a first name, a phone, the insurer and its plan from
    the clinic's list (the plan list grouped by insurer, so it works without
    JavaScript), the kind of plan; the member number and date of birth only when
    the clinic turns them on (InsuranceCheckSettings). Details as the callback
    request has them."""

    insurer = forms.ModelChoiceField(
        label=_("Your insurer"),
        queryset=Insurer.objects.all(),
        required=False,
        empty_label=_("Not in this list"),
        help_text=_(
            "If yours is not listed, choose “Not in this list”: we still check."
        ),
        error_messages={"invalid_choice": INSURER_MESSAGE},
    )
    insurer_plan = forms.ModelChoiceField(
        label=_("Your plan"),
        queryset=InsurerPlan.objects.select_related("insurer"),
        required=False,
        help_text=_("As it is printed on your insurance card."),
        error_messages={"invalid_choice": PLAN_MESSAGE},
    )
    plan_type = forms.ChoiceField(
        label=_("What kind of plan is it?"),
        choices=PlanType.choices,
        initial=PlanType.NOT_SURE,
        error_messages={"invalid_choice": _("Choose the kind of plan from the list.")},
    )
    member_number = TextField(
        label=_("Member number (optional)"),
        required=False,
        max_length=40,
        help_text=_("On the front of your insurance card."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    date_of_birth = forms.CharField(
        label=_("Date of birth of the person covered (optional)"),
        required=False,
        max_length=10,
        help_text=_("Year, month, day, like 1990-04-23."),
        widget=forms.TextInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )
    message = TextField(
        label=_("Anything we should know? (optional)"),
        required=False,
        max_length=500,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    first_message = None
    best_time = None

    kind = LeadKind.INSURANCE_CHECK
    main_names = ("preferred_name", "phone", "insurer", "insurer_plan", "plan_type")
    main_names += ("member_number", "date_of_birth")
    detail_names = ("preferred_method", "voicemail_ok", "lead_for", "message")

    class Meta:
        model = Lead
        fields = [
            "preferred_name",
            "phone",
            "insurer",
            "insurer_plan",
            "plan_type",
            "member_number",
            "date_of_birth",
            "preferred_method",
            "voicemail_ok",
            "lead_for",
            "message",
            "consent",
            "source_path",
            "utm_source",
            "utm_medium",
            "utm_campaign",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asked = InsuranceCheckSettings.load()
        if not asked.ask_member_number:
            del self.fields["member_number"]
        if not asked.ask_date_of_birth:
            del self.fields["date_of_birth"]
        self.offer_insurers(insurers_and_plans())

    def offer_insurers(self, insurers) -> None:
        """Both lists from the one query; validation still reads the database."""
        self.fields["insurer"].choices = [
            ("", self.fields["insurer"].empty_label),
            *((pk, name) for pk, (name, _plans) in insurers.items()),
        ]
        grouped = [(name, plans) for name, plans in insurers.values() if plans]
        if not grouped:  # no plans entered: nothing to choose from
            del self.fields["insurer_plan"]
            return
        self.fields["insurer_plan"].choices = [
            ("", _("Not sure, or not in this list")),
            *grouped,
        ]

    def clean(self):
        cleaned_data = super().clean()
        plan, insurer = cleaned_data.get("insurer_plan"), cleaned_data.get("insurer")
        if plan is not None:
            if insurer is None and "insurer" not in self.errors:
                cleaned_data["insurer"] = plan.insurer  # the plan says whose it is
            elif insurer is not None and plan.insurer_id != insurer.pk:
                self.add_error("insurer_plan", PLAN_MISMATCH_MESSAGE)
        return cleaned_data

    def clean_member_number(self):
        value = self.cleaned_data.get("member_number", "")
        if not value.strip():
            return ""
        normalized = normalize_member_number(value)
        if normalized is None:
            raise ValidationError(MEMBER_NUMBER_MESSAGE, code="member_number_shape")
        return normalized

    def clean_date_of_birth(self):
        value = (self.cleaned_data.get("date_of_birth") or "").strip()
        if not value:
            return ""
        try:
            born = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(BIRTH_DATE_MESSAGE, code="birth_date") from None
        today = timezone.localdate()
        if born >= today or today.year - born.year > OLDEST_AGE_YEARS:
            raise ValidationError(BIRTH_DATE_RANGE_MESSAGE, code="birth_date_range")
        return born.isoformat()


class EstimateRequestForm(InquiryForm):
    """ "Request a good-faith estimate": how to reach the visitor and what care
    the estimate is for. Intake owes the estimate within three business days."""

    message = TextField(
        label=_("What care would you like an estimate for?"),
        max_length=1000,
        multiline=True,
        help_text=_(
            "For example: intensive outpatient, three evenings a week. If you are "
            "not sure, say so: we will help you work it out."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell us what the estimate is for.")},
    )

    kind = LeadKind.ESTIMATE_REQUEST
