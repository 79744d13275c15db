"""Upload a document, review its draft ledger beside the text, accept or reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.core.errors import DomainError, NotFound
from duban.ingest import policy as ingest_policy
from duban.ingest import services
from duban.ingest.forms import AcceptForm, UploadForm
from duban.ingest.highlight import highlighted_body
from duban.ingest.models import DraftItem, IngestRun
from duban.ingest.review import apply_edits
from duban.org.models import Unit
from duban.org.scope import signed_in
from duban.web.forms import apply_domain_error
from duban.web.formview import form_status, refused_status


def _require_ingest(request: HttpRequest) -> None:
    if not ingest_policy.may_ingest(request.user):
        raise Http404


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    _require_ingest(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.ingest_run(
                actor=signed_in(request.user),
                data=upload.read(),
                name=upload.name,
                ref_date=form.cleaned_data["ref_date"],
                assist=form.cleaned_data.get("assist", False),
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            return redirect("ingest:review", run_id=run.pk)
    runs = Paginator(ingest_policy.ingest_runs_visible(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "ingest/run_list.html", {"form": form, "runs": runs}, status=form_status(form))


@login_required
def review(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_ingest(request)
    try:
        run = ingest_policy.access_ingest_run(request.user, run_id)
    except NotFound as exc:
        raise Http404 from exc
    drafts = list(run.drafts.select_related("lead_unit", "item"))
    accept_form = AcceptForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        chosen = [d for d in drafts if str(d.pk) in request.POST.getlist("draft")]
        try:
            done = _act(request, run, drafts, chosen, accept_form)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = refused_status(exc)
        else:
            if done:
                return redirect("ingest:review", run_id=run.pk)
            status = 400
    return render(
        request,
        "ingest/review.html",
        {
            "run": run,
            "drafts": drafts,
            "accept_form": accept_form,
            "units": Unit.objects.filter(is_active=True),
            "body": highlighted_body(run.body, drafts),
            "indicators": run.result.get("indicators", []),
            "people": run.result.get("people", []),
        },
        status=status,
    )


def _act(
    request: HttpRequest,
    run: IngestRun,
    drafts: list[DraftItem],
    chosen: list[DraftItem],
    accept_form: AcceptForm,
) -> bool:
    apply_edits(actor=signed_in(request.user), drafts=drafts, data=request.POST)
    action = request.POST.get("action")
    if action == "reject":
        count = services.drafts_reject(actor=signed_in(request.user), drafts=chosen)
        messages.success(request, _("%(count)d drafts rejected.") % {"count": count})
    elif action == "accept":
        if not accept_form.is_valid():
            return False
        items = services.drafts_accept(
            actor=signed_in(request.user), drafts=chosen, source=accept_form.cleaned_data["source"]
        )
        messages.success(request, _("%(count)d items created.") % {"count": len(items)})
    else:
        messages.success(request, _("Your edits are saved."))
    return True
