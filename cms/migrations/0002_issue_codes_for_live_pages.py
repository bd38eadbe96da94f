from django.db import IntegrityError, migrations, transaction

from cms.qr.codes import MIN_LENGTH, random_code


def issue_missing_codes(apps, schema_editor):
    """Pages published before QR codes existed get theirs now."""
    Page = apps.get_model("wagtailcore", "Page")
    QRCode = apps.get_model("cms", "QRCode")
    for page_id in Page.objects.filter(live=True, depth__gt=1, qr_code__isnull=True).values_list(
        "pk", flat=True
    ):
        while True:
            try:
                with transaction.atomic():
                    QRCode.objects.create(code=random_code(MIN_LENGTH), page_id=page_id)
                break
            except IntegrityError:
                continue


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_qr_codes"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(issue_missing_codes, migrations.RunPython.noop)]
