"""Organisation pages (placeholder: being built)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("units")


person_list = user_list = org_import = unit_list
