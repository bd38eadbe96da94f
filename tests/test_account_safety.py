"""Account safety in the admin: strong passwords, sign-in limits per account and per address,
sessions that end — all in Vietnamese (cms/accounts.py)."""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from cms.accounts import LettersAndDigitsValidator, client_address
from tests.test_settings import production_env, run_python

pytestmark = pytest.mark.django_db

PASSWORD = "sao-vang-2025"
SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
# A Monday morning in the office, so the time the lockout page promises is easy to read.
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=SAIGON)
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.20"
LOCKED_TEXT = "Tạm khóa đăng nhập"


@pytest.fixture(autouse=True)
def login_attempts(settings):
    """Each test counts failures in a memory cache of its own: nothing leaks between tests, and
    nothing is written to the project's var/login-attempts."""
    settings.CACHES = {
        **settings.CACHES,
        "login_attempts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"login-attempts-{uuid.uuid4()}",
        },
    }
    yield
    caches["login_attempts"].clear()


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="bientap", email="bientap@example.vn", password=PASSWORD
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


def sign_in(username, password, address=OFFICE, client=None, url=None, **headers):
    client = client or Client()
    return client.post(
        url or reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(times, username="bientap", address=ATTACKER, **headers):
    return [sign_in(username, "doan-sai-1", address, **headers) for _ in range(times)]


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def page_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return (soup.find("main") or soup).get_text(" ", strip=True)


# --- Passwords -------------------------------------------------------------------------------


def account_form(client):
    """Every field of Wagtail's account page as it is shown, so a post changes only the password."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    data = {}
    for field in soup.select("form input[name], form select[name], form textarea[name]"):
        if field.get("type") in ("file", "submit"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        else:
            data[field["name"]] = field.get("value", "")
    data.update({"name_email-first_name": "Lan", "name_email-last_name": "Nguyễn"})
    return data


def change_password(client, new_password):
    data = account_form(client)
    data.update(
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        }
    )
    return client.post(reverse("wagtailadmin_account"), data)


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in soup.select(".error-message"))


@pytest.mark.parametrize(
    ("password", "vietnamese_error"),
    [
        ("chuoichucaidai", "cần có cả chữ cái và chữ số"),
        ("2025202520", "hoàn toàn là số"),
        ("hoa-2025", "Mật khẩu này quá ngắn: cần có ít nhất 10 ký tự"),
        ("password123", "quá phổ biến"),
        ("bientap2025", "quá giống"),
    ],
)
def test_wagtails_password_change_refuses_a_weak_password_in_vietnamese(
    client, editor, password, vietnamese_error
):
    client.force_login(editor)
    response = change_password(client, password)
    assert response.status_code == 200
    assert vietnamese_error in field_errors(response)
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["sen-hong-2026", "hoa sen no giua dam lay"])
def test_wagtails_password_change_accepts_letters_with_digits_or_a_long_passphrase(
    client, editor, password
):
    client.force_login(editor)
    response = change_password(client, password)
    assert response.status_code == 302, field_errors(response)
    editor.refresh_from_db()
    assert editor.check_password(password)


def test_wagtails_new_user_form_states_the_rules_and_refuses_a_weak_password(
    admin_client, django_user_model
):
    form = admin_client.get(reverse("wagtailusers_users:add"))
    assert "phải có cả chữ cái và chữ số" in page_text(form)

    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "doanvien",
            "email": "doanvien@example.vn",
            "first_name": "Minh",
            "last_name": "Trần",
            "password1": "chuoichucaidai",
            "password2": "chuoichucaidai",
        },
    )
    assert response.status_code == 200
    assert "cần có cả chữ cái và chữ số" in field_errors(response)
    assert not django_user_model.objects.filter(username="doanvien").exists()


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("abc123", True),  # length is another validator's business
        ("chỉcóchữ", False),
        ("Đoàn2026", True),  # Vietnamese letters are letters
        ("1234567890", False),
        ("!!!---???", False),
        ("mot cum tu dai du", True),  # 17 characters: a passphrase
        ("cum tu ngan hon", False),  # 15 characters: not yet
    ],
)
def test_letters_and_digits_rule(password, accepted):
    validator = LettersAndDigitsValidator(passphrase_length=16)
    if accepted:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError) as refused:
            validator.validate(password)
        assert refused.value.code == "password_needs_letters_and_digits"


# --- Sign-in limits --------------------------------------------------------------------------


def test_a_wrong_password_is_answered_in_vietnamese(editor):
    response = sign_in("bientap", "doan-sai-1")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page_text(response)


def test_the_sixth_attempt_on_an_account_is_refused_even_with_the_right_password(editor, clock):
    responses = fail(5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]

    from_the_same_address = sign_in("bientap", PASSWORD, ATTACKER)
    from_the_office = sign_in("bientap", PASSWORD, OFFICE)

    for response in (from_the_same_address, from_the_office):
        assert response.status_code == 429
        assert LOCKED_TEXT in page_text(response)
        assert not signed_in(response)


def test_the_lockout_page_is_in_vietnamese_and_says_when_to_try_again(editor, clock):
    response = fail(5)[-1]
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    text = page_text(response)
    assert LOCKED_TEXT in text
    assert "quá nhiều lần đăng nhập không thành công" in text
    assert "Vui lòng thử lại sau 15 phút, tức là từ 09:15 trở đi." in text


def test_the_lockout_tells_nothing_about_whether_the_account_exists(editor, clock):
    existing = fail(5, username="bientap")[-1]
    made_up = fail(5, username="khong-co-ai")[-1]
    assert existing.status_code == made_up.status_code == 429
    assert page_text(existing) == page_text(made_up)


def test_twenty_failures_from_one_address_lock_it_for_every_account(editor, clock):
    # Four guesses at each of five accounts: no account reaches its own limit.
    for name in ["an", "binh", "chi", "dung", "giang"]:
        fail(4, username=name)

    assert sign_in("bientap", PASSWORD, ATTACKER).status_code == 429
    assert signed_in(sign_in("bientap", PASSWORD, OFFICE))


def test_a_successful_sign_in_forgets_the_accounts_failures(editor, clock):
    fail(4)
    assert signed_in(sign_in("bientap", PASSWORD))
    assert [r.status_code for r in fail(4)] == [200] * 4
    assert signed_in(sign_in("bientap", PASSWORD))


def test_a_successful_sign_in_does_not_forget_the_addresss_failures(editor, clock):
    for name in ["an", "binh", "chi", "dung"]:
        fail(4, username=name)
    fail(3, username="giang")
    # The guesser signs in to an account of their own from the same address…
    assert signed_in(sign_in("bientap", PASSWORD, ATTACKER))
    # …which does not give that address twenty more guesses.
    assert fail(1, username="hoa")[0].status_code == 429


def test_the_lock_ends_after_the_lockout_period(editor, clock):
    fail(5)
    clock.shift(timedelta(minutes=14, seconds=59))
    assert sign_in("bientap", PASSWORD).status_code == 429
    clock.shift(timedelta(seconds=2))
    assert signed_in(sign_in("bientap", PASSWORD))


def test_failures_older_than_the_window_no_longer_count(editor, clock):
    fail(4)
    clock.shift(timedelta(minutes=16))
    assert [r.status_code for r in fail(4)] == [200] * 4
    assert signed_in(sign_in("bientap", PASSWORD))


def test_the_django_admin_login_is_limited_too(editor, clock):
    url = reverse("admin:login")
    for _ in range(5):
        sign_in("bientap", "doan-sai-1", ATTACKER, url=url)
    response = sign_in("bientap", PASSWORD, OFFICE, url=url)
    assert response.status_code == 429
    assert LOCKED_TEXT in page_text(response)


def test_x_forwarded_for_is_not_trusted_by_default(editor, clock):
    # Each guess claims another address; all come from one connection and count together.
    for n in range(20):
        sign_in(f"user{n}", "doan-sai-1", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = sign_in("bientap", PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


def test_behind_a_declared_proxy_each_visitor_is_counted_by_their_own_address(
    editor, clock, settings
):
    settings.SOHOA_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for n in range(20):
        sign_in(f"user{n}", "doan-sai-1", proxy, HTTP_X_FORWARDED_FOR=ATTACKER)

    # The guesser stays locked, even writing an address of their choice in front…
    spoofed = f"192.0.2.9, {ATTACKER}"
    assert sign_in("bientap", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    # …while an office behind the same proxy signs in.
    assert signed_in(sign_in("bientap", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=OFFICE))


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "counted_as"),
    [
        ("203.0.113.5", "", 0, "203.0.113.5"),
        ("203.0.113.5", "192.0.2.1", 0, "203.0.113.5"),
        ("10.0.0.2", "192.0.2.1", 1, "192.0.2.1"),
        ("10.0.0.2", "6.6.6.6, 192.0.2.1", 1, "192.0.2.1"),
        ("10.0.0.3", "192.0.2.1, 10.0.0.2", 2, "192.0.2.1"),
        # One subscriber's whole IPv6 /64 is one address.
        ("2001:db8:1:2:aaaa::1", "", 0, "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.5", "", 0, "203.0.113.5"),
    ],
)
def test_client_address(settings, remote, forwarded, proxies, counted_as):
    settings.SOHOA_TRUSTED_PROXIES = proxies
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR=remote)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(request) == counted_as


# --- Sessions --------------------------------------------------------------------------------


def admin_home(client):
    return client.get(reverse("wagtailadmin_home"))


def test_an_idle_session_ends_after_two_hours(editor, clock):
    client = Client()
    assert signed_in(sign_in("bientap", PASSWORD, client=client))
    clock.shift(timedelta(hours=1, minutes=59))
    assert admin_home(client).status_code == 200
    # Activity moved the clock on: another 1 h 59 min is still within reach.
    clock.shift(timedelta(hours=1, minutes=59))
    assert admin_home(client).status_code == 200

    clock.shift(timedelta(hours=2, minutes=1))
    response = admin_home(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    login_page = client.get(response["Location"])
    assert "được đăng xuất vì không thao tác" in page_text(login_page)
    assert admin_home(client).status_code == 302


def test_a_session_ends_eight_hours_after_sign_in_however_busy(editor, clock):
    client = Client()
    assert signed_in(sign_in("bientap", PASSWORD, client=client))
    for _ in range(5):
        clock.shift(timedelta(minutes=90))
        assert admin_home(client).status_code == 200
    clock.shift(timedelta(minutes=31))  # 8 h 1 min after signing in
    response = admin_home(client)
    assert response.status_code == 302
    assert "Phiên làm việc đã kết thúc" in page_text(client.get(response["Location"]))


def test_changing_the_password_keeps_the_session_but_does_not_lengthen_it(editor, clock):
    client = Client()
    assert signed_in(sign_in("bientap", PASSWORD, client=client))
    for _ in range(4):
        clock.shift(timedelta(minutes=105))
        assert admin_home(client).status_code == 200
    assert change_password(client, "sen-hong-2026").status_code == 302  # at 7 h
    assert admin_home(client).status_code == 200
    clock.shift(timedelta(minutes=61))  # 8 h 1 min after signing in
    assert admin_home(client).status_code == 302


@pytest.mark.parametrize("login_url", ["wagtailadmin_login", "admin:login"])
def test_the_session_cookie_ends_when_the_browser_closes(superuser, login_url):
    response = sign_in("quantri", "mat-khau-thu-nghiem", url=reverse(login_url))
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_anonymous_public_page_views_set_no_cookie(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "sessionid" not in client.cookies


def test_production_keeps_secure_cookies_and_reads_the_limits_from_the_environment(tmp_path):
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SESSION_COOKIE_AGE",
        "SOHOA_SESSION_IDLE_SECONDS",
        "SOHOA_LOGIN_ACCOUNT_FAILURES",
        "SOHOA_LOGIN_ADDRESS_FAILURES",
        "SOHOA_LOGIN_LOCKOUT_SECONDS",
        "SOHOA_TRUSTED_PROXIES",
    ]
    env = production_env(
        tmp_path,
        SOHOA_SESSION_HOURS="4",
        SOHOA_SESSION_IDLE_MINUTES="30",
        SOHOA_LOGIN_ACCOUNT_FAILURES="3",
        SOHOA_LOGIN_LOCKOUT_MINUTES="30",
        SOHOA_TRUSTED_PROXIES="1",
    )
    code = f"import cms.settings.production as s; print(*(getattr(s, n) for n in {names!r}))"
    result = run_python(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "True", "True", "True", "14400", "1800", "3", "20", "1800", "1"
    ]  # fmt: skip
