"""The ``plmscope`` command line: score a night or a cohort, write its report, simulate, assess, demo, serve.

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
from plmscope.cli.batch import batch
from plmscope.cli.demo import demo
from plmscope.cli.failures import EXIT_INPUT, EXIT_PIPE, PlmscopeGroup, error_line, stdout_gone
from plmscope.cli.score import score
from plmscope.cli.serve import serve
from plmscope.cli.simulate import simulate
from plmscope.cli.validate import validate
from plmscope.errors import PlmscopeInputError
from plmscope.version import __version__

app = typer.Typer(
    name="plmscope",
    help="Leg movements during sleep: detect, score (WASM 2016 / AASM), explain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    cls=PlmscopeGroup,
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
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show the traceback.")
    ] = False,
) -> None:
    """Leg movements during sleep: detect, score (WASM 2016 / AASM), explain.

    Start with [bold]plmscope demo[/bold], or [bold]plmscope score NIGHT.edf --report report.html[/bold].
    """


app.command("score")(score)
app.command("batch")(batch)
app.command("simulate")(simulate)
app.command("assess")(assess)
app.command("demo")(demo)
app.command("serve")(serve)
app.command("validate")(validate)


def main(argv: Optional[list[str]] = None) -> None:
    """Console entry point: user mistakes become one line on stderr and exit code 2.

    The command group does this for every command (``cli.failures``); this catches what is
    raised while the options themselves are read.
    """
    try:
        app(args=argv, standalone_mode=True)
    except PlmscopeInputError as exc:
        error_line(str(exc))
        sys.exit(EXIT_INPUT)
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
    except BrokenPipeError:  # top-level --help read by a pipe that closed (`plmscope --help | head`)
        stdout_gone()
        code = EXIT_PIPE
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_gone()
        code = EXIT_PIPE
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
