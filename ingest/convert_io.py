"""Reading a source file's bytes with our errors instead of OSError."""

from __future__ import annotations

from pathlib import Path

from ingest.types import SourceFile
from sulieu.errors import InputError, NotFound


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
