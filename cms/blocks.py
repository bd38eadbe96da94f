"""The one set of StreamField blocks every page kind shares.

Each block carries its own template, icon, Vietnamese label and a preview value for the
editor's block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.geo import validate_location_in_vietnam
from cms.validators import validate_vietnamese_phone, validate_year


def _validated(block_value, field_validators):
    """Run plain validators on StructBlock children, collecting Vietnamese errors per field."""
    errors = {}
    for name, validator in field_validators.items():
        try:
            validator(block_value.get(name))
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise StructBlockValidationError(block_errors=errors)
    return block_value


RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]


class PlaceCategory:
    CHOICES = [
        ("co_quan", _("Public office")),
        ("truong_hoc", _("School")),
        ("cho", _("Market")),
        ("nha_hang", _("Restaurant")),
        ("cua_hang", _("Shop")),
        ("khach_san", _("Hotel")),
        ("di_tich", _("Heritage site")),
        ("y_te", _("Health facility")),
        ("khac", _("Other")),
    ]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(
        label=_("Year"),
        help_text=_("The year of the event, for example 1975."),
        validators=[validate_year],
    )
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text = blocks.RichTextBlock(
        label=_("Content"), required=False, features=["bold", "italic", "link"]
    )
    image = ImageChooserBlock(label=_("Image"), required=False)

    class Meta:
        icon = "date"
        label = _("Timeline event")
        template = "blocks/timeline_event.html"
        preview_value = {"year": 1975, "title": "Ngày thành lập trường"}
        description = _("One point on a timeline: year, title, text and image.")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Gallery title"), required=False, max_length=255)
    images = blocks.ListBlock(ImageWithCaptionBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery.html"
        description = _("Several images shown as a grid.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video link"),
        help_text=_("Paste the YouTube, Facebook or Vimeo link of the video."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Speaker / source"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {
            "quote": (
                "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì phải trồng người."
            ),
            "attribution": "Hồ Chí Minh",
        }


class PlaceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Place name"), max_length=255)
    category = blocks.ChoiceBlock(
        choices=PlaceCategory.CHOICES, label=_("Kind of place"), default="khac"
    )
    address = blocks.CharBlock(label=_("Address"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=32)
    location = blocks.CharBlock(
        label=_("Coordinates"),
        required=False,
        max_length=100,
        help_text=_("Latitude, longitude, for example 10.7769, 106.7009 (may be left empty)."),
    )
    note = blocks.TextBlock(label=_("Note"), required=False)

    class Meta:
        icon = "site"
        label = _("Place")
        template = "blocks/place.html"
        preview_value = {"name": "Chợ Bến Thành", "category": "cho", "address": "Quận 1"}

    def clean(self, value):
        value = super().clean(value)
        return _validated(
            value,
            {"phone": validate_vietnamese_phone, "location": validate_location_in_vietnam},
        )


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Full name"), max_length=255)
    role = blocks.CharBlock(label=_("Position / role"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=32)
    photo = ImageChooserBlock(label=_("Image"), required=False)
    bio = blocks.TextBlock(label=_("Short introduction"), required=False)

    class Meta:
        icon = "user"
        label = _("Person / officer")
        template = "blocks/person.html"
        preview_value = {"name": "Nguyễn Văn A", "role": "Bí thư chi đoàn"}

    def clean(self, value):
        value = super().clean(value)
        return _validated(value, {"phone": validate_vietnamese_phone})


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=100)
    value = blocks.CharBlock(label=_("Value"), max_length=255)

    class Meta:
        icon = "list-ul"
        label = _("Fact")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=255)
    facts = blocks.ListBlock(FactBlock(), label=_("Facts"), min_num=1)

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "blocks/fact_box.html"
        preview_value = {
            "title": "Thông tin nhanh",
            "facts": [{"label": "Năm thành lập", "value": "1975"}],
        }


class BodyBlock(blocks.StreamBlock):
    """The shared narrative: every page kind's body uses these blocks."""

    heading = blocks.CharBlock(
        label=_("Section heading"),
        form_classname="title",
        icon="title",
        template="blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock()
    timeline_event = TimelineEventBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    place = PlaceBlock()
    person = PersonBlock()
    fact_box = FactBoxBlock()

    class Meta:
        block_counts = {}


class TimelineBlock(blocks.StreamBlock):
    """A history told as dated events."""

    event = TimelineEventBlock()


class GalleryImagesBlock(blocks.StreamBlock):
    image = ImageWithCaptionBlock()


class VideosBlock(blocks.StreamBlock):
    video = VideoBlock()


class RelatedPagesBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label=_("Related page"))


class PeopleBlock(blocks.StreamBlock):
    person = PersonBlock()
