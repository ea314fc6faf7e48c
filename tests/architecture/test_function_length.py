"""No product function over 100 lines: a long function does several jobs, each worth its own name.

Length is ``end_lineno - lineno + 1`` of every ``def`` (methods and nested functions too), read
with ``ast``. Data tables are exempt, detected by their shape rather than their name: a function
with no control flow that only builds literal data and returns it, either a single ``return`` of a
list/dict/tuple/set literal, or named entries (``x = Doc(...)``, ``add(Doc(...))`` into a local
list) returned as a literal of them or as that list.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.imports import PRODUCT, ROOT

MAX_LINES = 100
_CONTAINERS = (ast.List, ast.Tuple, ast.Dict, ast.Set)
_COLLECTOR_METHODS = ("append", "extend")


def _is_data(node: ast.expr | None) -> bool:
    """Literals, names and constructor-like calls of them; nothing that decides or loops."""
    if node is None or isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, (ast.Attribute, ast.Starred)):
        return _is_data(node.value)
    if isinstance(node, ast.Subscript):
        return _is_data(node.value) and _is_data(node.slice)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_data(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(_is_data(k) and _is_data(v) for k, v in zip(node.keys, node.values, strict=True))
    if isinstance(node, ast.JoinedStr):
        return all(_is_data(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return _is_data(node.value)
    if isinstance(node, ast.UnaryOp):
        return _is_data(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_data(node.left) and _is_data(node.right)
    if isinstance(node, ast.Call):
        return (isinstance(node.func, (ast.Name, ast.Attribute)) and _is_data(node.func)
                and all(_is_data(a) for a in node.args) and all(_is_data(k.value) for k in node.keywords))
    return False


def _is_collector(node: ast.expr, collections: set[str]) -> bool:
    """``docs.append`` / ``docs.extend`` of a list built in the same function."""
    return (isinstance(node, ast.Attribute) and node.attr in _COLLECTOR_METHODS
            and isinstance(node.value, ast.Name) and node.value.id in collections)


def is_data_table(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True for a function that only lays out literal data (see the module docstring)."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None:
        return False
    collections: set[str] = set()  # local names bound to a literal container
    collectors: set[str] = set()  # local names bound to <collection>.append/.extend
    for st in body[:-1]:
        if isinstance(st, (ast.Assign, ast.AnnAssign)):
            targets = st.targets if isinstance(st, ast.Assign) else [st.target]
            if st.value is None or not all(isinstance(t, ast.Name) for t in targets) or not _is_data(st.value):
                return False
            for t in targets:
                assert isinstance(t, ast.Name)
                if isinstance(st.value, _CONTAINERS):
                    collections.add(t.id)
                elif _is_collector(st.value, collections):
                    collectors.add(t.id)
        elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and _is_data(st.value):
            func = st.value.func
            if not (isinstance(func, ast.Name) and func.id in collectors) and not _is_collector(func, collections):
                return False
        else:
            return False
    ret = body[-1].value
    if isinstance(ret, _CONTAINERS):
        return _is_data(ret)
    return isinstance(ret, ast.Name) and ret.id in collections


def long_functions(source: str, filename: str = "<string>", limit: int = MAX_LINES) -> list[str]:
    """``file:line name (N lines)`` for every function in ``source`` longer than ``limit`` lines."""
    out = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > limit and not is_data_table(node):
                out.append(f"{filename}:{node.lineno} {node.name} ({length} lines)")
    return out


def product_files(root: Path = ROOT) -> list[Path]:
    return [f for pkg in PRODUCT if (root / pkg).is_dir() for f in sorted((root / pkg).rglob("*.py"))]


def test_no_product_function_over_100_lines() -> None:
    files = product_files()
    assert files, "no product source found"
    too_long = [
        hit
        for f in files
        for hit in long_functions(f.read_text(encoding="utf-8"), f.relative_to(ROOT).as_posix())
    ]
    assert not too_long, f"functions over {MAX_LINES} lines (split them into named helpers):\n" + "\n".join(too_long)


def _function(name: str, body_lines: list[str]) -> str:
    return f"def {name}():\n" + "".join(f"    {ln}\n" for ln in body_lines)


def test_checker_reports_a_long_function_and_spares_data_tables() -> None:
    long_code = _function("busy", ["x = 0", *["x += 1"] * 98, "return x"])  # 101 lines
    just_fits = _function("fits", ["x = 0", *["x += 1"] * 97, "return x"])  # 100 lines
    branchy = _function("branchy", ["docs = []", *[f"if x: docs.append({i})" for i in range(98)], "return docs"])
    literal = _function("table", ['"""A table."""', "return [", *[f"    {i}," for i in range(120)], "]"])
    built = _function("documents", ["docs: list[Doc] = []", "add = docs.append",
                                    *[f"add(Doc(key='k{i}', blocks=[*parts(C, 'x')]))" for i in range(120)],
                                    "return docs"])
    named = _function("documents", [*[f"d{i} = Doc(key='k{i}', date=(2024, {i}, 1))" for i in range(120)],
                                    "return [" + ", ".join(f"d{i}" for i in range(120)) + "]"])
    computed = _function("work", [*[f"d{i} = load({i})" for i in range(120)], "return d0"])
    assert long_functions(long_code, "m.py") == ["m.py:1 busy (101 lines)"]
    assert long_functions(just_fits) == []
    assert long_functions(branchy, "m.py") == ["m.py:1 branchy (101 lines)"]
    assert long_functions(literal + built + named) == []
    assert long_functions(computed, "m.py") == ["m.py:1 work (122 lines)"]
