"""One sample archive per test session, rendered afresh into an empty render cache.

The first generation fills a session-private cache (``SULIEU_SAMPLE_CACHE``), so it is a full
render; later generations in the session (scans=False, CLI) copy from that cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_data import SampleManifest, generate_sample


@pytest.fixture(scope="session")
def sample_cache(tmp_path_factory: pytest.TempPathFactory):
    cache = tmp_path_factory.mktemp("sample-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SULIEU_SAMPLE_CACHE", str(cache))
        yield cache


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_cache: Path) -> tuple[Path, SampleManifest]:
    out = tmp_path_factory.mktemp("sample")
    return out, generate_sample(out)
