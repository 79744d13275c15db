"""The frame's language: Chinese by default whatever the browser asks, English once chosen."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

MIDDLEWARE = "duban.web.middleware.ChineseFirstLocaleMiddleware"


@pytest.fixture
def chinese_first(settings: Settings) -> None:
    settings.LANGUAGE_CODE = "zh-hans"  # the product's default, whatever the test settings say
    settings.MIDDLEWARE = [
        MIDDLEWARE if name == "django.middleware.locale.LocaleMiddleware" else name
        for name in settings.MIDDLEWARE
    ]
    assert MIDDLEWARE in settings.MIDDLEWARE


@pytest.mark.django_db
@pytest.mark.usefixtures("chinese_first")
@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "zh-CN,zh;q=0.9", "", "fr"])
def test_pages_are_chinese_whatever_the_browser_asks(client: Client, accept: str) -> None:
    # when a browser with any Accept-Language opens the login page
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept)

    # then it is in Chinese
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("chinese_first")
def test_the_language_switcher_choice_wins(client: Client) -> None:
    # given a user who chose English with the switcher
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    # when they open a page, their browser asking for Chinese
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    # then it is in English
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("chinese_first")
def test_an_unknown_language_cookie_falls_back_to_chinese(client: Client) -> None:
    # given a cookie naming a language duban does not offer
    client.cookies["django_language"] = "xx-unknown"

    # then the page is in Chinese
    assert '<html lang="zh-hans">' in client.get("/accounts/login/").content.decode()
