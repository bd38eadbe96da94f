"""Shared factories: images and documents in the root collection, and page slugs that never clash.

Every app's ``tests/factories.py`` builds on these. The random seed is fixed so that Faker's
data are the same on every run and every worker.
"""

import factory
import factory.random
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

factory.random.reseed_random("sohoa")


def ensure_wagtail_roots():
    """The default locale, root page and root collection that Wagtail's migrations create.

    A transactional test (a browser test against the live server) ends with a flush that
    removes them, and a later test in the same worker would otherwise find an empty tree.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node()


def root_collection():
    # wagtail_factories' default CollectionFactory(parent=None) would add a second root
    # collection, which Wagtail's admin does not expect.
    ensure_wagtail_roots()
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh {n}")
    collection = factory.LazyFunction(root_collection)


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Tài liệu {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(lambda o: ContentFile(b"%PDF-1.4\n%%EOF\n", name="sach.pdf"))


class BasePageFactory(wagtail_factories.PageFactory):
    """A live page whose slug is derived from its title and unique among its siblings."""

    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title) or 'trang'}-{n}")
    summary = factory.Faker("sentence", locale="vi_VN")

    class Meta:
        abstract = True
