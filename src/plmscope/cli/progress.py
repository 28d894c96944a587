"""Progress on stderr: a spinner naming the stage the job is in (rich, loaded only when shown)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_steps(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage; yields the ``step(name)`` callback."""
    if not enabled:
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        task = progress.add_task("starting", total=None)
        yield lambda name: progress.update(task, description=f"{name} …")
