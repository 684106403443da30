"""The calendar address is no longer stored: a random key replaces the plain token.

Every user gets a key of their own (not the one default value ``AddField`` would give
all existing rows); the addresses handed out before stop working, as after a
regeneration.
"""

import secrets

from django.db import migrations, models

import crm.core.models


def give_each_user_a_key(apps, schema_editor):
    User = apps.get_model("crm", "User")
    for user in User.objects.only("pk"):
        User.objects.filter(pk=user.pk).update(calendar_key=secrets.token_urlsafe(32))


class Migration(migrations.Migration):
    dependencies = [("crm", "0005_attachments")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="calendar_key",
            field=models.CharField(
                default=crm.core.models.new_calendar_key,
                editable=False,
                help_text="Random part of the secret calendar address; a new one revokes the old.",
                max_length=64,
                verbose_name="calendar key",
            ),
        ),
        migrations.RunPython(give_each_user_a_key, migrations.RunPython.noop),
        migrations.RemoveField(model_name="user", name="calendar_token"),
    ]
