from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from duban.core.uploads import DOCUMENTS, UploadField
from duban.org.scope import Viewer
from duban.supervision import policy
from duban.supervision.models import Source
from duban.web.forms import StyledForm


class UploadForm(StyledForm):
    file = UploadField(label=_("Document (.txt, .docx, .html, .pdf)"), kinds=DOCUMENTS)
    ref_date = forms.DateField(
        label=_("Reference date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the document speaks from. Required when the document carries no date."),
    )
    assist = forms.BooleanField(
        label=_("Also ask the language model"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-testid": "assist"}),
        help_text=_(
            "The model may add tasks the rules missed; every draft still points at its sentence in the text."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not settings.LLM_URL:  # the assist is off unless DUBAN_LLM_URL is set
            del self.fields["assist"]


class AcceptForm(StyledForm):
    source = forms.ModelChoiceField(label=_("Into source"), queryset=Source.objects.none())

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = policy.sources_visible(user).filter(is_archived=False)
