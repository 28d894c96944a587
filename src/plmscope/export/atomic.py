"""Write output files so that a crash or a bad input never leaves a half-written file.

Every output plmscope writes goes through :func:`write_atomic` (or :func:`write_atomic_with`
for writers that stream into a file, or :func:`write_all` for a set of outputs): the content
goes to a temporary file in the target's folder and replaces the target in one rename, so an
existing file stays intact until the new content is complete. :func:`write_all` prepares every
file of the set before it replaces any, so a failure leaves no half set of outputs.

Each path is checked by :func:`plmscope.export.paths.write_target` first: folders, devices,
FIFOs, sockets and immutable files are refused; a symbolic link is written through to its
target (the link stays); an existing file keeps its permissions (and owner, where allowed).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from plmscope.errors import PlmscopeInputError
from plmscope.export.paths import Target, check_outputs

#: What to write: text (UTF-8), bytes, or a function that writes into an open binary file.
Content = str | bytes | Callable[[BinaryIO], object]


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` via a temporary file and an atomic rename.

    >>> import tempfile, pathlib
    >>> out = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "note.txt", "hello")
    >>> out.read_text()
    'hello'
    """
    return write_all([(path, data)])[0]


def write_atomic_with(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it over ``path``."""
    return write_all([(path, write)])[0]


def write_all(items: Sequence[tuple[str | Path, Content]]) -> list[Path]:
    """Write several outputs as one set: every file is prepared before any is replaced.

    Returns the paths as given. Any path refused (see :mod:`plmscope.export.paths`) stops the
    set before anything is written.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_all([(folder / "a.txt", "A"), (folder / "b.bin", b"B")])]
    ['a.txt', 'b.bin']
    """
    targets = check_outputs({f"output {i + 1}": path for i, (path, _) in enumerate(items)})
    staged: list[tuple[str, Target]] = []
    try:
        for (_, content), target in zip(items, targets.values()):
            staged.append((_prepare(target, content), target))
        for tmp, target in staged:
            _replace(tmp, target)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return [Path(path) for path, _ in items]


def _prepare(target: Target, content: Content) -> str:
    """The content in a temporary file next to the target, with the target's mode."""
    folder = target.path.parent if str(target.path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise PlmscopeInputError(f"cannot write here ({exc.strerror})", path=str(target.given)) from None
    try:
        _copy_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            if callable(content):
                content(fh)
            else:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise PlmscopeInputError(f"cannot be written ({exc.strerror})", path=str(target.given)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _replace(tmp: str, target: Target) -> None:
    """Rename the prepared file over the target; a refusal by the system is one line."""
    try:
        os.replace(tmp, target.path)
    except OSError as exc:
        raise PlmscopeInputError(
            f"cannot be replaced ({exc.strerror}): is it immutable, or its folder read-only?",
            path=str(target.given),
        ) from None


def _copy_mode(fd: int, target: Target) -> None:
    """An existing file's permissions (and owner, where allowed); else the usual umask mode."""
    if not target.exists:
        os.fchmod(fd, _default_file_mode())  # mkstemp makes 0600; new outputs get the usual mode
        return
    info = os.stat(target.path)
    if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except OSError:
            pass  # only root may give a file away; the content is what matters
    os.fchmod(fd, info.st_mode & 0o7777)


def _default_file_mode() -> int:
    """0666 less the process umask, as ``open()`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
