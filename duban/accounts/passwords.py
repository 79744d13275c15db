"""Password rules with their refusals in the product's catalogue.

Django 5.2 changed the wording of the too-short refusal and its Simplified Chinese
catalogue has no translation for it, so a Chinese page said "This password is too
short…". The validator below is Django's with the message in duban's catalogue.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length (``min_length`` characters), refusing in the user's language."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short; it must have at least %(min_length)d character.",
            "This password is too short; it must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
