"""Progress on stderr: a spinner naming the stage the job is in (rich, loaded only when shown)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_steps(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage; yields the ``step(name)`` callback.

    Only on a terminal: in a log or a pipe a spinner shows nothing and leaves a blank line.
    """
    if not enabled:
        yield lambda _name: None
        return
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _name: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("starting", total=None)
        yield lambda name: progress.update(task, description=f"{name} …")
