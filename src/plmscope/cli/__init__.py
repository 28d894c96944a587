"""The ``plmscope`` command line: score a night, write its report, simulate, assess, demo, serve.

Only this package knows about typer, rich and terminals. Each command module imports nothing
heavy at import time (the work happens inside the command), so ``plmscope --help`` and
``--version`` start in a fraction of a second.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from plmscope.cli.assess import assess
from plmscope.cli.demo import demo
from plmscope.cli.score import score
from plmscope.cli.serve import serve
from plmscope.cli.simulate import simulate
from plmscope.errors import PlmscopeInputError
from plmscope.version import __version__

app = typer.Typer(
    name="plmscope",
    help="Leg movements during sleep: detect, score (WASM 2016 / AASM), explain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        print(f"plmscope {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Leg movements during sleep: detect, score (WASM 2016 / AASM), explain.

    Start with [bold]plmscope demo[/bold], or [bold]plmscope score NIGHT.edf --report report.html[/bold].
    """


app.command("score")(score)
app.command("simulate")(simulate)
app.command("assess")(assess)
app.command("demo")(demo)
app.command("serve")(serve)


def main(argv: Optional[list[str]] = None) -> None:
    """Console entry point: user mistakes become one line on stderr and exit code 2."""
    try:
        app(args=argv, standalone_mode=True)
    except PlmscopeInputError as exc:
        from rich.console import Console
        from rich.markup import escape

        Console(stderr=True).print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)


def entry() -> None:
    """The ``plmscope`` console script: :func:`main`, then leave without tearing Python down.

    Once a command has written and flushed its outputs, freeing every module and array one by one
    (pandas alone holds tens of thousands of objects) only costs time, a few tenths of a second
    per run. Exceptions that are not an exit keep the normal path, traceback and all.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
