"""Read answer files (YAML/JSON) and night results (JSON), turning every mistake into one clear line."""

from __future__ import annotations

import difflib
import json
import math
from pathlib import Path

import yaml
from pydantic import ValidationError

from plmscope.assess.schema import QUESTION_IDS, RANGES, Answers
from plmscope.assess.wording import join_or
from plmscope.errors import PlmscopeInputError

NIGHT_KEYS = ("indices", "movements", "sleep", "recording")


def _loc_name(loc: tuple) -> str:
    """``('epworth', 2)`` -> ``epworth[2]``."""
    name = str(loc[0]) if loc else "answers"
    return name + "".join(f"[{part}]" for part in loc[1:] if isinstance(part, int))


def _range_text(field: str) -> str:
    lo, hi = RANGES[field]
    return f"{lo:g}–{hi:g}"


def describe_error(err: dict) -> str:
    """One pydantic error as a plain phrase naming the question and the bad value."""
    loc, kind, value = tuple(err.get("loc", ())), err.get("type", ""), err.get("input")
    field = str(loc[0]) if loc else ""
    where = _loc_name(loc)
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, QUESTION_IDS, n=1, cutoff=0.7)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown question '{field}'{hint}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than") and field in RANGES:
        return f"{where} must be {_range_text(field)}, got {value!r}"
    if kind in ("too_short", "too_long"):
        want = (err.get("ctx") or {}).get("min_length") or (err.get("ctx") or {}).get("max_length")
        got = len(value) if isinstance(value, (list, tuple)) else "?"
        return f"{where} needs exactly {want} item scores ({_range_text(field)} each), got {got}"
    if kind in ("answers_conflict",):
        return err.get("msg", "answers contradict each other")
    if kind in ("kick_frequency", "body_parts"):
        return f"{where}: {err.get('msg', 'invalid value')}"
    if kind == "int_from_float":
        return f"{where} must be a whole number, got {value!r}"
    if kind.startswith("bool"):
        return f"{where} must be yes or no, got {value!r}"
    if kind.startswith(("int", "float")):
        span = f" in {_range_text(field)}" if field in RANGES else ""
        return f"{where} must be a number{span}, got {value!r}"
    if kind == "literal_error":
        return f"{where} must be one of {(err.get('ctx') or {}).get('expected', '')}, got {value!r}"
    return f"{where}: {err.get('msg', 'invalid value')}, got {value!r}"


def answers_from_mapping(data: object, source: str = "answers") -> Answers:
    """Validate a mapping into :class:`Answers`; errors name ``source`` and every bad key in one line."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PlmscopeInputError(f"expected question: answer pairs, got {type(data).__name__}", path=source)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise PlmscopeInputError("; ".join(describe_error(e) for e in exc.errors()), path=source) from None


class DuplicateKeyError(ValueError):
    """A question answered twice in one file (YAML or JSON would silently keep the last)."""

    def __init__(self, key: object, lines: tuple[int, int] | None = None):
        self.key, self.lines = key, lines
        where = f" (lines {lines[0]} and {lines[1]})" if lines else ""
        super().__init__(f"question '{key}' is answered twice{where}; keep one answer")


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a mapping key given twice."""


def _unique_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise DuplicateKeyError(key, (seen[key], line))
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict:
    """``json.loads`` hook: a dict, refusing a key given twice."""
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(key)
        result[key] = value
    return result


def parse_answer_text(text: str, suffix: str) -> object:
    """The data of an answer file's text (``.json``, else YAML); a key given twice is an error.

    >>> parse_answer_text("snoring: yes\\nage: 40\\n", ".yaml")
    {'snoring': True, 'age': 40}
    >>> parse_answer_text("snoring: yes\\nsnoring: no\\n", ".yaml")
    Traceback (most recent call last):
    ...
    plmscope.assess.loading.DuplicateKeyError: question 'snoring' is answered twice (lines 1 and 2); keep one answer
    """
    if suffix == ".json":
        return json.loads(text, object_pairs_hook=_unique_pairs)
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlmscopeInputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlmscopeInputError(f"cannot read it ({exc})", path=str(path)) from None


def load_answers(path: str | Path) -> Answers:
    """Answers from a .yaml/.yml/.json file (keys are question ids; see docs/assessment.md)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise PlmscopeInputError("answers must be a .yaml, .yml or .json file", path=str(path))
    text = _read_text(path)
    try:
        data = parse_answer_text(text, suffix)
    except DuplicateKeyError as exc:  # named like the other question-level errors
        raise PlmscopeInputError(str(exc), path=path.name) from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise PlmscopeInputError(f"not valid {suffix[1:].upper()} ({first})", path=str(path)) from None
    return answers_from_mapping(data, source=path.name)


NOT_A_RESULT = "is not a plmscope result (JSON from 'plmscope score --json')"
USABLE_INDICES = ("plms_index", "clms_index", "respiratory_clms_index")


def _has_number(section: object, keys: tuple[str, ...]) -> bool:
    """True when ``section`` is a mapping with a finite number under one of ``keys``."""
    if not isinstance(section, dict):
        return False
    values = [section.get(key) for key in keys]
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def check_night(night: object, source: str = "night") -> dict:
    """The night dict itself, or a clear error when it is no plmscope result or holds nothing usable."""
    if not isinstance(night, dict) or not any(key in night for key in NIGHT_KEYS):
        raise PlmscopeInputError(
            f"{NOT_A_RESULT}: expected keys such as 'indices' and 'movements'", path=source
        )
    movements = night.get("movements")
    has_movements = isinstance(movements, list) and any(isinstance(m, dict) for m in movements)
    if not (_has_number(night.get("indices"), USABLE_INDICES) or has_movements):
        raise PlmscopeInputError(
            "holds nothing the assessment can use (no 'indices' with a number for "
            f"{join_or(list(USABLE_INDICES))}, and no 'movements' list); "
            "write it with 'plmscope score --json'",
            path=source,
        )
    return night


def load_night(path: str | Path) -> dict:
    """A night's result as written by ``plmscope score --json``."""
    path = Path(path)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise PlmscopeInputError("no such file", path=str(path)) from None
    except OSError as exc:
        raise PlmscopeInputError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise PlmscopeInputError(f"{NOT_A_RESULT}: not JSON (line {exc.lineno})", path=str(path)) from None
    except UnicodeDecodeError:
        raise PlmscopeInputError(f"{NOT_A_RESULT}: not text", path=str(path)) from None
    return check_night(data, source=path.name)
