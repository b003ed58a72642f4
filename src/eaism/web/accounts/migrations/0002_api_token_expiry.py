"""API tokens expire: tokens made before this migration expire 90 days after their creation."""

from datetime import timedelta

from django.db import migrations, models

EXISTING_TOKEN_DAYS = 90


def expire_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    tokens = apps.get_model("accounts", "ApiToken")
    tokens.objects.filter(expires_at__isnull=True).update(
        expires_at=models.F("created_at") + timedelta(days=EXISTING_TOKEN_DAYS)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(name="apitoken", options={"ordering": ["-created_at", "-id"]}),
        migrations.AddField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField()
        ),
    ]
