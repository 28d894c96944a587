"""Where outputs may go: every output path is checked here before any work starts.

One rule set for every command that writes (``score``, ``demo``, ``simulate``, ``assess``, and
any new one): call :func:`check_outputs` with the outputs by option name and the inputs by
what they are, before reading the night. It refuses, with one line naming the path:

- an output that is one of the inputs (the same file, also through a symbolic or hard link:
  files are compared by device and inode),
- two outputs on one path,
- a path that is a folder, a device, a FIFO or a socket (only regular files are written),
- an existing file that cannot be replaced (immutable or append-only, or in a folder that
  cannot be written).

A symbolic link is written through: its target gets the new content and the link stays.
:func:`write_target` says where the bytes of one path go; the atomic writer uses it too, so
the same checks hold for files written from Python.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from plmscope.errors import PlmscopeInputError

PathLike = str | os.PathLike

#: ``chattr`` flags (linux/fs.h) that forbid replacing or rewriting a file.
_FS_IOC_GETFLAGS = 0x80086601
_IMMUTABLE_FL = 0x00000010
_APPEND_FL = 0x00000020

_KINDS = (
    (stat.S_ISDIR, "is a folder; give a file name to write"),
    (stat.S_ISCHR, "is a device, not a file: plmscope writes only regular files"),
    (stat.S_ISBLK, "is a device, not a file: plmscope writes only regular files"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a file: plmscope writes only regular files"),
    (stat.S_ISSOCK, "is a socket, not a file: plmscope writes only regular files"),
)


@dataclass(frozen=True)
class Target:
    """Where the bytes of an output go: the file itself (symbolic links followed)."""

    given: Path
    path: Path
    exists: bool
    key: tuple  # (device, inode) of an existing file, else ("path", its absolute real path)


def _inode_flags(path: Path) -> int:
    """The file's ``chattr`` flags (0 where the system cannot tell)."""
    try:
        import fcntl
        import struct

        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        return 0
    try:
        raw = fcntl.ioctl(fd, _FS_IOC_GETFLAGS, struct.pack("i", 0))
        return int(struct.unpack("i", raw)[0])
    except OSError:
        return 0
    finally:
        os.close(fd)


def _nearest_folder(path: Path) -> Path:
    """The deepest existing ancestor of ``path`` (where a missing folder would be made)."""
    folder = path.parent if str(path.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _check_folder(path: Path, given: Path) -> None:
    """The folder the file goes into exists (or can be made) and can be written."""
    folder = _nearest_folder(path)
    if not folder.is_dir():
        raise PlmscopeInputError(f"cannot go into {str(folder)!r}: it is a file, not a folder", path=str(given))
    if not os.access(folder, os.W_OK | os.X_OK) or _inode_flags(folder) & (_IMMUTABLE_FL | _APPEND_FL):
        raise PlmscopeInputError(
            f"cannot write in the folder {str(folder)!r} (permission denied)", path=str(given)
        )


def write_target(path: PathLike) -> Target:
    """Check one output path and say where its bytes go; raise PlmscopeInputError if refused.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "real.json").write_text("{}")
    2
    >>> (folder / "link.json").symlink_to(folder / "real.json")
    >>> write_target(folder / "link.json").path.name
    'real.json'
    >>> write_target(folder)
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: ...: is a folder; give a file name to write
    """
    given = Path(path)
    if not str(path).strip():
        raise PlmscopeInputError("an output needs a file name")
    target = given
    if given.is_symlink():
        try:
            os.stat(given)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise PlmscopeInputError("is a symbolic link that loops; give a file name", path=str(given)) from None
        target = Path(os.path.realpath(given))
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        _check_folder(target, given)
        return Target(given, target, False, ("path", os.path.realpath(os.path.abspath(target))))
    except OSError as exc:
        raise PlmscopeInputError(f"cannot be written ({exc.strerror})", path=str(given)) from None
    for is_kind, message in _KINDS:
        if is_kind(info.st_mode):
            raise PlmscopeInputError(message, path=str(given))
    if not stat.S_ISREG(info.st_mode):
        raise PlmscopeInputError("is not a regular file: plmscope writes only regular files", path=str(given))
    flags = _inode_flags(target)
    if flags & (_IMMUTABLE_FL | _APPEND_FL):
        kind = "immutable" if flags & _IMMUTABLE_FL else "append-only"
        raise PlmscopeInputError(
            f"exists and cannot be replaced: the file is {kind} (chattr); choose another name",
            path=str(given),
        )
    _check_folder(target, given)
    return Target(given, target, True, (info.st_dev, info.st_ino))


def _input_keys(inputs: Mapping[str, PathLike | Iterable[PathLike] | None]) -> dict[tuple, str]:
    """(device, inode) of each existing input file, with what the input is."""
    keys: dict[tuple, str] = {}
    for what, value in inputs.items():
        paths = [value] if isinstance(value, (str, os.PathLike)) else list(value or ())
        for path in paths:
            try:
                info = os.stat(path)
            except (OSError, TypeError, ValueError):
                continue  # a missing input is reported by its reader
            keys.setdefault((info.st_dev, info.st_ino), what)
    return keys


def check_outputs(
    outputs: Mapping[str, PathLike | None],
    inputs: Mapping[str, PathLike | Iterable[PathLike] | None] | None = None,
) -> dict[str, Target]:
    """Check every output of one command before any work starts; refuse with one line.

    Parameters
    ----------
    outputs : mapping of option name to path (None: not asked for)
        E.g. ``{"--json": "r.json", "--csv": None}``; names appear in the messages.
    inputs : mapping of what the input is to a path or paths, optional
        E.g. ``{"the recording": "night.edf", "--events": ["a.csv", "b.csv"]}``.

    Returns
    -------
    dict
        Option name to :class:`Target` (where its bytes go) for every output asked for.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> night = folder / "night.edf"
    >>> _ = night.write_bytes(b"0       ")
    >>> sorted(check_outputs({"--json": folder / "r.json", "--csv": None}, {"the recording": night}))
    ['--json']
    >>> check_outputs({"--json": night}, {"the recording": night})
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: ...night.edf: --json would overwrite the recording (an input); choose another file name
    >>> check_outputs({"--json": folder / "x", "--csv": folder / "x"})
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: ...x: given for both --json and --csv; each output needs its own file
    """
    sources = _input_keys(inputs or {})
    checked: dict[str, Target] = {}
    seen: dict[tuple, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        target = write_target(path)
        if target.key in sources:
            raise PlmscopeInputError(
                f"{option} would overwrite {sources[target.key]} (an input); choose another file name",
                path=str(path),
            )
        if target.key in seen:
            raise PlmscopeInputError(
                f"given for both {seen[target.key]} and {option}; each output needs its own file",
                path=str(path),
            )
        seen[target.key] = option
        checked[option] = target
    return checked
