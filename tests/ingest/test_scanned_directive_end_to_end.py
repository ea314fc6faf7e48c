"""A scanned directive with a red seal over its signature, printed with its footer side by side, through
``sulieu ingest`` (the real pipeline, real Tesseract), then read back with ``sulieu show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sample_data.catalog import prepared_all
from sample_data.directive_scan import render_directive, shortened, write_scan_pdf
from sample_data.scans import degrade
from sulieu.store import ArchiveStore

pytestmark = pytest.mark.integration


def test_scanned_directive_with_a_seal_keeps_signer_distribution_and_marks(tmp_path: Path, capsys) -> None:
    from sulieu_cli.main import main

    p = next(p for p in prepared_all() if p.doc.key == "btgtw-hd112")
    p = shortened(p, 1)
    pages = [degrade(pg, "moderate", seed=77) for pg in render_directive(p, seed=77, seal=True, marks=("MẬT",))]
    src = write_scan_pdf(pages, tmp_path / "in" / "huong-dan-112.pdf")
    src.with_suffix(".txt").unlink()  # the ground truth stays out of the ingested folder
    archive = tmp_path / "kho"

    assert main(["ingest", str(src.parent), "--archive", str(archive), "--no-progress", "--jobs", "1"]) == 0
    (doc_id,) = ArchiveStore(archive).iter_ids()
    capsys.readouterr()
    assert main(["--archive", str(archive), "show", doc_id, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    md = record["metadata"]
    assert md["symbol"] == "112-HD/BTGTW"
    assert md["signer"]["authority"] == "K/T"
    assert md["signer"]["position"].upper() == "PHÓ TRƯỞNG BAN"
    assert md["signer"]["name"] == "Vũ Thanh Bình"
    assert [d.casefold() for d in md["distribution"]] == [
        d.lstrip("- ").rstrip(",;.").casefold() for d in p.doc.distribution]
    assert md["marks"] == ["Mật"]
    kinds = [r["kind"] for r in record["pages"][0]["ocr"]["regions"]]
    assert kinds[:2] == ["header_left", "header_right"] and kinds[-2:] == ["footer_left", "footer_right"]
