"""The Wagtail admin's Vietnamese follows our glossary (locale/GLOSSARY.md).

Every message of the installed Wagtail apps' English catalogues that contains a glossary term
must be shown (what `gettext` returns with Vietnamese active: our catalogues first, then
Wagtail's and Django's own) with the glossary's Vietnamese for it. Wagtail's own Vietnamese
catalogue says "Trang tổng quan", "Thu hồi xuất bản", "văn bản", "luồng công việc"...; when a
Wagtail upgrade brings such a message back, this test names it: translate it in
cms/admin_locale/vi/LC_MESSAGES/ (django.po, or djangojs.po for the JavaScript messages).
"""

import ast
import re
import unicodedata
from functools import cache
from pathlib import Path

from django.apps import apps
from django.utils.translation import trans_real
from django.views.i18n import JavaScriptCatalog

# English (a regular expression, matched case-insensitively on whole words of the message, with
# its placeholders and HTML tags removed) → the Vietnamese the translation must contain.
TERMS = {
    "dashboard": (r"dashboards?", "bảng điều khiển"),
    "collection": (r"collections?", "bộ sưu tập"),
    "document": (r"documents?", "tài liệu"),
    # A "workflow task" is a "bước duyệt" (the glossary's "task"), without "quy trình".
    "workflow": (r"workflows?(?! tasks?\b)", "quy trình"),
    "unpublish": (r"unpublish(?:es|ed|ing)?", "huỷ xuất bản"),
    # "Submitted for approval" is "gửi duyệt" (next term); an "approval task" is a "bước duyệt".
    "approve": (
        r"(?<!submitted for )(?<!submit for )approv(?:e|es|ed|ing|al|als)(?! tasks?\b)",
        "phê duyệt",
    ),
    "submit for approval": (r"submit(?:s|ted|ting)? for (?:approval|moderation)", "gửi duyệt"),
    "reject": (r"reject(?:s|ed|ing|ion)?", "từ chối"),
    "snippet": (r"snippets?", "mục dùng chung"),
    "locale": (r"locales?", "ngôn ngữ"),
    "upload": (r"upload(?:s|ed|ing)?", "tải lên"),
    "draft": (r"drafts?", "bản nháp"),
    "revision": (r"revisions?", "phiên bản"),
    "preview": (r"preview(?:s|ed|ing)?", "xem trước"),
    "moderator": (r"moderators?", "kiểm duyệt viên"),
    "permission": (r"permissions?", "quyền"),
    "user": (r"users?", "người dùng"),
    "setting": (r"settings?", "cài đặt"),
}

# (term, msgid) whose Vietnamese rightly goes without the term, each reviewed: the reason.
EXCEPTIONS = {
    # "Unpublished" as an adjective is "not yet published" ("chưa xuất bản"), not the action
    # "huỷ xuất bản".
    ("unpublish", "has unpublished changes"): "có thay đổi chưa xuất bản",
    ("unpublish", "This page has one unpublished subpage"): "trang con chưa xuất bản",
    # The log of a scheduled unpublish (the page's expiry): no draft is involved, whatever the
    # English says; "Huỷ xuất bản theo lịch hẹn" says what happened.
    ("draft", "Unpublish scheduled draft"): "huỷ xuất bản theo lịch hẹn",
    ("draft", "Unpublished scheduled draft"): "đã huỷ xuất bản theo lịch hẹn",
    # "A user searching" the site is a visitor, not an account of the admin: "người tìm".
    (
        "user",
        "<p>Promoted search results are a means of recommending specific pages or external "
        "links that might not organically come high up in search results. E.g recommending "
        "your primary donation page to a user searching with the less common term "
        '"<em>giving</em>".</p>',
    ): "người tìm",
}


TONES = "[\u0300\u0301\u0303\u0309\u0323]"  # grave, acute, tilde, hook above, dot below


def tone_on_second_vowel(match):
    first, tone, second = (group for group in match.groups() if group is not None)
    return first + second + tone


def normalise(text):
    """NFC, lower case, and one spelling of the tone marks that Vietnamese writes in two places
    ("xoá"/"xóa", "huỷ"/"hủy"): the glossary's, the mark on the second vowel."""
    text = unicodedata.normalize("NFC", text).lower()
    text = unicodedata.normalize("NFD", text)
    # A tone mark written on the "o" of "oa"/"oe" or the "u" of "uy" moves to the next vowel
    # ("của", "mua" keep theirs: there the "u" is the main vowel).
    text = re.sub(rf"(o)({TONES})([ae])|(u)({TONES})(y)", tone_on_second_vowel, text)
    return unicodedata.normalize("NFC", text)


def po_entries(path):
    """(msgctxt, msgid, msgid_plural) of each message of a .po file."""
    entries, entry, field = [], {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        keyword, _, value = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and "msgid" in entry):
            entries.append(entry)
            entry = {}
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            entry[keyword], field = ast.literal_eval(value), keyword
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        else:
            field = None
    entries.append(entry)
    return [
        (e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in entries if e.get("msgid")
    ]


@cache
def english_messages():
    """{domain: {(msgctxt, msgid, msgid_plural)}} of the installed Wagtail apps."""
    messages = {"django": set(), "djangojs": set()}
    for config in apps.get_app_configs():
        if config.name.split(".")[0] != "wagtail":
            continue
        for domain, found in messages.items():
            po = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                found.update(po_entries(po))
    return messages


def translations():
    """The Vietnamese the admin shows, per domain: Django's merged catalogue for templates and
    Python, the admin's JavaScript catalogue (wagtail.admin's jsi18n view) for its scripts."""
    javascript = JavaScriptCatalog()
    javascript.domain = "djangojs"
    return {
        "django": trans_real.translation("vi"),
        "djangojs": trans_real.DjangoTranslation(
            "vi", domain="djangojs", localedirs=javascript.get_paths({"wagtail.admin"})
        ),
    }


def translate(catalogue, context, msgid, plural):
    if plural:
        if context:
            return catalogue.npgettext(context, msgid, plural, 1)
        return catalogue.ngettext(msgid, plural, 1)
    return catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)


def words_of(message):
    """A message without its placeholders and HTML tags (no glossary term hides in them)."""
    return re.sub(r"%\(\w+\)[a-z]|%[a-z]|\{\w*\}|<[^>]+>", " ", message)


def glossary_violations(messages=None, terms=TERMS):
    """What goes against the glossary among {domain: messages} (Wagtail's by default)."""
    found = []
    catalogues = translations()
    for domain, domain_messages in (messages or english_messages()).items():
        for context, msgid, plural in sorted(domain_messages, key=lambda m: (m[1], m[0] or "")):
            english = words_of(msgid + " " + (plural or ""))
            vietnamese = None
            for term, (pattern, required) in terms.items():
                if not re.search(rf"\b{pattern}\b", english, re.IGNORECASE):
                    continue
                if (term, msgid) in EXCEPTIONS:
                    continue
                if vietnamese is None:
                    vietnamese = normalise(translate(catalogues[domain], context, msgid, plural))
                if normalise(required) not in vietnamese:
                    found.append(f"{domain} [{term} → {required}] {msgid!r} → {vietnamese!r}")
    return found


def test_every_exception_is_a_message_of_wagtail():
    """An exception whose message Wagtail dropped or reworded is reviewed again, or removed."""
    msgids = {msgid for messages in english_messages().values() for _c, msgid, _p in messages}
    assert [msgid for _term, msgid in EXCEPTIONS if msgid not in msgids] == []


def test_the_admin_says_what_the_glossary_says():
    violations = glossary_violations()
    assert not violations, f"{len(violations)} messages against the glossary:\n" + "\n".join(
        violations
    )


def test_the_account_forms_of_django_say_user_and_permission_as_the_glossary_does():
    """The admin's user and group forms show Django's own words (the User model's fields and
    help texts, "users", "permissions"): Django's Vietnamese says "người sử dụng", "cho phép"."""
    auth = apps.get_app_config("auth")
    messages = {"django": po_entries(Path(auth.path) / "locale/en/LC_MESSAGES/django.po")}
    terms = {term: TERMS[term] for term in ("user", "permission", "upload")}
    violations = glossary_violations(messages, terms)
    assert not violations, "\n".join(violations)
