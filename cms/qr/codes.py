"""Short codes people can read off a plate and type back.

Codes use digits and capitals without look-alikes: no 0/O, no 1/I/L. Lookups forgive
lower case, spaces, dashes and a trailing slash.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MIN_LENGTH = 5
MAX_LENGTH = 7
# Characters that look like a code character but never appear in one.
LOOK_ALIKES = frozenset("0O1IL")
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{MIN_LENGTH},{MAX_LENGTH}}}$")


def random_code(length=MIN_LENGTH):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed):
    """The canonical form of what someone typed: upper case, no separators."""
    return re.sub(r"[\s\-_./]", "", typed or "").upper()


def is_well_formed(code):
    return bool(CODE_RE.match(code))


def has_look_alikes(code):
    """Whether the typed code holds a 0/O/1/I/L, which no code ever contains."""
    return any(character in LOOK_ALIKES for character in code)
