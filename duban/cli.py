"""The ``duban`` command.

``duban ingest`` and ``duban bench extract`` run the document extractor without
Django; every other sub-command is a Django management command
(``duban migrate``, ``duban demo``, ``duban backup``, ``duban audit_verify`` …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["ingest"] or args[:2] == ["bench", "extract"]:
        from duban_extract.cli import main as extract_main

        return extract_main(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["duban", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
