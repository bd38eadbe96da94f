"""Shared factories: images and documents in the root collection, and page slugs that never clash.

Every app's ``tests/factories.py`` builds on these. The random seed is fixed so that Faker's
data are the same on every run and every worker.
"""

import factory
import factory.random
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.models import Collection

factory.random.reseed_random("sohoa")


def root_collection():
    # wagtail_factories' default CollectionFactory(parent=None) would add a second root
    # collection, which Wagtail's admin does not expect.
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
