"""No lower app imports a higher one.

The apps are layered; each may import its own layer and the ones below:

    core, web (toolkit and frame)  <  audit  <  org  <  accounts, indicators  <  supervision
        <  ingest, reports  <  api, home page, demo, generate, ops, project files

Indicators never import supervision: turning a warning into a supervision item
happens in a layer above both.

Roles are core's vocabulary (``duban.core.roles``) because audit decides by role
and sits below org, whose services write audit rows. ``duban.web`` is the toolkit
every app's pages share (form styling and flow, import pages, the frame, the
navigation) and imports only core; its home page (``duban.web.views``, with its
URLs) shows every app's to-do and sits above them all.
Every import counts, also one inside a function or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "duban"

# Longest prefix wins. Higher numbers are higher layers.
LAYERS: dict[str, int] = {
    "duban.core": 0,
    "duban.web": 0,
    "duban.audit": 1,
    "duban.org": 2,
    "duban.accounts": 3,
    "duban.supervision": 4,
    # Indicators, evaluation and projects turn their warnings and problems into
    # supervision items, and unit assessment reads supervision data: they sit above it.
    "duban.indicators": 5,
    "duban.evaluation": 5,
    "duban.projects": 5,
    "duban.accountability": 5,
    "duban.meetings": 5,
    "duban.ingest": 5,
    "duban.reports": 5,
    "duban.api": 6,
    "duban.web.views": 6,
    "duban.web.urls": 6,
    "duban.demo": 6,
    "duban.generate": 6,
    "duban.bench": 6,
    "duban.ops": 6,
    "duban.locale": 6,
    "duban.settings": 6,
    "duban": 7,  # urls, wsgi, cli: the project itself
}


def layer_of(module: str) -> tuple[str, int]:
    """The layer a dotted module name belongs to (by its longest listed prefix)."""
    matches = [p for p in LAYERS if module == p or module.startswith(p + ".")]
    prefix = max(matches, key=len)
    return prefix, LAYERS[prefix]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every duban module the file imports, at any depth (functions, TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from duban import x" names a submodule: count it as duban.x
            names = [f"{target}.{a.name}" for a in node.names] if target == "duban" else [target]
            found += [(node.lineno, name) for name in names]
    return [(line, name) for line, name in found if name == "duban" or name.startswith("duban.")]


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    unlisted = {a for a in apps if f"duban.{a}" not in LAYERS}
    assert not unlisted, f"give these apps a layer in LAYERS: {sorted(unlisted)}"


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("duban.org.services", "duban.audit.services", True),
        ("duban.audit.views", "duban.org.scope", False),
        ("duban.supervision.forms", "duban.web.forms", True),
        ("duban.web.views", "duban.supervision.views.todo", True),
        ("duban.org.views", "duban.accounts.services", False),
        ("duban.core.roles", "duban.org.models", False),
        ("duban.indicators.models", "duban.org.models", True),
        ("duban.indicators.models", "duban.supervision.models", True),  # a warning's item
        ("duban.supervision.models", "duban.indicators.models", False),
    ],
)
def test_layer_rule_examples(importer: str, imported: str, allowed: bool) -> None:
    assert (layer_of(imported)[1] <= layer_of(importer)[1]) is allowed


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    own_prefix, own = layer_of(module_name(path))
    higher = [
        f"{path.relative_to(ROOT)}:{line}: imports {name} ({layer_of(name)[0]} is above {own_prefix})"
        for line, name in imported_modules(path)
        if layer_of(name)[1] > own
    ]
    assert not higher, "\n".join(higher)
