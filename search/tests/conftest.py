import io

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, loaded once per test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield Site.objects.get(is_default_site=True).root_page
        transaction.set_rollback(True)
