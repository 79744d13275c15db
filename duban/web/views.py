"""The home page: what the signed-in user has to do now."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.core.roles import Role
from duban.org import scope
from duban.org.scope import signed_in
from duban.supervision.views.todo import todo_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # The to-do counts (待办) lead a liaison's or leader's home page.
    has_todo = scope.has_role(request.user, Role.LIAISON, Role.LEADER)
    todo = todo_for(signed_in(request.user)) if has_todo else None
    return render(request, "web/home.html", {"todo": todo})
