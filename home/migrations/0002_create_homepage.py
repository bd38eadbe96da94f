from django.db import migrations


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(Page, root):
    """treebeard's next path under root (steps of four base-36 digits)."""
    last = Page.objects.filter(depth=root.depth + 1).order_by("-path").values_list("path", flat=True).first()
    step = int(last[-4:], 36) + 1 if last else 1
    digits = ""
    while step:
        step, remainder = divmod(step, 36)
        digits = ALPHABET[remainder] + digits
    return root.path + digits.rjust(4, "0")


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with Sohoa's home page as the default site's root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    locale = Locale.objects.first()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Sohoa",
        draft_title="Sohoa",
        slug="home",
        content_type=content_type,
        path=next_child_path(Page, root),
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale.id if locale else None,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page_id=homepage.id, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
