"""Forms of the supervision pages: they parse input; the services decide and write.

Plain forms, not ModelForms: a ModelForm writes the input onto the instance while
validating, which would corrupt the "before" picture the audit takes and bypass
the optimistic lock. Forms that edit an item carry its ``version`` hidden, and
the view passes it on as ``expected_version``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duban.core.fields import (
    LONG_TEXT_MAX,
    NOTE_TEXT_MAX,
    PERCENT_MAX,
    DayFormField,
    TitleFormField,
    tag_names,
)
from duban.org.forms import PersonChoiceField, UnitChoiceField, UnitMultipleChoiceField
from duban.org.models import Person, Unit
from duban.supervision.models import Item, ProgressReport, Source
from duban.supervision.models.item import DeliveryGrade, ItemKind, Priority, Recurrence, ReportFrequency
from duban.supervision.models.source import SignOffMode, SourceKind
from duban.supervision.services.tree import ITEM_FIELDS
from duban.supervision.workflow import Action, Transition
from duban.web.forms import StyledForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files; type and size are checked by the services."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


# --- Sources ------------------------------------------------------------------------


class SourceForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=SourceKind.choices)
    title = TitleFormField(label=_("Title"), max_length=300)
    doc_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    date = DayFormField(label=_("Date"), widget=DATE)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sign_off_mode = forms.ChoiceField(label=_("Sign-off"), choices=SignOffMode.choices)
    is_archived = forms.BooleanField(label=_("Archived"), required=False)
    files = MultipleFileField(label=_("Document and annexes"))  # type: ignore[assignment]  # as services name it

    @staticmethod
    def initial_from(source: Source) -> dict[str, Any]:
        return {name: getattr(source, name) for name in SourceForm.base_fields if name != "files"}


# --- Items --------------------------------------------------------------------------


class ItemForm(StyledForm):
    """Register or edit an item (立项 / 修改). ``version`` is set when editing."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.MEASURE)
    title = TitleFormField(label=_("Title"), max_length=500)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead_unit = UnitChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    cooperating_units = UnitMultipleChoiceField(
        label=_("Cooperating units"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    leader = PersonChoiceField(
        label=_("Leader in charge"),
        required=False,
        queryset=Person.objects.filter(is_active=True).select_related("unit"),
    )
    responsible = PersonChoiceField(
        label=_("Responsible person"),
        required=False,
        queryset=Person.objects.filter(is_active=True).select_related("unit"),
    )
    start_date = DayFormField(label=_("Start"), required=False, widget=DATE)
    deadline = DayFormField(label=_("Deadline"), required=False, widget=DATE)
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=18, decimal_places=4
    )
    target_unit = forms.CharField(label=_("Target unit"), max_length=30, required=False)
    actual_value = forms.DecimalField(
        label=_("Actual value"), required=False, max_digits=18, decimal_places=4
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=400, help_text=_("Separate tags with commas.")
    )
    report_frequency = forms.ChoiceField(label=_("Reporting frequency"), choices=ReportFrequency.choices)
    recurrence = forms.ChoiceField(label=_("Recurs"), choices=Recurrence.choices)
    follow_up_date = DayFormField(label=_("Follow-up check"), required=False, widget=DATE)
    deadline_reason = forms.CharField(
        label=_("Reason for a deadline change"), max_length=500, required=False,
        help_text=_("Required once the item is assigned, whenever the deadline changes; kept in the deadline "
                    "history."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["deadline_reason"]
            del self.fields["version"]

    @staticmethod
    def initial_from(item: Item) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(item, name) for name in ITEM_FIELDS}
        data["cooperating_units"] = list(item.cooperating_units.all())
        data["tags"] = ", ".join(t.name for t in item.tags.all())
        data["version"] = item.version
        return data

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the tree services take it."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ITEM_FIELDS}
        for name in ("content", "target_unit"):
            fields[name] = fields[name] or ""
        return fields

    def clean_tags(self) -> list[str]:
        """The tag names (separated by , ， or 、); one too long is refused (core.fields.tag_names)."""
        raw = str(self.cleaned_data.get("tags") or "").replace("，", ",").replace("、", ",")
        return tag_names(raw.split(","))

    def tag_names(self) -> list[str]:
        return list(self.cleaned_data.get("tags") or [])


class MoveForm(StyledForm):
    """Move an item (with its subtree) under another parent, at a position."""

    parent = forms.ModelChoiceField(
        label=_("New parent"),
        queryset=Item.objects.none(),
        required=False,
        empty_label=_("(top level of the source)"),
    )
    position = forms.IntegerField(label=_("Position among the siblings"), min_value=1, initial=1)

    def __init__(self, *args: Any, item: Item, visible: QuerySet[Item], **kwargs: Any) -> None:
        """``visible``: the items in the user's scope (policy.items_visible)."""
        super().__init__(*args, **kwargs)
        same_source = visible.filter(source_id=item.source_id)
        subtree = same_source.filter(path__startswith=item.path).values("pk")
        parents = same_source.exclude(pk__in=subtree)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parents.order_by("path")
        field.label_from_instance = lambda obj: f"{obj.number} {obj.title[:60]}"  # type: ignore[method-assign]


# --- Workflow actions -----------------------------------------------------------------


class ActionForm(StyledForm):
    """The form for one workflow action: a comment (required when the table says
    ``reason``), a new deadline (extension requests), files, and the version."""

    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=NOTE_TEXT_MAX
    )
    new_deadline = DayFormField(label=_("New deadline"), widget=DATE, required=False)
    files = MultipleFileField(label=_("Files"))  # type: ignore[assignment]  # named as services name it
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, rule: Transition | None, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if rule is not None and rule.reason:
            self.fields["comment"].required = True
            self.fields["comment"].label = _("Reason")
        wants_date = rule is not None and (rule.new_deadline or action == Action.GRANT_EXTENSION)
        if not wants_date:
            del self.fields["new_deadline"]
        elif rule is not None and rule.new_deadline:
            self.fields["new_deadline"].required = True
        else:
            self.fields["new_deadline"].help_text = _("Leave empty to grant the deadline asked for.")


class BulkForm(forms.Form):
    op = forms.ChoiceField(choices=[("assign", "assign"), ("urge", "urge")])
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id parses; which ones the user may act on is the scope's to say.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw]  # type: ignore[attr-defined]


# --- Reports, instructions, judgements, milestones ----------------------------------------


class ReportForm(StyledForm):
    """A progress report (进展反馈); ``corrects`` names the report it corrects."""

    text = forms.CharField(
        label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG_TEXT_MAX
    )
    percent = forms.IntegerField(label=_("Progress %"), min_value=0, max_value=PERCENT_MAX, required=False)
    actual_value = forms.DecimalField(
        label=_("Actual value"), required=False, max_digits=18, decimal_places=4
    )
    problems = forms.CharField(
        label=_("Problems met"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        max_length=NOTE_TEXT_MAX,
    )
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        max_length=NOTE_TEXT_MAX,
    )
    files = MultipleFileField(label=_("Evidence files"))  # type: ignore[assignment]  # as services name it
    corrects = forms.ModelChoiceField(
        label=_("Corrects report"),
        queryset=ProgressReport.objects.none(),
        required=False,
        empty_label=_("(a new report)"),
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["corrects"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = item.reports.filter(corrected_by__isnull=True)
        field.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"#{obj.pk} {obj.submitted_at:%Y-%m-%d} {obj.text[:40]}"
        )

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        actual: Decimal | None = data.get("actual_value")
        return {
            "text": data["text"],
            "percent": data.get("percent"),
            "actual_value": actual,
            "problems": data.get("problems") or "",
            "next_steps": data.get("next_steps") or "",
            "files": data.get("files") or [],
            "corrects": data.get("corrects"),
        }


class InstructionForm(StyledForm):
    text = forms.CharField(
        label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_TEXT_MAX
    )


class UrgeForm(StyledForm):
    message = forms.CharField(
        label=_("Message"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the unit should do, and by when. It goes with the urging notice."),
    )


class JudgementForm(StyledForm):
    grade = forms.ChoiceField(label=_("Delivery judgement"), choices=DeliveryGrade.choices, required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneForm(StyledForm):
    due = DayFormField(label=_("Date"), widget=DATE)
    title = TitleFormField(label=_("Expected output"), max_length=300)
    percent = forms.IntegerField(
        label=_("Expected progress %"), min_value=0, max_value=PERCENT_MAX, required=False
    )


class FollowupScheduleForm(StyledForm):
    date = DayFormField(label=_("Follow-up check on"), widget=DATE)


class FollowupRecordForm(StyledForm):
    relapsed = forms.TypedChoiceField(
        label=_("Finding"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("no", _("No relapse: the item stays closed")), ("yes", _("Relapse: reopen the item"))],
    )
    comment = forms.CharField(
        label=_("What the check found"),
        required=False,
        max_length=NOTE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
