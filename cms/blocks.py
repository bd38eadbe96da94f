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
        ("co_quan", _("Cơ quan")),
        ("truong_hoc", _("Trường học")),
        ("cho", _("Chợ")),
        ("nha_hang", _("Nhà hàng")),
        ("cua_hang", _("Cửa hàng")),
        ("khach_san", _("Khách sạn")),
        ("di_tich", _("Di tích")),
        ("y_te", _("Cơ sở y tế")),
        ("khac", _("Khác")),
    ]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image.html"


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(
        label=_("Năm"), help_text=_("Năm diễn ra sự kiện, ví dụ 1975."), validators=[validate_year]
    )
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=255)
    text = blocks.RichTextBlock(
        label=_("Nội dung"), required=False, features=["bold", "italic", "link"]
    )
    image = ImageChooserBlock(label=_("Ảnh"), required=False)

    class Meta:
        icon = "date"
        label = _("Mốc lịch sử")
        template = "blocks/timeline_event.html"
        preview_value = {"year": 1975, "title": "Ngày thành lập trường"}
        description = _("Một mốc trên dòng thời gian: năm, tiêu đề, nội dung và ảnh.")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề bộ ảnh"), required=False, max_length=255)
    images = blocks.ListBlock(ImageWithCaptionBlock(), label=_("Các ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ sưu tập ảnh")
        template = "blocks/gallery.html"
        description = _("Nhiều ảnh hiển thị thành lưới.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Đường dẫn video"),
        help_text=_("Dán đường dẫn YouTube, Facebook hoặc Vimeo của video."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói / nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"
        preview_value = {
            "quote": (
                "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì phải trồng người."
            ),
            "attribution": "Hồ Chí Minh",
        }


class PlaceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Tên địa điểm"), max_length=255)
    category = blocks.ChoiceBlock(
        choices=PlaceCategory.CHOICES, label=_("Loại địa điểm"), default="khac"
    )
    address = blocks.CharBlock(label=_("Địa chỉ"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("Điện thoại"), required=False, max_length=32)
    location = blocks.CharBlock(
        label=_("Toạ độ"),
        required=False,
        max_length=100,
        help_text=_("Vĩ độ, kinh độ, ví dụ 10.7769, 106.7009 (có thể bỏ trống)."),
    )
    note = blocks.TextBlock(label=_("Ghi chú"), required=False)

    class Meta:
        icon = "site"
        label = _("Địa điểm")
        template = "blocks/place.html"
        preview_value = {"name": "Chợ Bến Thành", "category": "cho", "address": "Quận 1"}

    def clean(self, value):
        value = super().clean(value)
        return _validated(
            value,
            {"phone": validate_vietnamese_phone, "location": validate_location_in_vietnam},
        )


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Họ và tên"), max_length=255)
    role = blocks.CharBlock(label=_("Chức vụ / vai trò"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("Điện thoại"), required=False, max_length=32)
    photo = ImageChooserBlock(label=_("Ảnh"), required=False)
    bio = blocks.TextBlock(label=_("Giới thiệu ngắn"), required=False)

    class Meta:
        icon = "user"
        label = _("Nhân vật / cán bộ")
        template = "blocks/person.html"
        preview_value = {"name": "Nguyễn Văn A", "role": "Bí thư chi đoàn"}

    def clean(self, value):
        value = super().clean(value)
        return _validated(value, {"phone": validate_vietnamese_phone})


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Mục"), max_length=100)
    value = blocks.CharBlock(label=_("Giá trị"), max_length=255)

    class Meta:
        icon = "list-ul"
        label = _("Dòng thông tin")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=255)
    facts = blocks.ListBlock(FactBlock(), label=_("Các dòng"), min_num=1)

    class Meta:
        icon = "info-circle"
        label = _("Hộp thông tin")
        template = "blocks/fact_box.html"
        preview_value = {
            "title": "Thông tin nhanh",
            "facts": [{"label": "Năm thành lập", "value": "1975"}],
        }


class BodyBlock(blocks.StreamBlock):
    """The shared narrative: every page kind's body uses these blocks."""

    heading = blocks.CharBlock(
        label=_("Tiêu đề mục"), form_classname="title", icon="title", template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
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
    page = blocks.PageChooserBlock(label=_("Trang liên quan"))


class PeopleBlock(blocks.StreamBlock):
    person = PersonBlock()
