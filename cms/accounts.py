"""Account safety for the admin: password rules, sign-in limits and sessions that end.

- `LettersAndDigitsValidator` and `MinimumLengthValidator` join Django's validators in
  AUTH_PASSWORD_VALIDATORS, which Wagtail's password change and user create/edit forms run.
- `RateLimitedModelBackend` replaces Django's ModelBackend: it counts failed sign-ins per account
  and per client address, refuses every attempt (even a right password) while either is locked,
  and forgets an account's failures when it signs in. Being a backend, it guards every login view
  that calls `authenticate(request, …)`: Wagtail's /admin/login/ and Django's /django-admin/.
- `LoginLockoutMiddleware` answers a locked attempt with a page that says when to try again.
- `SessionTimeoutMiddleware` ends signed-in sessions after SESSION_COOKIE_AGE and after
  SOHOA_SESSION_IDLE_SECONDS without a request.

django-axes was considered and not used: it applies one failure limit to all its lockout
parameters (it takes the highest count of account and address), so "5 per account, 20 per
address" cannot be said, and its reset on success also clears the address's failures, so an
attacker who owns one account could wipe the count of the address they guess from.
"""

import hashlib
import ipaddress
import logging
import math
import time
from datetime import UTC, datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout, password_validation
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The cache alias (cms/settings/base.py) holding failed sign-ins and locks. It must be shared by
# every worker process of the site, or each process would allow its own five guesses.
LOGIN_ATTEMPTS_CACHE = "login_attempts"
# Set on the request by the backend; read by LoginLockoutMiddleware.
LOCKED_UNTIL_ATTRIBUTE = "sohoa_login_locked_until"


# --- Passwords -------------------------------------------------------------------------------


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with an error message of our own catalogue: Django 5.2 changed this msgid
    (to "%d") and its Vietnamese catalogue still has only the old one, so "too short" showed
    in English."""

    def get_error_message(self):
        return ngettext(
            "This password is too short: it must contain at least %(min_length)d character.",
            "This password is too short: it must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class LettersAndDigitsValidator:
    """Refuse a password that lacks either a letter or a digit, unless it is a long passphrase.

    A passphrase of several plain words ("hoa sen no giua dam lay") is strong through its length,
    so from `passphrase_length` characters on it needs no digit. Letters are any alphabet's,
    Vietnamese letters with diacritics included.
    """

    def __init__(self, passphrase_length=16):
        self.passphrase_length = passphrase_length

    def validate(self, password, user=None):
        if len(password) >= self.passphrase_length:
            return
        has_letter = any(character.isalpha() for character in password)
        has_digit = any(character.isdecimal() for character in password)
        if not (has_letter and has_digit):
            raise ValidationError(
                _(
                    "This password needs both letters and digits, unless it is a passphrase of "
                    "at least %(length)d characters."
                ),
                code="password_needs_letters_and_digits",
                params={"length": self.passphrase_length},
            )

    def get_help_text(self):
        return gettext(
            "Your password must contain both letters and digits, or be a passphrase of at "
            "least %(length)d characters."
        ) % {"length": self.passphrase_length}


# --- Where a request comes from --------------------------------------------------------------

_warned_about_untrusted_proxy = False


def client_address(request):
    """The address a sign-in is counted against.

    REMOTE_ADDR unless SOHOA_TRUSTED_PROXIES says how many reverse proxies stand in front of the
    site: each appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right. Entries further left are written by the client itself
    and never trusted. An IPv6 client is counted by its /64 network, since one subscriber
    usually holds a whole /64 and could otherwise take a fresh address for every guess.
    """
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.SOHOA_TRUSTED_PROXIES
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-min(proxies, len(hops))]
    elif forwarded:
        _warn_once_about_untrusted_proxy()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _warn_once_about_untrusted_proxy():
    # Behind a reverse proxy that is not declared, every visitor seems to come from the proxy,
    # and twenty failures by anyone would lock everyone out. Say so once per process.
    global _warned_about_untrusted_proxy
    if not _warned_about_untrusted_proxy:
        _warned_about_untrusted_proxy = True
        logger.warning(
            "X-Forwarded-For is ignored for sign-in limits; if the site runs behind a reverse "
            "proxy, set SOHOA_TRUSTED_PROXIES to the number of proxies."
        )


# --- Counting failures -----------------------------------------------------------------------


def _cache_key(kind, value):
    # Hashed: usernames may hold characters or lengths that cache backends refuse in keys.
    return f"login:{kind}:" + hashlib.sha256(value.encode()).hexdigest()


class LoginThrottle:
    """Failed sign-ins per account and per address over a sliding window, and their locks.

    Each counter is a list of failure times kept in the login-attempts cache; reaching its limit
    replaces the list with a lock that ends SOHOA_LOGIN_LOCKOUT_SECONDS later, so the account or
    address starts afresh once the lock is over. Every time is compared here rather than left to
    the cache's expiry, whose clock some backends round.

    Two processes recording a failure for the same key at the same instant may count it once:
    a burst of parallel guesses can get a few past the limit before the lock, never more.
    """

    def __init__(self, request, username):
        self.address = client_address(request)
        self.username = username
        self.cache = caches[LOGIN_ATTEMPTS_CACHE]
        self.window = settings.SOHOA_LOGIN_WINDOW_SECONDS
        self.lockout = settings.SOHOA_LOGIN_LOCKOUT_SECONDS
        # Case-folded: a case-insensitive user lookup must not give "Admin" five more guesses.
        self.counters = [
            (_cache_key("account", username.casefold()), settings.SOHOA_LOGIN_ACCOUNT_FAILURES),
            (_cache_key("address", self.address), settings.SOHOA_LOGIN_ADDRESS_FAILURES),
        ]

    def locked_until(self):
        """When the current lock on this account or address ends (a UTC datetime), or None."""
        now = time.time()
        locks = self.cache.get_many([f"{key}:lock" for key, _limit in self.counters]).values()
        ends = max((until for until in locks if until > now), default=None)
        return None if ends is None else datetime.fromtimestamp(ends, UTC)

    def record_failure(self):
        """Count one failure; return when the lock it caused ends, or None if none did."""
        now = time.time()
        locked = None
        for key, limit in self.counters:
            failures = [moment for moment in self.cache.get(key, []) if moment > now - self.window]
            failures.append(now)
            if len(failures) >= limit:
                self.cache.set(f"{key}:lock", now + self.lockout, self.lockout)
                self.cache.delete(key)
                locked = now + self.lockout
                self._log_lock(key, len(failures))
            else:
                self.cache.set(key, failures, self.window)
        return None if locked is None else datetime.fromtimestamp(locked, UTC)

    def forget_account_failures(self):
        """A right password: the account's failures are forgotten, the address's are not, or one
        owned account would let an attacker reset the count of the address they guess from."""
        account_key, _limit = self.counters[0]
        self.cache.delete(account_key)

    def _log_lock(self, key, failures):
        what = f"account {self.username!r}" if ":account:" in key else f"address {self.address}"
        logger.warning("Sign-in locked for %s after %d failures.", what, failures)


class RateLimitedModelBackend(ModelBackend):
    """Django's ModelBackend behind the sign-in limits of LoginThrottle.

    Without a request (`Client.login()` in tests, scripts) there is no one to limit, and it
    behaves exactly like ModelBackend. A locked attempt raises PermissionDenied, which makes
    `authenticate()` stop without asking any backend, so the password is not even checked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)

        throttle = LoginThrottle(request, username)
        locked_until = throttle.locked_until()
        if locked_until is not None:
            setattr(request, LOCKED_UNTIL_ATTRIBUTE, locked_until)
            raise PermissionDenied

        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            # Unknown accounts count exactly like known ones: the lock tells nothing.
            locked_until = throttle.record_failure()
            if locked_until is not None:
                setattr(request, LOCKED_UNTIL_ATTRIBUTE, locked_until)
        else:
            throttle.forget_account_failures()
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username, password, **kwargs)


class LoginLockoutMiddleware:
    """Answers a sign-in attempt that hit a lock with a page saying when to try again.

    The same page whether the lock is the account's or the address's and whether the account
    exists: it must not tell a guesser anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        locked_until = getattr(request, LOCKED_UNTIL_ATTRIBUTE, None)
        if locked_until is None:
            return response
        return locked_out_response(request, locked_until)


def locked_out_response(request, locked_until):
    seconds = max(1, math.ceil(locked_until.timestamp() - time.time()))
    response = render(
        request,
        "accounts/locked_out.html",
        {"retry_at": locked_until, "minutes": math.ceil(seconds / 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


# --- Sessions --------------------------------------------------------------------------------

SESSION_STARTED = "sohoa_signed_in_at"
SESSION_SEEN = "sohoa_seen_at"
# Activity is written to the session at most once a minute, not on every admin request.
ACTIVITY_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Signs out a session SESSION_COOKIE_AGE after sign-in, or after SOHOA_SESSION_IDLE_SECONDS
    without a request, whatever its cookie says.

    The cookie cannot do this alone: Wagtail's "Remember me" and every session save push its
    expiry forward. Only requests that carry a session cookie are looked at, so an anonymous
    visitor's public page neither loads nor creates a session and stays cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key_before = request.session.session_key
        if key_before and request.user.is_authenticated:
            self._end_or_touch(request)
        response = self.get_response(request)
        # Signing in gives the session a new key, and a session that was anonymous has no start
        # time yet: the clocks start now. (A password change also renews the key, but keeps the
        # start time and so does not lengthen the session.)
        if (
            request.session.session_key != key_before
            and request.user.is_authenticated
            and SESSION_STARTED not in request.session
        ):
            now = time.time()
            request.session[SESSION_STARTED] = now
            request.session[SESSION_SEEN] = now
        return response

    def _end_or_touch(self, request):
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED)
        seen = session.get(SESSION_SEEN)
        if started is None or seen is None:
            # Signed in before this middleware existed (or by force_login): count from now.
            session[SESSION_STARTED] = started or now
            session[SESSION_SEEN] = now
        elif now - started >= settings.SESSION_COOKIE_AGE:
            self._sign_out(request, _("Your session has ended. Please sign in again."))
        elif now - seen >= settings.SOHOA_SESSION_IDLE_SECONDS:
            self._sign_out(
                request,
                _("You were signed out after a period of inactivity. Please sign in again."),
            )
        elif now - seen >= ACTIVITY_RESOLUTION_SECONDS:
            session[SESSION_SEEN] = now

    @staticmethod
    def _sign_out(request, message):
        logout(request)
        messages.info(request, message, fail_silently=True)
