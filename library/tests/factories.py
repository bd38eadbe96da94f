import factory
import factory.random

from cms.tests.factories import BasePageFactory
from library.models import BookPage, GradeBand, LibraryPage, Subject

factory.random.reseed_random("sohoa-library")


def isbn13(first_twelve_digits):
    """The ISBN-13 whose first twelve digits are given, with its check digit computed here
    (independently of the validator under test): weights 1, 3, 1, 3… modulo 10."""
    digits = [int(c) for c in first_twelve_digits if c.isdigit()]
    assert len(digits) == 12, first_twelve_digits
    check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"{first_twelve_digits}-{check}"


class SubjectFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chủ đề thử {n}")
    slug = factory.Sequence(lambda n: f"chu-de-thu-{n}")

    class Meta:
        model = Subject


class LibraryPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Thư viện Trường THPT Nguyễn Du {n}")
    opening_hours = "Thứ 2 – Thứ 6: 7g00 – 16g30"
    phone = "028 3829 1234"
    address = "124 Cống Quỳnh"
    district = "Quận 1"
    province = "TP. Hồ Chí Minh"
    location = "SRID=4326;POINT(106.689000 10.764000)"

    class Meta:
        model = LibraryPage


class BookPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Dế Mèn phiêu lưu ký {n}")
    authors = "Tô Hoài"
    publisher = "NXB Kim Đồng"
    year = 2019
    isbn = factory.Sequence(lambda n: isbn13(f"978-604-2-{n % 100000:05d}"))
    code = factory.Sequence(lambda n: f"VH-{n:05d}")
    call_number = "895.9223 T450H"
    copies = 3
    grade_band = GradeBand.PRIMARY

    class Meta:
        model = BookPage
