from django.db import migrations

# The SPEC's managed list; editors can extend it under Snippets.
SUBJECTS = [
    ("lich-su", "Lịch sử"),
    ("khoa-hoc", "Khoa học"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa", "Văn hóa"),
    ("tu-nhien-xa-hoi", "Tự nhiên – xã hội"),
    ("ky-nang", "Kỹ năng"),
    ("cong-nghe", "Công nghệ"),
    ("van-hoc", "Văn học"),
    ("thieu-nhi", "Thiếu nhi"),
    ("tham-khao", "Tham khảo"),
]


def seed_subjects(apps, schema_editor):
    Subject = apps.get_model("library", "Subject")
    for order, (slug, name) in enumerate(SUBJECTS):
        Subject.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(seed_subjects, migrations.RunPython.noop)]
