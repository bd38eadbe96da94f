"""Every page kind is routable at its URL and renders, checked with Wagtail's own helpers."""

from wagtail.test.utils import WagtailPageTestCase

from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    NeighbourhoodOfficePageFactory,
    OfficeIndexPageFactory,
    OfficerFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
    StreetPlaceFactory,
)
from home.tests.factories import (
    MapPageFactory,
    SchoolAchievementFactory,
    SchoolIndexPageFactory,
    SchoolPageFactory,
    make_site_root,
)
from library.tests.factories import BookPageFactory, LibraryPageFactory


class TestEveryKindRenders(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = make_site_root()
        schools = SchoolIndexPageFactory(parent=home)
        school = SchoolPageFactory(parent=schools)
        SchoolAchievementFactory(page=school)
        library = LibraryPageFactory(parent=school)
        streets = StreetIndexPageFactory(parent=home)
        street = StreetPageFactory(parent=streets)
        StreetPlaceFactory(page=street)
        heritage = HeritageIndexPageFactory(parent=home)
        offices = OfficeIndexPageFactory(parent=home)
        office = NeighbourhoodOfficePageFactory(parent=offices)
        OfficerFactory(page=office)
        cls.pages = [
            home,
            schools,
            school,
            library,
            BookPageFactory(parent=library),
            LibraryPageFactory(parent=home),
            streets,
            street,
            heritage,
            HeritageSitePageFactory(parent=heritage),
            offices,
            office,
            MapPageFactory(parent=home),
        ]

    def test_every_kind_is_routable_and_renderable(self):
        kinds = {type(page).__name__ for page in self.pages}
        self.assertEqual(len(kinds), 12)
        for page in self.pages:
            with self.subTest(kind=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
