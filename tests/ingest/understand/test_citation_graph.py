"""Citation resolution with the citing document's province as context, and the missing list."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.understand import understand
from sulieu.citation_graph import CitationGraph, GraphDoc
from sulieu.model import Citation, DocumentMetadata


def _doc(
    doc_id: str, symbol: str | None, date: str | None, province: str | None, cites: list[Citation] | None = None, **kw
) -> GraphDoc:
    from sulieu.symbols import parse_symbol

    p = parse_symbol(symbol) if symbol else None
    md = DocumentMetadata(
        symbol=symbol,
        symbol_key=p.key if p else None,
        number=p.number if p else None,
        issuer_code=p.issuer_code if p else None,
        date=date,
        province=province,
        **kw,
    )
    return GraphDoc(id=doc_id, metadata=md, citations=cites or [])


def _cite(symbol: str, date: str | None = None, **kw) -> Citation:
    return Citation(text=f"Kế hoạch số {symbol}", symbol=symbol, date=date, **kw)


def test_local_symbol_resolves_within_the_citing_province_only() -> None:
    hp_plan = _doc("aaaa000000000001", "328-KH/TU", "2024-01-12", "Hải Phòng", doc_type="Kế hoạch")
    hy_plan = _doc("aaaa000000000002", "328-KH/TU", "2024-01-12", "Hưng Yên", doc_type="Kế hoạch")
    hp_letter = _doc(
        "aaaa000000000003",
        "1902-CV/QU",
        "2024-02-28",
        "Hải Phòng",
        [_cite("328-KH/TU", "2024-01-12", doc_type="Kế hoạch")],
    )
    hy_letter = _doc("aaaa000000000004", "5-CV/HU", "2024-03-01", "Hưng Yên", [_cite("328-KH/TU", "2024-01-12")])
    g = CitationGraph.build([hp_plan, hy_plan, hp_letter, hy_letter])
    assert [r.target_id for r in g.targets(hp_letter.id)] == [hp_plan.id]
    assert [r.target_id for r in g.targets(hy_letter.id)] == [hy_plan.id]
    assert [cid for cid, _ in g.cited_by(hp_plan.id)] == [hp_letter.id]
    assert [cid for cid, _ in g.cited_by(hy_plan.id)] == [hy_letter.id]


def test_named_province_in_the_citation_wins_over_the_citing_province() -> None:
    hp_directive = _doc("bbbb000000000001", "17-CT/TU", "2018-11-13", "Hải Phòng")
    hn_doc = _doc("bbbb000000000002", "9-CV/QU", "2024-01-01", "Hà Nội", [_cite("17-CT/TU", province="Hải Phòng")])
    g = CitationGraph.build([hp_directive, hn_doc])
    assert g.targets(hn_doc.id)[0].target_id == hp_directive.id


def test_central_symbol_short_and_full_forms_and_year_check() -> None:
    conclusion = _doc("cccc000000000001", "2517-KL/HVCTQG", "2023-10-09", None, doc_type="Kết luận")
    a = _doc(
        "cccc000000000002",
        "1-CV/QU",
        "2024-01-01",
        "Hải Phòng",
        [_cite("2517-HVCTQG", "2023-10-09", doc_type="Kết luận")],
    )
    b = _doc("cccc000000000003", "2-CV/QU", "2024-01-01", "Hưng Yên", [_cite("2517-KL/HVCTQG", "2023-10-09")])
    wrong_year = _doc("cccc000000000004", "3-CV/QU", "2024-01-01", "Hưng Yên", [_cite("2517-KL/HVCTQG", "2019-05-01")])
    g = CitationGraph.build([conclusion, a, b, wrong_year])
    assert g.targets(a.id)[0].target_id == conclusion.id
    assert g.targets(b.id)[0].target_id == conclusion.id
    assert g.targets(wrong_year.id)[0].target_id is None
    assert sorted(cid for cid, _ in g.cited_by(conclusion.id)) == sorted([a.id, b.id])


def test_local_symbol_without_any_province_needs_the_date() -> None:
    plan = _doc("dddd000000000001", "328-KH/TU", "2024-01-12", None)
    with_date = _doc("dddd000000000002", "1-CV/QU", None, None, [_cite("328-KH/TU", "2024-01-12")])
    without = _doc("dddd000000000003", "2-CV/QU", None, None, [_cite("328-KH/TU")])
    g = CitationGraph.build([plan, with_date, without])
    assert g.targets(with_date.id)[0].target_id == plan.id
    assert g.targets(without.id)[0].target_id is None


def test_deleted_documents_are_not_targets_and_later_arrivals_resolve(tmp_path: Path) -> None:
    citing = _doc("eeee000000000001", "1-CV/QU", "2024-02-01", "Hải Phòng", [_cite("328-KH/TU", "2024-01-12")])
    g1 = CitationGraph.build([citing])
    assert g1.targets(citing.id)[0].target_id is None
    assert g1.unresolved_ranked()[0].count == 1
    plan = _doc("eeee000000000002", "328-KH/TU", "2024-01-12", "Hải Phòng")
    g2 = CitationGraph.build([citing, plan])  # the plan arrives later: the citation links up
    assert g2.targets(citing.id)[0].target_id == plan.id
    assert g2.unresolved_ranked() == []
    plan.deleted = True
    assert CitationGraph.build([citing, plan]).targets(citing.id)[0].target_id is None
    # save / load round trip (atomic JSON)
    path = tmp_path / "graph.json"
    g2.save(path)
    g3 = CitationGraph.load(path)
    assert g3.targets(citing.id)[0].target_id == plan.id
    assert [cid for cid, _ in g3.cited_by(plan.id)] == [citing.id]


def test_ambiguous_candidates_stay_unresolved() -> None:
    a = _doc("ffff000000000001", "5-KH/TU", "2020-01-01", "Hải Phòng")
    b = _doc("ffff000000000002", "5-KH/TU", "2021-01-01", "Hải Phòng")
    citing = _doc("ffff000000000003", "1-CV/QU", "2024-01-01", "Hải Phòng", [_cite("5-KH/TU")])
    g = CitationGraph.build([a, b, citing])
    rc = g.targets(citing.id)[0]
    assert rc.target_id is None and rc.reason == "ambiguous"


@pytest.mark.integration
def test_seeds_graph_ranks_missing_documents(shared_dir: Path) -> None:
    docs = []
    for i, path in enumerate(sorted((shared_dir / "seeds").glob("*.txt"))):
        u = understand([path.read_text(encoding="utf-8")])
        docs.append(GraphDoc(id=f"{i:016x}", metadata=u.metadata, citations=u.citations))
    g = CitationGraph.build(docs)
    missing = g.unresolved_ranked()
    top = missing[0]
    # Chỉ thị 20-CT/TW is cited by three of the five seeds
    assert (top.doc_type, top.number, top.count) == ("Chỉ thị", "20", 3)
    assert top.date == "2018-01-18"
    # 2517-HVCTQG (seed 003) and 2517-KL/HVCTQG (seed 004) are one missing document
    kl = [m for m in missing if m.number == "2517"]
    assert len(kl) == 1 and kl[0].count == 2 and kl[0].symbol == "2517-KL/HVCTQG"
    # 387-TB/BTGTW: two citing documents
    assert next(m for m in missing if m.number == "387").count == 2
    # Hải Phòng's and Hưng Yên's "...-KH/TU" are never merged
    tu = [m for m in missing if m.symbol and m.symbol.endswith("/TU")]
    assert all(m.count == 1 for m in tu)
    counts = [m.count for m in missing]
    assert counts == sorted(counts, reverse=True)


def test_graph_from_the_archive_uses_corrections(archive_dir: Path) -> None:
    from sulieu.model import Correction, Provenance, Record
    from sulieu.store import ArchiveStore

    store = ArchiveStore(archive_dir)
    prov = Provenance(original_name="x.txt", mime="text/plain", size=1, sha256="0" * 64)
    plan = understand(
        [
            "ĐẢNG BỘ TP HẢI PHÒNG\nTHÀNH ỦY HẢI PHÒNG\nSố 382-KH/TU\nHải Phòng, ngày 12 tháng 01 năm 2024\nKẾ HOẠCH\ngặp mặt\n"
        ]
    )
    letter = understand(["Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy.\n"])
    letter.metadata.province = "Hải Phòng"
    store.write_record(Record(id="1111111111111111", provenance=prov, pages=[], metadata=plan.metadata))
    store.write_record(
        Record(id="2222222222222222", provenance=prov, pages=[], metadata=letter.metadata, citations=letter.citations)
    )
    g = CitationGraph.from_store(store)
    assert g.targets("2222222222222222")[0].target_id is None  # the plan was read as 382 (a misprint)
    store.add_correction("1111111111111111", Correction(field="symbol", value="328-KH/TU", by="archivist"))
    g = CitationGraph.from_store(store)
    assert g.targets("2222222222222222")[0].target_id == "1111111111111111"  # the corrected symbol wins
    assert [cid for cid, _ in g.cited_by("1111111111111111")] == ["2222222222222222"]
