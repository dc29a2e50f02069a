"""Secret tokens in links (confirmations, unsubscribe links, invitations): their shape, checked before
any lookup, so that a damaged or hostile link (a NUL byte, a megabyte of text) is a plain 404.

``secrets.token_urlsafe(32)`` gives 43 characters of ``A-Z a-z 0-9 - _``; older links may be
shorter, none is longer than the 64 characters the columns hold.
"""

import re

from django.urls import register_converter

LINK_CODE_REGEX = r"[A-Za-z0-9_-]{16,64}"
_TOKEN = re.compile(LINK_CODE_REGEX)


def is_token(value):
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


class TokenConverter:
    regex = LINK_CODE_REGEX

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# The converter's name, for URL patterns: path(f"confirm/<{LINK_CODE}:token>/", ...).
LINK_CODE = "linkcode"
register_converter(TokenConverter, LINK_CODE)
