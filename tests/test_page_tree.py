"""Every page kind can be created only where it makes sense in the tree."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from heritage.models import (
    HeritageIndexPage,
    HeritageSitePage,
    NeighbourhoodOfficePage,
    OfficeIndexPage,
    StreetIndexPage,
    StreetPage,
)
from home.models import HomePage, MapPage, SchoolIndexPage, SchoolPage, UnitPage
from library.models import BookPage, LibraryPage

SECTIONS = {SchoolIndexPage, StreetIndexPage, HeritageIndexPage, OfficeIndexPage, MapPage}
# A district or ward (UnitPage) has the same sections as the province, without its own map.
UNIT_HOMES = {HomePage, UnitPage}

# kind: (its only allowed parents, its only allowed children)
TREE = {
    HomePage: ({Page}, SECTIONS | {LibraryPage, UnitPage}),
    UnitPage: (UNIT_HOMES, (SECTIONS - {MapPage}) | {LibraryPage, UnitPage}),
    SchoolIndexPage: (UNIT_HOMES, {SchoolPage}),
    SchoolPage: ({SchoolIndexPage}, {LibraryPage}),
    LibraryPage: (UNIT_HOMES | {SchoolPage}, {BookPage}),
    BookPage: ({LibraryPage}, set()),
    StreetIndexPage: (UNIT_HOMES, {StreetPage}),
    StreetPage: ({StreetIndexPage}, set()),
    HeritageIndexPage: (UNIT_HOMES, {HeritageSitePage}),
    HeritageSitePage: ({HeritageIndexPage}, set()),
    OfficeIndexPage: (UNIT_HOMES, {NeighbourhoodOfficePage}),
    NeighbourhoodOfficePage: ({OfficeIndexPage}, set()),
    MapPage: ({HomePage}, set()),
}
SOHOA_KINDS = sorted(TREE, key=lambda model: model.__name__)


def kind_id(model):
    return model.__name__


def test_the_tree_table_covers_every_sohoa_page_kind():
    sohoa_models = {
        model
        for model in get_page_models()
        if model._meta.app_label in {"home", "library", "heritage"}
    }
    assert sohoa_models == set(TREE)


class TestPageTree(WagtailPageTestCase):
    def test_each_kind_has_exactly_its_allowed_parents(self):
        for child, (parents, _children) in TREE.items():
            with self.subTest(kind=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)

    def test_each_kind_has_exactly_its_allowed_subpages(self):
        for parent, (_parents, children) in TREE.items():
            with self.subTest(kind=parent.__name__):
                self.assertAllowedSubpageTypes(parent, children)

    def test_each_kind_can_be_created_under_each_allowed_parent_and_nowhere_else(self):
        candidates = [Page, *SOHOA_KINDS]
        for child, (parents, _children) in TREE.items():
            for parent in candidates:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    if parent in parents:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_a_library_can_belong_to_a_school_or_directly_to_a_unit(self):
        self.assertCanCreateAt(SchoolPage, LibraryPage)
        self.assertCanCreateAt(HomePage, LibraryPage)
        self.assertCanNotCreateAt(SchoolIndexPage, LibraryPage)

    def test_a_book_lives_only_in_a_library(self):
        self.assertAllowedParentPageTypes(BookPage, {LibraryPage})
        for parent in (HomePage, SchoolPage, SchoolIndexPage, StreetPage, Page):
            self.assertCanNotCreateAt(parent, BookPage)


@pytest.mark.parametrize("kind", SOHOA_KINDS, ids=kind_id)
def test_each_kind_declares_both_parent_and_subpage_types(kind):
    # Conventions: "set both parent_page_types and subpage_types on every page".
    assert "parent_page_types" in vars(kind) or any(
        "parent_page_types" in vars(base) for base in kind.__mro__[1:] if base is not Page
    )
    assert "subpage_types" in vars(kind) or any(
        "subpage_types" in vars(base) for base in kind.__mro__[1:] if base is not Page
    )
