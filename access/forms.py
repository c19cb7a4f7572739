from django import forms

CODE_ERROR = (
    "That code did not work. Codes last 30 seconds and each works once: "
    "type the one your app shows now, or one of your recovery codes."
)


def normalise_code(value: str) -> str:
    """Codes are read off a phone or paper: ignore spaces, dashes and case."""
    return "".join(value.split()).replace("-", "").lower()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or a recovery code.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(CODE_ERROR)
        return code


class EnrolForm(CodeForm):
    code = forms.CharField(
        label="Code from your app",
        max_length=12,
        help_text="After scanning, your app shows a 6-digit code that changes every 30 seconds.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )
