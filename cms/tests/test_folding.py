import unicodedata

import pytest

from cms.folding import fold


def reference_fold(text):
    """The slow, obviously right definition fold() must agree with."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậ dđ eèẻẽéẹêềểễếệ iìỉĩíị oòỏõóọôồổỗốộơờởỡớợ uùủũúụưừửữứự yỳỷỹýỵ"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường Hoàng Hoa Thám", "duong hoang hoa tham"),
        ("ĐỊA ĐẠO CỦ CHI", "dia dao cu chi"),
        ("Dế Mèn phiêu lưu ký", "de men phieu luu ky"),
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold_table(text, folded):
    assert fold(text) == folded


def test_fold_agrees_with_the_reference_on_every_vietnamese_letter_in_both_cases():
    for text in (VIETNAMESE, VIETNAMESE.upper()):
        assert fold(text) == reference_fold(text)


def test_decomposed_input_folds_like_precomposed():
    text = "Đường Hoàng Hoa Thám"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "duong hoang hoa tham"
