from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from duban.supervision.models import Source


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Document (.txt, .docx, .html, .pdf)"))
    ref_date = forms.DateField(
        label=_("Reference date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        help_text=_("The date the document speaks from. Required when the document carries no date."),
    )
    assist = forms.BooleanField(
        label=_("Also ask the language model"),
        required=False,
        help_text=_(
            "The model may add tasks the rules missed; every draft still points at its sentence in the text."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not settings.LLM_URL:  # the assist is off unless DUBAN_LLM_URL is set
            del self.fields["assist"]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                _("%(name)s is larger than %(limit)s MB.") % {"name": upload.name, "limit": limit}
            )
        return upload


class AcceptForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Into source"), queryset=Source.objects.filter(is_archived=False))
