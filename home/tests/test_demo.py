"""The demo site: loaded once per module (inside a transaction rolled back at the end), because
building ~180 pages with images and PDFs takes several seconds."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.places import located_page_models
from cms.validators import validate_isbn
from heritage.models import HeritageSitePage, NeighbourhoodOfficePage, StreetPage
from home.models import SchoolPage
from library.models import BookPage, GradeBand, LibraryPage, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield Site.objects.get(is_default_site=True).root_page.specific
        transaction.set_rollback(True)


def content_counts():
    counts = {model.__name__: model.objects.count() for model in located_page_models()}
    counts.update(
        pages=Page.objects.count(),
        books=BookPage.objects.count(),
        images=get_image_model().objects.count(),
        documents=get_document_model().objects.count(),
    )
    return counts


def demo_pages(home):
    return Page.objects.descendant_of(home, inclusive=True).specific()


def test_running_load_demo_twice_keeps_the_same_counts(demo_site):
    before = content_counts()

    call_command("load_demo", stdout=io.StringIO())

    assert content_counts() == before
    assert before["SchoolPage"] >= 4
    assert before["StreetPage"] == 10
    assert before["HeritageSitePage"] == 8
    assert before["NeighbourhoodOfficePage"] == 6


def test_home_page_is_renamed_and_features_demo_pages(demo_site):
    assert "dữ liệu mẫu" in demo_site.title
    assert demo_site.summary
    assert len(demo_site.featured_pages) >= 3


def test_every_located_demo_page_has_a_point_inside_vietnam(demo_site):
    located = [page for page in demo_pages(demo_site) if type(page) in set(located_page_models())]

    assert len(located) >= 4 + 2 + 10 + 8 + 6
    for page in located:
        assert page.location.startswith("SRID=4326;POINT("), page.title
        assert page.point is not None and page.point.in_vietnam(), page.title
        assert page.latitude == pytest.approx(page.point.lat)
        assert page.district and page.province, page.title


def test_each_library_has_60_books_covering_every_subject_and_grade_band(demo_site):
    libraries = LibraryPage.objects.descendant_of(demo_site)
    all_subjects = set(Subject.objects.values_list("pk", flat=True))

    assert libraries.count() == 2
    for library in libraries:
        assert isinstance(library.get_parent().specific, SchoolPage)
        books = BookPage.objects.child_of(library)
        codes = list(books.values_list("code", flat=True))
        assert books.count() >= 60
        assert set(books.values_list("subject", flat=True)) == all_subjects
        assert set(books.values_list("grade_band", flat=True)) == set(GradeBand.values)
        assert all(codes) and len(set(codes)) == len(codes)
        assert all(books.values_list("call_number", flat=True))


def test_at_least_three_books_have_a_real_pdf_ebook(demo_site):
    books = BookPage.objects.descendant_of(demo_site).filter(ebook__isnull=False)

    assert books.count() >= 3
    for book in books.select_related("ebook"):
        with book.ebook.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-", book.title


def test_every_demo_isbn_is_valid(demo_site):
    isbns = [isbn for isbn in BookPage.objects.values_list("isbn", flat=True) if isbn]

    assert isbns
    for isbn in isbns:
        validate_isbn(isbn)


def test_every_demo_page_passes_full_clean(demo_site):
    for page in demo_pages(demo_site):
        page.full_clean()


@pytest.mark.parametrize("model", [SchoolPage, LibraryPage, NeighbourhoodOfficePage])
def test_invented_units_say_they_are_sample_data(demo_site, model):
    for page in model.objects.all():
        assert "dữ liệu mẫu" in page.title.lower()
        assert "dữ liệu mẫu" in page.summary.lower()


def test_real_places_get_no_invented_phone_numbers(demo_site):
    assert not HeritageSitePage.objects.exclude(phone="").exists()
    for street in StreetPage.objects.prefetch_related("places"):
        assert all(not place.phone for place in street.places.all()), street.title


def test_ensure_admin_creates_the_admin_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    admin = get_user_model().objects.get(username="admin")
    # The password is the only 24-character token (secrets.token_urlsafe(18)) after a colon.
    password = re.search(r":\s*(\S{24})\s*$", first.getvalue(), re.MULTILINE).group(1)
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 20
    assert "http://" in first.getvalue() and "/admin/" in first.getvalue()
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert "changepassword admin" in second.getvalue()


def test_every_published_demo_page_has_a_qr_code_that_lands_on_it(demo_site, client):
    from cms.qr.models import QRCode

    pages = Page.objects.live().descendant_of(demo_site, inclusive=True)
    codes = dict(QRCode.objects.filter(page__in=pages).values_list("page_id", "code"))
    assert set(codes) == set(pages.values_list("pk", flat=True))
    for page in pages.filter(depth__lte=4)[:20]:
        response = client.get(f"/q/{codes[page.pk]}", HTTP_USER_AGENT="Mozilla/5.0 Mobile")
        assert response.status_code == 302
        assert response["Location"].endswith(page.url)


def test_the_demo_has_a_province_two_districts_and_their_schools_as_units(demo_site, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from home.demo.data import DEMO_PASSWORD
    from home.models import Unit, UnitKind

    units = {unit.name: unit for unit in Unit.objects.all()}
    kinds = sorted(unit.kind for unit in units.values())
    assert kinds == sorted(
        [UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.DISTRICT, UnitKind.SCHOOL, UnitKind.SCHOOL]
    )
    school = next(unit for unit in units.values() if unit.kind == UnitKind.SCHOOL)
    assert school.parent.kind == UnitKind.DISTRICT
    assert school.page.get_parent().get_parent().pk == school.parent.page.pk
    editor = get_user_model().objects.get(username="bientap.sonca@sohoa.example")
    assert client.login(username=editor.username, password=DEMO_PASSWORD)
    # Demo accounts are not asked to change the printed password.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    sonca = units["Trường THCS Mẫu Sơn Ca (dữ liệu mẫu)"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[sonca.page.pk])).status_code == 200
    other_school = next(u for u in units.values() if u.kind == UnitKind.SCHOOL and u != sonca)
    edit_other = client.get(reverse("wagtailadmin_pages:edit", args=[other_school.page.pk]))
    assert edit_other.status_code in (302, 403)
