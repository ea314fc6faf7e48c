"""Haystack's telemetry is switched off in one place, ``ingest/__init__.py``.

That works because every Haystack import in the product goes through the ``ingest`` package, so
the package runs its switch before Haystack reads it (Haystack decides when
``haystack.telemetry._telemetry`` is first imported: ``telemetry`` stays ``None`` when off).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from tests.architecture.imports import PRODUCT, ROOT

SWITCH = "HAYSTACK_TELEMETRY_ENABLED"

_PROBE = f"""
import os, sys
import ingest.components.pdf_converter  # noqa: F401
from haystack.telemetry import _telemetry
assert "haystack" in sys.modules
assert _telemetry.HAYSTACK_TELEMETRY_ENABLED == {SWITCH!r}, _telemetry.HAYSTACK_TELEMETRY_ENABLED
assert os.environ.get({SWITCH!r}) == "False", os.environ.get({SWITCH!r})
assert _telemetry.telemetry is None, "Haystack telemetry is on"
print("off")
"""


def _product_files():
    return [f for pkg in PRODUCT if (ROOT / pkg).is_dir() for f in sorted((ROOT / pkg).rglob("*.py"))]


def test_importing_a_component_turns_haystack_telemetry_off() -> None:
    env = {k: v for k, v in os.environ.items() if k != SWITCH}
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "off", done.stdout + done.stderr


def test_switch_is_set_in_exactly_one_product_file() -> None:
    holders = [f.relative_to(ROOT).as_posix() for f in _product_files() if SWITCH in f.read_text(encoding="utf-8")]
    assert holders == ["ingest/__init__.py"], holders


def test_only_the_ingest_package_imports_haystack() -> None:
    """Else a module outside ``ingest`` could import Haystack before the switch ran."""
    offenders = []
    for f in _product_files():
        rel = f.relative_to(ROOT)
        if rel.parts[0] == "ingest":
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            offenders += [f"{rel.as_posix()}:{node.lineno} imports {n}" for n in names if n.split(".")[0] == "haystack"]
    assert not offenders, "\n".join(offenders)
