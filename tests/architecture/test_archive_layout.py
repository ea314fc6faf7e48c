"""``ArchiveStore`` owns the on-disk layout: no other product module joins a path inside the archive.

Caught: ``<x>.root / ...`` on an archive store, and any ``/ "records"``-style join with a name of the
layout. A folder that moves (say ``tmp/uploads``) then moves in one place.
"""

from __future__ import annotations

import ast

from tests.architecture.imports import PRODUCT, ROOT

LAYOUT_NAMES = frozenset({
    "archive.json", "originals", "records", "corrections", "pages", "provenance", "graph.json", "authority.json", "duplicates.json", "index",
    "users.sqlite", "audit.sqlite", "workspace.sqlite", "secret.key", "writer.lock", "tmp", "uploads", "jobs",
})
OWNERS = {
    "sulieu/store.py",
    "search_engine/tantivy_backend.py",  # inside the index folder the engine keeps its own parts
}


def _is_store_root(node: ast.expr) -> bool:
    """``store.root``, ``self.store.root``, ``state.store.root``: the archive's root on a store object."""
    return (isinstance(node, ast.Attribute) and node.attr == "root" and isinstance(node.value, (ast.Name, ast.Attribute))
            and (node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id) == "store")


def layout_joins(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            right = node.right
            named = isinstance(right, ast.Constant) and isinstance(right.value, str) and right.value in LAYOUT_NAMES
            if named or _is_store_root(node.left):
                lines.append(node.lineno)
    return lines


def test_no_archive_path_is_built_outside_the_store() -> None:
    bad = []
    for pkg in PRODUCT:
        for f in sorted((ROOT / pkg).rglob("*.py")):
            rel = f.relative_to(ROOT).as_posix()
            if rel in OWNERS:
                continue
            bad += [f"{rel}:{n}" for n in layout_joins(f.read_text(encoding="utf-8"))]
    assert not bad, "Đường dẫn trong kho dựng ngoài ArchiveStore:\n" + "\n".join(bad)


def test_the_check_sees_both_forms() -> None:
    assert layout_joins('p = store.root / "x"\n') == [1]
    assert layout_joins('p = Path(settings.archive) / "graph.json"\n') == [1]
    assert layout_joins('p = self.store.root / sub\n') == [1]
    assert layout_joins('p = bag / "data" / rel\n') == []
