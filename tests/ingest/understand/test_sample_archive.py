"""The sample archive through the real ingest pipeline, every record checked against ``manifest.json``.

The sample (``sample_data.generate_sample``) is generated once per module into a tmp folder;
each access folder is ingested with ``ingest_paths`` (scans are OCR'd by real Tesseract) and
the records' metadata, citations and cited-but-missing ranking are compared with the manifest.
Failures report per-field counts and the first disagreements.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ACCESS = ("public", "internal", "restricted")


def _nfc(s: str | None) -> str | None:
    return None if s is None else re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def _ci(s: str | None) -> str | None:
    s = _nfc(s)
    return None if s is None else s.casefold()


VV = re.compile(r"^(?:V/v|v/v|V\.v|[Vv]ề việc)\s*:?\s*")


def _subject(s: str | None) -> str | None:
    """The trích yếu without its ``V/v``/``về việc`` lead (the extractor keeps it out of ``subject``
    and says it with ``title`` = ``Công văn về việc ...``) and with its first letter's case free
    (a renderer may capitalise the first word of a subject the manifest writes in lower case)."""
    s = _nfc(s)
    if not s:
        return s
    s = VV.sub("", s)
    return s[:1].lower() + s[1:]


def _list(xs: list[str] | None) -> list[str]:
    return [_nfc(x) or "" for x in xs or []]


def _period(p: Any) -> list[int] | None:
    if p is None:
        return None
    if isinstance(p, (list, tuple)):
        return list(p)
    return [p.start, p.end]


# field -> (value in the record, value in the manifest). Exact comparison after NFC and
# whitespace folding; signer fields printed in capitals are compared case-insensitively
# (the extractor restores case, the manifest keeps the print).
FIELDS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "system": (lambda m: m.system, lambda e: e.system),
    "level": (lambda m: m.level, lambda e: e.level),
    "province": (lambda m: m.province, lambda e: e.province),
    "issuer": (lambda m: _nfc(m.issuer), lambda e: _nfc(e.issuer)),
    "issuer_parent": (lambda m: _nfc(m.issuer_parent), lambda e: _nfc(e.issuer_parent)),
    "issuer_code": (lambda m: m.issuer_code, lambda e: e.issuer_code),
    "doc_type": (lambda m: m.doc_type, lambda e: e.doc_type),
    "doc_type_code": (lambda m: m.doc_type_code, lambda e: e.doc_type_code),
    "number": (lambda m: m.number, lambda e: e.number),
    "symbol": (lambda m: _nfc(m.symbol), lambda e: _nfc(e.symbol_written)),
    "symbol_normalized": (lambda m: _nfc(m.symbol_normalized), lambda e: _nfc(e.symbol)),
    "symbol_key": (lambda m: m.symbol_key, lambda e: e.symbol_key),
    "date": (lambda m: m.date, lambda e: e.date),
    "place": (lambda m: _nfc(m.place), lambda e: _nfc(e.place)),
    "subject": (lambda m: _subject(m.subject), lambda e: _subject(e.subject)),
    "signer_name": (
        lambda m: _nfc(m.signer.name) if m.signer else None,
        lambda e: _nfc(e.signer.name) if e.signer else None,
    ),
    "signer_authority": (
        lambda m: m.signer.authority if m.signer else None,
        lambda e: e.signer.authority if e.signer else None,
    ),
    "signer_on_behalf_of": (
        lambda m: _ci(m.signer.on_behalf_of) if m.signer else None,
        lambda e: _ci(e.signer.on_behalf_of) if e.signer else None,
    ),
    "signer_position": (
        lambda m: _ci(m.signer.position) if m.signer else None,
        lambda e: _ci(e.signer.position) if e.signer else None,
    ),
    "recipients": (lambda m: _list(m.recipients), lambda e: _list(e.recipients)),
    "distribution": (lambda m: _list(m.distribution), lambda e: _list(e.distribution)),
    "period": (lambda m: _period(m.period), lambda e: _period(e.period)),
}


# Fields the manifest fills from the generator's own knowledge rather than from the print: the
# period is given for the book only (directives' periods are left null, not "absent"), and the
# issuer code is the symbol's part, so a book (no symbol) has none printed.
ONLY_WHEN_PRINTED: dict[str, Callable[[Any], bool]] = {
    "period": lambda e: e.period is not None,
    "issuer_code": lambda e: e.symbol_written is not None,
}


@dataclass
class FieldScore:
    agree: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)


def compare_metadata(manifest: Any, records: dict[str, Any]) -> dict[str, FieldScore]:
    """Per-field agreement of ``records`` (manifest path -> Record) with the manifest."""
    scores = {name: FieldScore() for name in FIELDS}
    for f in manifest.files:
        rec = records.get(f.path)
        for name, (got_of, want_of) in FIELDS.items():
            s = scores[name]
            if name in ONLY_WHEN_PRINTED and not ONLY_WHEN_PRINTED[name](f.expected):
                continue
            s.total += 1
            want = want_of(f.expected)
            got = got_of(rec.metadata) if rec is not None else "<not ingested>"
            if got == want:
                s.agree += 1
            else:
                s.misses.append(f"{f.key}: {got!r} != {want!r}")
    return scores


def format_scores(scores: dict[str, FieldScore], misses: int = 3) -> str:
    out = []
    for name, s in scores.items():
        line = f"{name}: {s.agree}/{s.total}"
        if s.misses:
            line += "  [" + "; ".join(s.misses[:misses]) + (" ..." if len(s.misses) > misses else "") + "]"
        out.append(line)
    return "\n".join(out)


def ingest_sample(sample: Path, archive: Path) -> tuple[dict[str, Any], list[str]]:
    """Ingest every access folder of a generated sample; (manifest path -> Record, failures)."""
    from services.ingest import ingest_paths
    from sulieu.settings import Settings
    from sulieu.store import ArchiveStore

    settings = Settings(archive=archive, jobs=2)
    by_path: dict[str, Any] = {}
    failed: list[str] = []
    store = ArchiveStore(archive)
    for access in ACCESS:
        folder = sample / access
        if not folder.is_dir():
            continue
        summary = ingest_paths([folder], settings, access=access)
        failed += [f"{r.path}: {r.code} {r.message}" for r in summary.failed]
        for r in summary.results:
            if r.doc_id:
                rel = Path(r.path).resolve().relative_to(sample.resolve()).as_posix()
                by_path[rel] = store.read_record(r.doc_id)
    return by_path, failed


def citation_report(manifest: Any, records: dict[str, Any], graph: Any) -> tuple[int, int, int, list[str]]:
    """(in-sample citations resolved right, in-sample total, wrong resolutions, problems)."""
    from sulieu.symbols import symbol_key

    id_of = {path: rec.id for path, rec in records.items()}
    right = total = wrong = 0
    problems: list[str] = []
    for f in manifest.files:
        rec = records.get(f.path)
        resolved = graph.targets(rec.id) if rec is not None else []
        by_key: dict[str, set[str | None]] = {}
        for rc in resolved:
            if rc.citation.symbol:
                by_key.setdefault(symbol_key(rc.citation.symbol), set()).add(rc.target_id)
        for c in f.citations:
            key = symbol_key(c.symbol) if c.symbol else None
            got = by_key.get(key, set()) if key else set()
            if c.in_sample:
                total += 1
                want = id_of.get(c.target_path or "")
                if got and got == {want}:
                    right += 1
                else:
                    problems.append(f"{f.key} -> {c.symbol}: {got or 'not found'} (want {c.target_path})")
            elif got - {None}:
                wrong += 1
                problems.append(f"{f.key} -> {c.symbol} (outside) resolved to {got - {None}}")
        # Nothing the record resolves may point at a document the manifest does not cite.
        cited = {id_of.get(c.target_path or "") for c in f.citations if c.in_sample}
        for rc in resolved:
            if rc.target_id and rc.target_id not in cited:
                wrong += 1
                problems.append(f"{f.key} -> {rc.citation.text!r} resolved to an uncited {rc.target_id}")
    return right, total, wrong, problems


def missing_report(manifest: Any, graph: Any) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(expected, got) cited-but-missing lists as (symbol key, count), the manifest's ones only."""
    from sulieu.symbols import symbol_key

    want = [(symbol_key(m.symbol), m.count) for m in manifest.missing]
    keys = {k for k, _ in want}
    got = [
        (symbol_key(m.symbol), m.count) for m in graph.unresolved_ranked() if m.symbol and symbol_key(m.symbol) in keys
    ]
    return want, got


def same_ranking(want: list[tuple[str, int]], got: list[tuple[str, int]]) -> bool:
    """Same documents with the same counts, ranked by count (ties may be ordered by either key)."""
    return dict(got) == dict(want) and len(got) == len(want) and [c for _, c in got] == [c for _, c in want]


# --- the tests -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    from sample_data import generate_sample

    tmp = tmp_path_factory.mktemp("sample_archive")
    manifest = generate_sample(tmp / "sample", scans=True)
    records, failed = ingest_sample(tmp / "sample", tmp / "archive")
    return manifest, records, failed, tmp / "archive"


def test_every_file_ingested(ingested) -> None:
    manifest, records, failed, _ = ingested
    assert not failed, failed
    assert sorted(records) == sorted(f.path for f in manifest.files)


# Fields that must agree on every file; the rest may miss on scans only (OCR damage), at most
# this many files each.
SCAN_SLACK = 2  # of the 4 scans; OCR misreads ("b/C", "chỉ" for "chi") are not the extractor's


def test_metadata_agrees_with_manifest(ingested) -> None:
    manifest, records, _, _ = ingested
    scores = compare_metadata(manifest, records)
    report = format_scores(scores)
    scan_keys = {f.key for f in manifest.files if f.kind == "scan"}
    bad = []
    for name, s in scores.items():
        non_scan = [m for m in s.misses if m.split(":", 1)[0] not in scan_keys]
        if non_scan or len(s.misses) > SCAN_SLACK:
            bad.append(name)
    assert not bad, f"fields disagreeing: {bad}\n{report}"


def test_citations_resolve_to_the_right_documents(ingested) -> None:
    from sulieu.citation_graph import CitationGraph
    from sulieu.store import ArchiveStore

    manifest, records, _, archive = ingested
    graph = CitationGraph.from_store(ArchiveStore(archive))
    right, total, wrong, problems = citation_report(manifest, records, graph)
    assert total > 0
    assert (right, wrong) == (total, 0), f"in-sample resolved {right}/{total}, wrong {wrong}:\n" + "\n".join(problems)


def test_missing_ranking_matches_manifest(ingested) -> None:
    from sulieu.citation_graph import CitationGraph
    from sulieu.store import ArchiveStore

    manifest, _, _, archive = ingested
    graph = CitationGraph.from_store(ArchiveStore(archive))
    want, got = missing_report(manifest, graph)
    assert want
    assert same_ranking(want, got), f"missing ranking\n got: {got}\nwant: {want}"
