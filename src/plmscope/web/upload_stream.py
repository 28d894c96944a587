"""Receive a multipart upload straight to disk, chunk by chunk, within a size limit.

Nothing is read into memory whole: each file part is written to its own temporary file in the
data folder's ``uploads/.incoming`` as it arrives, and the upload is stopped the moment it
passes the limit (the partial files are removed). The browser's file name is kept only as
text (for an error message, or as a label when identity is turned on); it never names a file.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PureWindowsPath
from typing import BinaryIO

from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

FORM_OVERHEAD = 1 << 20  # headers and small fields on top of the files' bytes


class UploadTooLarge(Exception):
    """The upload passed the size limit (HTTP 413)."""


class BadForm(ValueError):
    """The request is not a form this endpoint takes (HTTP 415 or 422)."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


@dataclass
class ReceivedFile:
    field: str
    client_name: str  # display text only, never a path
    path: Path
    size: int = 0


@dataclass
class ReceivedForm:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[ReceivedFile] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[-1] if values else None

    def files_of(self, name: str) -> list[ReceivedFile]:
        return [f for f in self.files if f.field == name]

    def discard(self) -> None:
        """Remove every file received (after a failure, or once moved elsewhere)."""
        for received in self.files:
            received.path.unlink(missing_ok=True)


def display_name(raw: str) -> str:
    """The last part of a browser-sent file name, as plain text (no folders, no control chars)."""
    name = PureWindowsPath(PurePath(raw).name).name
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in "\\/")
    return cleaned.strip()[:120] or "upload"


def boundary_of(content_type: str | None) -> bytes:
    """The multipart boundary of a Content-Type header; BadForm (415) when it is not multipart."""
    kind, params = parse_options_header(content_type or "")
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise BadForm("send the night as multipart/form-data (field 'file')", status=415)
    return params[b"boundary"]


class _FormSink:
    """The parser's callbacks: headers per part, data to a file (file parts) or memory (fields)."""

    def __init__(self, folder: Path, limit: int, max_files: int, max_fields: int, max_field_bytes: int):
        self.folder, self.limit = folder, limit
        self.max_files, self.max_fields, self.max_field_bytes = max_files, max_fields, max_field_bytes
        self.form = ReceivedForm()
        self.file_bytes = 0
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._out: BinaryIO | None = None
        self._current: ReceivedFile | None = None
        self._field: tuple[str, bytearray] | None = None
        self._n_fields = 0
        self._unnamed = False

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._header_name.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._headers = {}

    def _header_end(self) -> None:
        self._headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _kind, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        if not name:
            raise BadForm("a form part has no field name")
        if b"filename" in params:
            if len(self.form.files) >= self.max_files:
                raise BadForm(f"too many files in one upload (at most {self.max_files})")
            path = self.folder / f"{secrets.token_hex(12)}.part"
            raw_name = params[b"filename"].decode("utf-8", "replace")
            self._unnamed = not raw_name.strip()
            self._current = ReceivedFile(name, display_name(raw_name), path)
            self.form.files.append(self._current)
            self._out = path.open("xb")
        else:
            self._n_fields += 1
            if self._n_fields > self.max_fields:
                raise BadForm(f"too many form fields (at most {self.max_fields})")
            self._field = (name, bytearray())

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None and self._current is not None:
            self.file_bytes += end - start
            if self.file_bytes > self.limit:
                raise UploadTooLarge()
            self._out.write(data[start:end])
            self._current.size += end - start
        elif self._field is not None:
            self._field[1].extend(data[start:end])
            if len(self._field[1]) > self.max_field_bytes:
                raise BadForm(f"form field '{self._field[0]}' is too long")

    def _part_end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
            if self._unnamed and self._current is not None and self._current.size == 0:
                self.form.files.remove(self._current)  # a file input left empty: browsers send a blank part
                self._current.path.unlink(missing_ok=True)
            self._current = None
        elif self._field is not None:
            name, value = self._field
            self.form.fields.setdefault(name, []).append(value.decode("utf-8", "replace"))
            self._field = None

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


async def receive_form(
    body: AsyncIterator[bytes],
    content_type: str | None,
    folder: Path,
    limit: int,
    *,
    max_files: int = 8,
    max_fields: int = 20,
    max_field_bytes: int = 4096,
) -> ReceivedForm:
    """Stream a multipart body into files under ``folder``; raises UploadTooLarge or BadForm.

    On any failure every file received so far is removed again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sink = _FormSink(folder, limit, max_files, max_fields, max_field_bytes)
    parser = MultipartParser(boundary_of(content_type), sink.callbacks())
    received = 0
    try:
        async for chunk in body:
            received += len(chunk)
            if received > limit + FORM_OVERHEAD:
                raise UploadTooLarge()
            parser.write(chunk)
        parser.finalize()
    except (UploadTooLarge, BadForm):
        sink.close()
        sink.form.discard()
        raise
    except Exception as exc:  # a malformed body (python-multipart raises its own errors)
        sink.close()
        sink.form.discard()
        raise BadForm(f"the upload is not a well-formed multipart form ({type(exc).__name__})") from None
    sink.close()
    if sink._current is not None or sink._field is not None:
        sink.form.discard()
        raise BadForm("the upload ended before its last part was complete")
    return sink.form
