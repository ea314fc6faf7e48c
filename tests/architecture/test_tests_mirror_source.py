"""The tests tree mirrors the source tree: ``tests/<package>/<subpackage>/`` tests ``<package>/<subpackage>/``,
so the tests of a module are found where its path says. Cross-cutting folders are named below."""

from __future__ import annotations

from tests.architecture.imports import PRODUCT, ROOT

CROSS_CUTTING = {"architecture", "docs", "support", "artifacts"}  # layering, README contract, builders, outputs
SOURCE_ALIASES = {"ingest/convert": "ingest/components"}  # converters are Haystack components


def test_every_test_folder_names_a_source_folder() -> None:
    tests = ROOT / "tests"
    bad = []
    for d in sorted(p for p in tests.rglob("*") if p.is_dir() and (p / "__init__.py").exists()):
        rel = d.relative_to(tests).as_posix()
        if rel.split("/")[0] in CROSS_CUTTING:
            continue
        source = SOURCE_ALIASES.get(rel, rel)
        if source.split("/")[0] not in PRODUCT or not (ROOT / source).is_dir():
            bad.append(f"tests/{rel} (no source folder {source}/)")
    assert not bad, "Thư mục kiểm thử không ứng với mã nguồn:\n" + "\n".join(bad)
