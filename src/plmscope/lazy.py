"""Names a package exports but loads from its modules on first use (PEP 562).

A package that keeps its import cheap lists where each public name lives and lets
:func:`lazy_exports` write its ``__getattr__`` and ``__dir__``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: each name of ``where`` is imported from
    the module ``where[name]`` (relative to the package) when it is first asked for, then kept.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    where : mapping of str to str
        Public name -> the submodule that defines it, relative to ``package`` (``"api"``,
        ``"pipeline.front_door"``).

    Examples
    --------
    >>> __getattr__, __dir__ = lazy_exports("plmscope", {"NightScore": "pipeline"})
    >>> __getattr__("NightScore").__name__
    'NightScore'
    >>> "NightScore" in __dir__()
    True
    """

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(f".{where[name]}", package), name)
            setattr(sys.modules[package], name, value)
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
