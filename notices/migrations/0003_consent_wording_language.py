"""Consent wordings per language: the ones already written are English, and the
Spanish version 1 of each purpose is added, so a Spanish page shows (and its lead
records) a wording in Spanish from `migrate` alone."""

from django.db import migrations, models

SPANISH_WORDINGS = {
    "contact": (
        "Acepto que Lantana Recovery se comunique conmigo sobre el tratamiento, "
        "como se explica en el aviso de privacidad."
    ),
    "live_chat": (
        "Acepto que Lantana Recovery guarde esta conversación y se comunique "
        "conmigo sobre el tratamiento, como se explica en el aviso de privacidad."
    ),
}


def add_spanish_wordings(apps, schema_editor):
    ConsentWording = apps.get_model("notices", "ConsentWording")
    for purpose, text in SPANISH_WORDINGS.items():
        if not ConsentWording.objects.filter(purpose=purpose, language="es").exists():
            ConsentWording.objects.create(
                purpose=purpose, language="es", number=1, text=text
            )


class Migration(migrations.Migration):
    dependencies = [("notices", "0002_first_consent_wordings")]

    operations = [
        migrations.RemoveConstraint(
            model_name="consentwording", name="notices_consent_number_unique"
        ),
        migrations.AddField(
            model_name="consentwording",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Español")],
                default="en",
                help_text="The language of the pages that show this wording.",
                max_length=8,
            ),
        ),
        migrations.AlterModelOptions(
            name="consentwording",
            options={
                "ordering": ["purpose", "language", "-number"],
                "verbose_name": "consent wording",
            },
        ),
        migrations.AddConstraint(
            model_name="consentwording",
            constraint=models.UniqueConstraint(
                fields=("purpose", "language", "number"),
                name="notices_consent_number_unique",
            ),
        ),
        migrations.RunPython(add_spanish_wordings, migrations.RunPython.noop),
    ]
