"""The product's first-party imports, read with ``ast`` (no module is executed)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("sulieu", "search_engine", "ingest", "sample_data", "services", "search_api", "ui", "sulieu_cli")


@dataclass(frozen=True)
class Edge:
    module: str  # importing module, dotted
    target: str  # imported module, dotted
    line: int


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool = False) -> list[Edge]:
    """Every first-party import in ``source`` (also those inside functions: a lazy import is still a
    dependency), relative ones resolved."""
    out: list[Edge] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                names = [".".join(base + ([node.module] if node.module else []))]
            else:
                names = [node.module or ""]
        else:
            continue
        out += [Edge(module, n, node.lineno) for n in names if n.split(".")[0] in PRODUCT]
    return out


def product_edges(root: Path = ROOT) -> list[Edge]:
    edges: list[Edge] = []
    for pkg in PRODUCT:
        for f in sorted((root / pkg).rglob("*.py")):
            edges += imports_of(f.read_text(encoding="utf-8"), module_name(f, root), f.name == "__init__.py")
    return edges
