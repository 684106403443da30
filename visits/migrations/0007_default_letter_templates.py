"""The four shipped letter templates (visits/letter_templates/), as records the office
can replace with its own Word files in the admin."""

from django.db import migrations

SHIPPED = [
    ("thank_you", "zh-hant", "thank-you-zh-hant.docx", "謝函（中文）"),
    ("thank_you", "en", "thank-you-en.docx", "Thank-you letter (English)"),
    ("invitation", "zh-hant", "invitation-zh-hant.docx", "邀請函（中文）"),
    ("invitation", "en", "invitation-en.docx", "Invitation letter (English)"),
]


def create(apps, schema_editor):
    LetterTemplate = apps.get_model("visits", "LetterTemplate")
    for kind, language, shipped, name in SHIPPED:
        LetterTemplate.objects.get_or_create(
            shipped=shipped, defaults={"kind": kind, "language": language, "name": name}
        )


def remove(apps, schema_editor):
    apps.get_model("visits", "LetterTemplate").objects.filter(
        shipped__in=[row[2] for row in SHIPPED], file=""
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0006_letter_templates")]

    operations = [migrations.RunPython(create, remove)]
