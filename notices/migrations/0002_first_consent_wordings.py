"""The consent sentences the forms showed before wordings became versioned
content: version 1 of each, so a new site's forms have one from `migrate` alone."""

from django.db import migrations

FIRST_WORDINGS = {
    "contact": (
        "I agree that Lantana Recovery may contact me about treatment, as described "
        "in the privacy notice."
    ),
    "live_chat": (
        "I agree that Lantana Recovery may keep this conversation and contact me "
        "about treatment, as described in the privacy notice."
    ),
}


def add_first_wordings(apps, schema_editor):
    ConsentWording = apps.get_model("notices", "ConsentWording")
    for purpose, text in FIRST_WORDINGS.items():
        if not ConsentWording.objects.filter(purpose=purpose).exists():
            ConsentWording.objects.create(purpose=purpose, number=1, text=text)


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(add_first_wordings, migrations.RunPython.noop)]
