import factory
import factory.random

from cms.tests.factories import BasePageFactory
from heritage.models import (
    HeritageIndexPage,
    HeritageKind,
    HeritageRanking,
    HeritageSitePage,
    NeighbourhoodOfficePage,
    OfficeIndexPage,
    Officer,
    OfficerRole,
    StreetIndexPage,
    StreetPage,
    StreetPlace,
)

factory.random.reseed_random("sohoa-heritage")


class StreetIndexPageFactory(BasePageFactory):
    title = "Tuyến đường"

    class Meta:
        model = StreetIndexPage


class StreetPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Đường Hoàng Hoa Thám {n}")
    namesake = "Hoàng Hoa Thám (1858–1913), thủ lĩnh khởi nghĩa Yên Thế"
    former_names = "Đường Phan Đình Phùng (trước 1955)"
    decision_number = "QĐ 123/1955"
    decision_body = "Đô thành Sài Gòn"
    length_m = 2350
    start_point = "Cộng Hoà"
    end_point = "Út Tịch"
    district = "Quận Tân Bình"
    province = "TP. Hồ Chí Minh"
    location = "SRID=4326;POINT(106.651000 10.801000)"

    class Meta:
        model = StreetPage


class StreetPlaceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Trường Tiểu học Bạch Đằng {n}")
    category = "truong_hoc"
    address = "2 Hoàng Hoa Thám"

    class Meta:
        model = StreetPlace


class HeritageIndexPageFactory(BasePageFactory):
    title = "Di tích"

    class Meta:
        model = HeritageIndexPage


class HeritageSitePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Địa đạo Củ Chi {n}")
    other_names = "Địa đạo Phú Mỹ Hưng"
    kind = HeritageKind.REVOLUTIONARY
    ranking = HeritageRanking.SPECIAL_NATIONAL
    ranking_decision_number = "2383/QĐ-TTg"
    period = "kháng chiến chống Pháp và chống Mỹ"
    fee = "35.000 đồng/người"
    district = "Huyện Củ Chi"
    province = "TP. Hồ Chí Minh"
    location = "SRID=4326;POINT(106.461000 11.142000)"

    class Meta:
        model = HeritageSitePage


class OfficeIndexPageFactory(BasePageFactory):
    title = "Văn phòng khu phố"

    class Meta:
        model = OfficeIndexPage


class NeighbourhoodOfficePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Văn phòng Khu phố {n}, Phường Bến Thành")
    former_units = "Khu phố 1\nKhu phố 2"
    phone = "028 3822 4567"
    opening_hours = "Thứ 2 – Thứ 6: 7g30 – 11g30"
    address = "15 Lê Lợi"
    ward = "Phường Bến Thành"
    district = "Quận 1"
    province = "TP. Hồ Chí Minh"
    location = "SRID=4326;POINT(106.700900 10.776900)"

    class Meta:
        model = NeighbourhoodOfficePage


class OfficerFactory(factory.django.DjangoModelFactory):
    role = OfficerRole.HEAD
    name = factory.Sequence(lambda n: f"Nguyễn Văn Bình {n}")
    phone = "0912 345 678"

    class Meta:
        model = Officer
