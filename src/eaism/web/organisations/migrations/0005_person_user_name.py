import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_publication"),
    ]

    operations = [
        migrations.AddField(
            model_name="team",
            name="external_id",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="user_name",
            field=models.CharField(blank=True, max_length=254, null=True),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                models.F("organisation"),
                django.db.models.functions.text.Lower("user_name"),
                name="unique_person_user_name",
            ),
        ),
    ]
