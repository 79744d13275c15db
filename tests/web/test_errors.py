"""duban's own CSRF failure page (duban/web/errors.py).

Before: Django's page, in English, outside the frame, advising to set DEBUG = True.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.org.models import User
from duban.supervision.models import Source

pytestmark = pytest.mark.django_db


def test_a_post_without_csrf_token_gets_the_chinese_page_in_the_frame(supervisor: User) -> None:
    # given a signed-in user whose form lost its token (page open too long, forged post)
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)
    # when
    response = client.post(
        reverse("supervision:source_new"),
        {"kind": "meeting", "title": "会议纪要", "date": "2019-03-01", "sign_off_mode": "single"},
    )
    # then
    page = response.content.decode()
    assert response.status_code == 403
    assert 'data-testid="csrf-failure"' in page
    assert 'data-testid="nav"' in page  # within the frame
    assert "表单未被接受" in page and "未保存任何内容" in page
    assert "DEBUG" not in page and "CSRF_FAILURE" not in page
    assert not Source.objects.exists()


def test_the_login_form_without_token_gets_the_same_page() -> None:
    # when an anonymous post reaches the login form without its token
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    # then
    assert response.status_code == 403
    assert "表单未被接受" in response.content.decode()
