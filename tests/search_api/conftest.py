"""Fixtures for API tests: a small indexed archive, users of every role, HTTP clients for each.

The archive is built and indexed once per session (real records, real Tantivy index) and copied
for each test that needs one, so writes in one test never leak into another.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.state import app_state
from sulieu.settings import Settings
from sulieu.store import ArchiveStore
from tests.support import archive_builder

PASSWORD = "mat-khau-dai-1"
# name -> (role, clearance)
ACCOUNTS = {
    "reader": ("reader", None),
    "editor": ("editor", None),
    "cleared": ("editor", "restricted"),
    "admin": ("admin", None),
}


@dataclass
class ApiEnv:
    root: Path
    ids: dict[str, str]
    app: object
    tokens: dict[str, str]

    def client(self, who: str | None = None) -> TestClient:
        c = TestClient(self.app, raise_server_exceptions=False)  # type: ignore[arg-type]
        if who is not None:
            c.headers["Authorization"] = f"Bearer {self.tokens[who]}"
        return c


Base = tuple[Path, dict[str, str], dict[str, str]]


@pytest.fixture(scope="session")
def base_archive(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """Built, indexed, with users and tokens, once per session (Argon2 hashing is slow on purpose)."""
    from services.users import UserStore

    root = tmp_path_factory.mktemp("api-base") / "archive"
    ids = archive_builder.build(root)
    archive_builder.index(root)
    users = UserStore(root / "users.sqlite")
    tokens = {}
    for name, (role, clearance) in ACCOUNTS.items():
        users.add_user(name, role, PASSWORD, clearance=clearance)
        tokens[name], _ = users.create_token(name, "tests")
    return root, ids, tokens


def make_env(base: Base, dest: Path, **overrides: object) -> ApiEnv:
    src, ids, tokens = base
    shutil.copytree(src, dest)
    settings = Settings(archive=dest, secret_key="test-secret", **overrides)  # type: ignore[arg-type]
    if settings.opensearch_url or settings.es_url:
        from services.preservation import reindex

        stats, _ = reindex(settings)  # what ``sulieu reindex`` does: a new cluster index is filled from the archive
        assert stats["documents"] == len(list(ArchiveStore(dest).iter_ids())), stats
    return ApiEnv(dest, ids, create_app(settings), dict(tokens))


@pytest.fixture
def env(base_archive: Base, tmp_path: Path) -> Iterator[ApiEnv]:
    e = make_env(base_archive, tmp_path / "archive", max_upload_mb=1)
    yield e
    app_state(e.app).jobs.shutdown()
    app_state(e.app).context.close()


@pytest.fixture(scope="module")
def shared_env(base_archive: Base, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiEnv]:
    """One environment for read-only tests of a module."""
    e = make_env(base_archive, tmp_path_factory.mktemp("api-shared") / "archive")
    yield e
    app_state(e.app).jobs.shutdown()
    app_state(e.app).context.close()
