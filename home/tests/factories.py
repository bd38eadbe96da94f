import factory
import factory.random
from wagtail.models import Site

from cms.tests.factories import BasePageFactory, ensure_wagtail_roots
from home.models import (
    AchievementLevel,
    HomePage,
    MapPage,
    SchoolAchievement,
    SchoolIndexPage,
    SchoolLevel,
    SchoolPage,
)

factory.random.reseed_random("sohoa-home")


class HomePageFactory(BasePageFactory):
    title = "Đoàn TNCS Hồ Chí Minh TP. Hồ Chí Minh"
    parent = factory.LazyFunction(ensure_wagtail_roots)

    class Meta:
        model = HomePage


class SchoolIndexPageFactory(BasePageFactory):
    title = "Trường học"

    class Meta:
        model = SchoolIndexPage


class SchoolPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Trường THPT Lê Quý Đôn {n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.title}, TP. Hồ Chí Minh")
    level = SchoolLevel.UPPER_SECONDARY
    founded_year = 1874
    address = "110 Nguyễn Thị Minh Khai"
    ward = "Phường Xuân Hoà"
    district = "Quận 3"
    province = "TP. Hồ Chí Minh"
    location = "SRID=4326;POINT(106.692000 10.778900)"
    phone = "028 3930 5123"

    class Meta:
        model = SchoolPage


class SchoolAchievementFactory(factory.django.DjangoModelFactory):
    year = 2020
    title = "Huân chương Lao động hạng Nhất"
    level = AchievementLevel.NATIONAL

    class Meta:
        model = SchoolAchievement


class MapPageFactory(BasePageFactory):
    title = "Bản đồ số"

    class Meta:
        model = MapPage


def make_site_root(**kwargs):
    """A new HomePage made the root of the default Site, as a real unit's site has."""
    home = HomePageFactory(**kwargs)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    Site.clear_site_root_paths_cache()
    return home
