"""Messages that stay translatable until they are shown.

The same plan may be built in one language and reported in another (a command run with
translations off, an admin view in the editor's language): a message is kept as its msgid
and parameters and translated only when it is turned into text.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import lazy


def _formatted(message, params):
    text = str(message)
    return text % params if params else text


lazy_formatted = lazy(_formatted, str)


def lazy_message(message, **params):
    """`message % params`, translated when shown."""
    return lazy_formatted(message, params)


def validation_messages(error):
    """Each message of a ValidationError, translated when shown."""
    if not isinstance(error, ValidationError):
        return [lazy_message(str(error))]
    return [lazy_formatted(item.message, item.params or {}) for item in error.error_list]
