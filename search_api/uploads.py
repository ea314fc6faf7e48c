"""Receive a multipart upload straight to disk, enforcing limits while the bytes arrive.

Each file part is written under ``<archive>/tmp/uploads/<job>/<n>/<name>`` as it streams in;
the size limit is checked on every chunk (an oversized file is cut off, never held in
memory), then each file is sniffed (``services.upload_check``). If any file is refused, the whole
staging folder is removed and nothing is queued: an upload is all or nothing.
"""

from __future__ import annotations

import re
import secrets
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from services.upload_check import sniff
from sulieu.errors import InputError, SulieuError, TooLarge, UnsupportedFormat

MAX_FIELD_BYTES = 4096
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass
class StagedFile:
    name: str
    path: Path
    size: int = 0
    mime: str | None = None


def safe_name(raw: str, index: int) -> str:
    """A file name safe to create: no folders, no control characters, not hidden, at most 150 chars."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip().lstrip(".")
    if not name:
        name = f"tep-{index}"
    if len(name) > 150:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:140] + dot + ext[:9]) if dot and len(ext) < 10 else name[:150]
    return name


class _Receiver:
    def __init__(self, root: Path, *, max_file_bytes: int, max_files: int) -> None:
        self.root = root
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        self.files: list[StagedFile] = []
        self.fields: dict[str, str] = {}
        self._hname = b""
        self._hvalue = b""
        self._disposition = b""
        self._current: StagedFile | None = None
        self._fh: BinaryIO | None = None
        self._field_name: str | None = None
        self._field_data = bytearray()
        self.ended = False

    # python-multipart callbacks ------------------------------------------------------------
    def on_part_begin(self) -> None:
        self._disposition = b""
        self._current = None
        self._field_name = None
        self._field_data = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._hname += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._hvalue += data[start:end]

    def on_header_end(self) -> None:
        if self._hname.lower() == b"content-disposition":
            self._disposition = self._hvalue
        self._hname, self._hvalue = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name")
        if name is None:
            raise InputError("Phần dữ liệu tải lên thiếu tên trường (Content-Disposition name).")
        if b"filename" in options:
            if len(self.files) >= self.max_files:
                raise TooLarge(f"Quá nhiều tệp trong một lần tải lên; tối đa {self.max_files} tệp.")
            index = len(self.files) + 1
            filename = safe_name(options[b"filename"].decode("utf-8", "replace"), index)
            folder = self.root / f"{index:04d}"
            folder.mkdir(parents=True)
            self._current = StagedFile(filename, folder / filename)
            self.files.append(self._current)
            self._fh = open(self._current.path, "wb")  # noqa: SIM115 - closed in on_part_end / cleanup
        else:
            self._field_name = name.decode("utf-8", "replace")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._current is not None:
            self._current.size += len(chunk)
            if self._current.size > self.max_file_bytes:
                raise TooLarge(
                    f"Tệp {self._current.name} vượt giới hạn {self.max_file_bytes // (1024 * 1024)} MB mỗi tệp.",
                )
            assert self._fh is not None  # opened with _current in on_headers_finished
            self._fh.write(chunk)
        else:
            self._field_data.extend(chunk)
            if len(self._field_data) > MAX_FIELD_BYTES:
                raise TooLarge("Trường dữ liệu trong biểu mẫu quá dài.")

    def on_part_end(self) -> None:
        if self._current is not None and self._fh is not None:
            self._fh.close()
            self._fh = None
        elif self._field_name is not None:
            self.fields[self._field_name] = self._field_data.decode("utf-8", "replace")

    def on_end(self) -> None:
        self.ended = True

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


async def receive_upload(request: Request, staging_root: Path, *, max_file_bytes: int, max_files: int,
                         max_image_pixels: int) -> tuple[str, Path, list[StagedFile], dict[str, str]]:
    """Stage every file of a multipart request; returns (job id, staging folder, files, form fields)."""
    ctype = request.headers.get("content-type", "")
    kind, params = parse_options_header(ctype)
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise UnsupportedFormat("Tải lên phải gửi dạng multipart/form-data (trường 'files').")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_file_bytes * max_files + 1024 * 1024:
        raise TooLarge("Dữ liệu tải lên vượt tổng dung lượng cho phép.")
    job_id = secrets.token_hex(8)
    root = staging_root / job_id
    root.mkdir(parents=True)
    rec = _Receiver(root, max_file_bytes=max_file_bytes, max_files=max_files)
    callbacks = {k: getattr(rec, k) for k in (
        "on_part_begin", "on_part_data", "on_part_end", "on_header_field", "on_header_value", "on_header_end",
        "on_headers_finished", "on_end")}
    try:
        try:
            parser = MultipartParser(params[b"boundary"], callbacks)  # type: ignore[arg-type]
            async for chunk in request.stream():
                parser.write(chunk)
            parser.finalize()
            if not rec.ended:
                raise InputError("Dữ liệu tải lên bị cắt ngang (thiếu ranh giới kết thúc multipart); hãy gửi lại.")
        except FormParserError as e:
            raise InputError("Dữ liệu multipart bị hỏng hoặc không đầy đủ.", detail=str(e)) from e
        finally:
            rec.close()
        if not rec.files:
            raise InputError("Không có tệp nào trong yêu cầu tải lên (trường 'files').")
        for f in rec.files:
            try:
                f.mime = sniff(f.path, max_image_pixels=max_image_pixels, max_unpacked_bytes=max_file_bytes * 20)
            except SulieuError as e:
                e.message = f"{f.name}: {e.message}"
                raise
        return job_id, root, rec.files, rec.fields
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
