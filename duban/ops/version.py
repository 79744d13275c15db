"""duban's version, for backup manifests."""

from __future__ import annotations

import importlib.metadata
import tomllib

from django.conf import settings


def duban_version() -> str:
    """The installed package's version, else pyproject.toml's (a source checkout), else "unknown"."""
    try:
        return importlib.metadata.version("duban")
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        with (settings.BASE_DIR / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"
