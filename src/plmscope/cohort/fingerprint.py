"""What a night's result depends on — its input files (size, modification time), the software
version and the rules — so that ``--resume`` redoes a night exactly when one of them changed.
"""

from __future__ import annotations

import os

from plmscope.cohort.entries import NightEntry
from plmscope.rules import RuleSet
from plmscope.version import __version__


def file_state(path: str) -> list:
    """``[size, mtime_ns]`` of a file, or ``[None, None]`` when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return [None, None]
    return [status.st_size, status.st_mtime_ns]


def fingerprint(entry: NightEntry, rules: RuleSet) -> dict:
    """Everything a night's result depends on, as JSON-ready data.

    >>> import tempfile
    >>> from plmscope.rules import WASM2016
    >>> with tempfile.NamedTemporaryFile(suffix=".edf") as fh:
    ...     a = fingerprint(NightEntry("n", recording=fh.name), WASM2016)
    ...     b = fingerprint(NightEntry("n", recording=fh.name), WASM2016)
    >>> a == b, a["rules"]["name"]
    (True, 'WASM2016')
    """
    return {
        "files": {path: file_state(path) for path in entry.input_paths()},
        "options": {
            "left": entry.left,
            "right": entry.right,
            "leg": entry.leg,
            "left_file": entry.left_file,
            "right_file": entry.right_file,
        },
        "software": __version__,
        "rules": _json_ready(rules.to_dict()),
    }


def _json_ready(value):
    """Tuples as lists (as they come back from JSON), so stored and fresh fingerprints compare."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return value
