from django import forms
from django.utils.translation import gettext_lazy as _

from duban.web.forms import StyledForm


class TokenCreateForm(StyledForm):
    name = forms.CharField(label=_("Token name"), max_length=80)


class PasswordChangeForm(StyledForm):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput, strip=False)
    new_password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)
    new_password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("The two new passwords differ."))
        return data
