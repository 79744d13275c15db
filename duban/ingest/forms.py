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
