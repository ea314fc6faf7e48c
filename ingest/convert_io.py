"""Reading a source file's bytes with our errors instead of OSError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeGuard

from ingest.types import SourceFile
from sulieu.errors import CorruptFile, InputError, NotFound, SulieuError


def source_name(source: SourceFile) -> str:
    return source.original_name or Path(source.path).name


def read_bytes(source: SourceFile) -> bytes:
    name = source_name(source)
    try:
        return Path(source.path).read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(f"Không tìm thấy tệp “{name}”.", detail=source.path) from exc
    except PermissionError as exc:
        raise InputError(f"Không có quyền đọc tệp “{name}”.", detail=str(exc)) from exc
    except OSError as exc:
        raise InputError(f"Không đọc được tệp “{name}”.", detail=str(exc)) from exc


@contextmanager
def library_errors_as_corrupt(source: SourceFile, kind: str) -> Iterator[None]:
    """A converter library failing on a malformed file becomes our CorruptFile, never a traceback."""
    try:
        yield
    except SulieuError:
        raise
    except Exception as exc:
        raise CorruptFile(
            f"Không chuyển đổi được tệp {kind} “{source_name(source)}”: tệp bị hỏng hoặc không chuẩn.",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def is_inside(path: str | None, folder: str | Path) -> TypeGuard[str]:
    """Whether ``path`` lies under ``folder`` (staged files may be removed, others never)."""
    if not path:
        return False
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False
