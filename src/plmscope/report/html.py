"""Render the report template with jinja2, inlining the stylesheet (no external resources)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

HERE = Path(__file__).parent
TEMPLATE = "report.html.j2"
STYLESHEET = HERE / "static" / "report.css"


def template_environment(folder: Path) -> jinja2.Environment:
    """A jinja2 environment for the templates in ``folder``, as every plmscope page wants it:
    autoescaped, an undefined name an error, block tags leaving no blank lines.

    Examples
    --------
    >>> env = template_environment(HERE / "templates")
    >>> env.from_string("{{ x }}").render(x="<b>")
    '&lt;b&gt;'
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The jinja2 environment for the report templates."""
    return template_environment(HERE / "templates")


def render_html(context: dict) -> str:
    """The report page for ``context``, with the CSS inlined."""
    css = STYLESHEET.read_text(encoding="utf-8")
    return environment().get_template(TEMPLATE).render(css=jinja2.filters.Markup(css), **context)
