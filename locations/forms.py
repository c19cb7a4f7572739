import datetime

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import NextAssessment
from .credentials import scope_error
from .facts import FAMILY

AVAILABILITY_FIELDS = (
    "accepting_new_patients",
    "next_assessment",
    "next_assessment_date",
)


def fact_field(family) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=family.heading,
        choices=family.choices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "%(value)s is not one of the national locator's codes."
        },
    )


class LocationPageForm(WagtailAdminPageForm):
    # Each fact family is a list of locator codes (locations/facts.py).
    care_levels = fact_field(FAMILY["care_levels"])
    medications = fact_field(FAMILY["medications"])
    payment_options = fact_field(FAMILY["payment_options"])
    languages = fact_field(FAMILY["languages"])
    age_groups = fact_field(FAMILY["age_groups"])
    next_assessment = forms.ChoiceField(
        choices=[("", "Not set"), *NextAssessment.choices], required=False
    )
    next_assessment_date = forms.DateField(
        required=False, help_text="When “On a date” is chosen."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        day = self.instance.next_assessment_on
        if day is not None:
            self.initial.setdefault("next_assessment", NextAssessment.DATE)
            self.initial.setdefault("next_assessment_date", day)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_next_assessment_on(cleaned_data)
        self.clean_credentials()
        return cleaned_data

    def clean_next_assessment_on(self, data) -> None:
        today = timezone.localdate()
        choice, day = data.get("next_assessment"), data.get("next_assessment_date")
        if choice == NextAssessment.TODAY:
            day = today
        elif choice == NextAssessment.TOMORROW:
            day = today + datetime.timedelta(days=1)
        elif choice == NextAssessment.DATE:
            if day is None:
                self.add_error("next_assessment_date", "Enter the assessment's date.")
                return
            if day < today:
                self.add_error(
                    "next_assessment_date",
                    "This date is in the past. Choose today, tomorrow or a later date.",
                )
                return
        else:
            day = None
        self.next_assessment_on = day

    def clean_credentials(self) -> None:
        formset = self.formsets.get("credentials")
        if formset is None or not formset.is_valid():  # validates the rows first
            return
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            credential = data.get("credential")
            if credential is None or data.get("DELETE"):
                continue
            if message := scope_error(credential, self.instance.pk):
                form.add_error("credential", message)

    def save(self, commit=True):
        if set(AVAILABILITY_FIELDS) & set(self.changed_data):
            page = self.instance
            page.next_assessment_on = getattr(self, "next_assessment_on", None)
            page.availability_updated_at = timezone.now()
        return super().save(commit=commit)
