"""``duban i18n_compile``: turn the committed .po catalogues into the .mo files Django reads.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``; this command uses
polib, a pure-Python dependency, so the run command works on a machine without
gettext. The .mo files are build output (git ignores them). Fuzzy and untranslated
entries are left out of the .mo, as msgfmt does, so they fall back to English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def catalogues(locale_paths: list[Path]) -> list[Path]:
    """Every ``<locale>/LC_MESSAGES/*.po`` under the given locale directories, sorted."""
    found: list[Path] = []
    for root in locale_paths:
        found.extend(sorted(Path(root).glob("*/LC_MESSAGES/*.po")))
    return found


def compile_catalogue(po_path: Path) -> tuple[Path, int, int]:
    """Write the .mo beside ``po_path``; return (mo path, translated count, total count)."""
    try:
        po = polib.pofile(str(po_path), wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise CommandError(f"{po_path}: cannot be read as a .po file: {exc}") from exc
    mo_path = po_path.with_suffix(".mo")
    po.save_as_mofile(str(mo_path))
    total = len([e for e in po if not e.obsolete])
    return mo_path, len(po.translated_entries()), total


class Command(BaseCommand):
    help = "Compile duban/locale/*/LC_MESSAGES/*.po into .mo files (no GNU gettext needed)."
    # It reads files only: a half-finished URLconf or model elsewhere must not stop it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale-dir",
            action="append",
            type=Path,
            help="A locale directory to compile (default: every entry of settings.LOCALE_PATHS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roots: list[Path] = options["locale_dir"] or [Path(p) for p in settings.LOCALE_PATHS]
        found = catalogues(roots)
        if not found:
            raise CommandError(f"No .po files found under {', '.join(str(r) for r in roots)}.")
        for po_path in found:
            mo_path, translated, total = compile_catalogue(po_path)
            shown = mo_path.relative_to(Path.cwd()) if mo_path.is_relative_to(Path.cwd()) else mo_path
            self.stdout.write(f"{shown}: {translated}/{total} messages translated")
