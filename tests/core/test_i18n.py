"""The Chinese catalogue (duban/locale/zh_Hans) is complete and in step with the code.

(a) every msgid has a non-empty, non-fuzzy translation;
(b) every translatable string in the code is in the committed catalogue: makemessages
    runs over a copy of the package and must find no msgid the catalogue lacks
    (fix: run scripts/i18n-update and translate what it lists).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from duban.core.management.commands.i18n_compile import compile_catalogue

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "duban"
PO_PATH = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _key(entry: polib.POEntry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _describe(key: tuple[str | None, str, str | None]) -> str:
    context, msgid, plural = key
    text = repr(msgid)
    if plural:
        text += f" / {plural!r}"
    if context:
        text += f" (context {context!r})"
    return text


def test_every_msgid_has_a_chinese_translation() -> None:
    # given the committed catalogue
    po = polib.pofile(str(PO_PATH))
    entries = [e for e in po if not e.obsolete]
    assert entries, "the zh_Hans catalogue holds no messages"

    # when looking for gaps
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    empty = [
        e.msgid
        for e in entries
        if (not e.msgstr_plural and not e.msgstr.strip())
        or (e.msgstr_plural and not all(v.strip() for v in e.msgstr_plural.values()))
    ]

    # then there are none
    assert not fuzzy, f"fuzzy translations in {PO_PATH.relative_to(ROOT)}: {fuzzy}"
    assert not empty, f"untranslated msgids in {PO_PATH.relative_to(ROOT)}: {empty}"


def test_placeholders_survive_translation() -> None:
    # given every entry that interpolates %(name)s placeholders
    placeholder = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
    po = polib.pofile(str(PO_PATH))
    for entry in po:
        if entry.obsolete:
            continue
        wanted = set(placeholder.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgstr_plural else [entry.msgstr]
        # then each translation uses exactly the same placeholders
        for text in translations:
            got = set(placeholder.findall(text))
            assert got == wanted, f"placeholders differ in {entry.msgid!r}: {text!r}"


def test_compiled_catalogue_translates_the_ui(tmp_path: Path) -> None:
    # given the catalogue compiled by `duban i18n_compile` into a copy
    locale = tmp_path / "locale"
    shutil.copytree(PACKAGE / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
    mo_path, translated, total = compile_catalogue(locale / "zh_Hans" / "LC_MESSAGES" / "django.po")

    # when Django reads it (overriding LOCALE_PATHS drops the cached catalogues, before and after)
    with override_settings(LOCALE_PATHS=[locale]), translation.override("zh-hans"):
        home = translation.gettext("Home")
        log_in = translation.gettext("Log in")

    # then the UI speaks Chinese
    assert mo_path.exists()
    assert translated == total
    assert (home, log_in) == ("首页", "登录")


def _xgettext_missing_reason() -> str | None:
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return None
    if os.environ.get("CI") == "true":
        pytest.fail("GNU gettext (xgettext, msgmerge) is missing under CI: scripts/test installs it")
    return "GNU gettext (xgettext) is not installed: apt-get install gettext"


def test_catalogue_holds_every_string_in_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reason = _xgettext_missing_reason()
    if reason:
        pytest.skip(reason)
    # given a copy of the package, its catalogue included
    copy = tmp_path / "duban"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc", "migrations", "static"),
    )
    monkeypatch.chdir(tmp_path)

    # when makemessages collects the strings of the code into the copy
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_obsolete=True)

    # then it finds nothing the committed catalogue lacks
    committed = {_key(e) for e in polib.pofile(str(PO_PATH)) if not e.obsolete}
    found = {_key(e) for e in polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))}
    missing = sorted(found - committed, key=lambda k: k[1])
    assert not missing, (
        "strings in the code missing from the zh_Hans catalogue (run scripts/i18n-update, then translate): "
        + "; ".join(_describe(k) for k in missing)
    )
