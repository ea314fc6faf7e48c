"""Backup and restore as the README documents them, on a real archive folder.

Embedded set-up: the archive folder is the whole backup (``tar``). Elasticsearch set-up: the
archive folder without any index, then ``sulieu check --repair`` (or ``sulieu reindex``)
rebuilds the index; here the embedded engine stands in for the rebuilt one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from search_engine import SearchRequest, open_backend
from search_engine.service import search
from sulieu.model import ACCESS_LEVELS
from sulieu.settings import Settings
from sulieu.store import ArchiveStore
from sulieu_cli.main import main
from tests.ingest.preservation.conftest import Sample, snapshot

pytestmark = pytest.mark.skipif(shutil.which("tar") is None, reason="tar không có")


def _every_document_found(root: Path) -> None:
    settings = Settings(archive=root)
    store = ArchiveStore(root)
    backend = open_backend(settings)
    try:
        for rec in store.iter_records():
            md = rec.metadata
            q = md.symbol or rec.pages[0].text.split(".")[0]
            res = search(backend, SearchRequest(q=q, allowed_access=list(ACCESS_LEVELS), page_size=50))
            assert rec.id in [h.id for h in res.hits], (rec.id, q)
        assert backend.ids() == set(store.iter_ids())
    finally:
        backend.close()


@pytest.mark.parametrize("with_index", [True, False], ids=["embedded-folder", "archive-without-index"])
def test_restore_backup_into_empty_folder(indexed_sample: Sample, tmp_path: Path, with_index: bool) -> None:
    src = indexed_sample.store.root
    tarball = tmp_path / "backup.tar.gz"
    cmd = ["tar", "-C", str(src.parent), "-czf", str(tarball)]
    if not with_index:
        cmd += ["--exclude", f"{src.name}/index"]
    subprocess.run([*cmd, src.name], check=True)

    restore = tmp_path / "restore"
    restore.mkdir()
    assert not any(restore.iterdir())
    subprocess.run(["tar", "-C", str(restore), "-xzf", str(tarball)], check=True)
    root = restore / src.name
    if with_index:
        assert main(["--archive", str(root), "check"]) == 0
    else:
        assert not (root / "index").exists()
        assert main(["--archive", str(root), "check"]) == 1  # the index is missing every document
        assert main(["--archive", str(root), "check", "--repair"]) == 0
    _every_document_found(root)
    original = {k: v for k, v in snapshot(src).items() if not k.startswith(("index", "graph.json"))}
    restored = {k: v for k, v in snapshot(root).items() if not k.startswith(("index", "graph.json"))}
    assert restored == original
