"""Write output files so that a crash or a bad input never leaves a half-written file.

Every output plmscope writes goes through :func:`write_atomic` (or :func:`write_atomic_with`
for writers that stream into a file): the content goes to a temporary file in the target's
folder and replaces the target in one rename, so an existing file stays intact until the new
content is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from plmscope.errors import PlmscopeInputError


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` via a temporary file and an atomic rename.

    >>> import tempfile, pathlib
    >>> out = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "note.txt", "hello")
    >>> out.read_text()
    'hello'
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return write_atomic_with(path, lambda fh: fh.write(payload))


def write_atomic_with(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it over ``path``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlmscopeInputError(f"cannot create the folder ({exc.strerror})", path=str(folder)) from None
    if target.is_dir():
        raise PlmscopeInputError("is a folder; give a file name to write", path=str(target))
    mode = _default_file_mode()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise PlmscopeInputError(f"cannot write here ({exc.strerror})", path=str(target)) from None
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; outputs get the usual umask-based mode
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _default_file_mode() -> int:
    """0666 less the process umask, as ``open()`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
