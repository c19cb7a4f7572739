# LocationPage moved from lantana/core to locations/ with its table: only the
# migration state's target changes; the column and its constraint stay as they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0003_clinicianpage_user'),
        ('locations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='clinicianlocation',
                    name='location',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clinician_links', to='locations.locationpage'),
                ),
            ],
            database_operations=[],
        ),
    ]
