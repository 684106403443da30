"""API tokens are kept hashed now (django-rest-knox); the plain ones of DRF's authtoken
app, no longer installed, are dropped with their table so no copy of the database holds
a working token. Clients sign in again to get a new one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("crm", "0006_calendar_key")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
