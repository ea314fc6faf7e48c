"""Layers import downward only: Core ← Engine / Ingest / sample data ← Services ← API / UI / CLI.

``docs/ARCHITECTURE.md`` explains the layers; this test keeps them true. A rule broken by a lazy
import inside a function counts too: it is still a dependency.
"""

from __future__ import annotations

from tests.architecture.imports import Edge, imports_of, product_edges

# package -> the first-party packages it may import (itself always allowed)
ALLOWED: dict[str, frozenset[str]] = {
    "sulieu": frozenset(),
    "search_engine": frozenset({"sulieu"}),
    "ingest": frozenset({"sulieu"}),
    "sample_data": frozenset({"sulieu"}),
    "services": frozenset({"sulieu", "search_engine", "ingest"}),
    "search_api": frozenset({"sulieu", "search_engine", "services"}),
    "ui": frozenset({"sulieu", "search_engine", "services", "search_api"}),
    "sulieu_cli": frozenset({"sulieu", "search_engine", "ingest", "sample_data", "services", "search_api"}),
}
# the composition root wires the API routers and the web UI into one application
EXCEPTIONS = {("search_api.app", "ui.routes")}
# inside an allowed package, modules the UI must still not reach into
FORBIDDEN_PREFIXES: dict[str, tuple[str, ...]] = {"ui": ("search_api.routers",)}


def violations(edges: list[Edge]) -> list[str]:
    bad = []
    for e in edges:
        src, dst = e.module.split(".")[0], e.target.split(".")[0]
        if (e.module, e.target) in EXCEPTIONS:
            continue
        if src != dst and dst not in ALLOWED[src]:
            bad.append(f"{e.module}:{e.line} imports {e.target} ({src} may import {sorted(ALLOWED[src]) or 'nothing'})")
        elif any(e.target == p or e.target.startswith(p + ".") for p in FORBIDDEN_PREFIXES.get(src, ())):
            bad.append(f"{e.module}:{e.line} imports {e.target} (the UI calls services, never an API router)")
    return bad


def test_layers_import_downward_only() -> None:
    edges = product_edges()
    assert len(edges) > 200  # the walk really read the product
    bad = violations(edges)
    assert not bad, "Import ngược tầng:\n" + "\n".join(bad)


def test_the_check_catches_each_kind_of_violation() -> None:
    cases = {
        "sulieu.store": "from services.refresh import refresh\n",
        "search_engine.indexer": "def f():\n    from search_api.deps import get_graph\n",
        "ingest.runner": "import ui.web\n",
        "ui.pages.editor": "from search_api.routers.corrections import validate_changes\n",
        "services.documents": "from search_api.state import app_state\n",
    }
    for module, source in cases.items():
        assert violations(imports_of(source, module)), module
    assert not violations(imports_of("from search_api.state import app_state\n", "ui.pages.editor"))
