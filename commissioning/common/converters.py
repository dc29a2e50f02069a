"""Path converters shared by every stage's URLs.

``<token:token>`` matches only what the project's tokens are made of (``secrets.token_urlsafe``:
letters, digits, ``-`` and ``_``, at most 64 of them), so a made-up token with a NUL byte or any
other character answers 404 from the resolver and never reaches the database.
"""

from django.urls import register_converter


class TokenConverter:
    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")
