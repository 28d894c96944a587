"""Show an assessment in the terminal: overall level and reason first, then each finding, then advice.

Every text is a rich ``Text`` (never markup), so brackets in reasons, medicine names or the
person's own words ("every [few] minutes") are printed as they are."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plmscope.assess.result import DISCLAIMER, Assessment, Level

LEVEL_STYLES: dict[Level, str] = {
    Level.REASSURE: "green",
    Level.NOT_ENOUGH_ANSWERS: "magenta",
    Level.SELF_CARE: "cyan",
    Level.DISCUSS: "yellow",
    Level.SEE_SOON: "bold dark_orange",
    Level.URGENT: "bold red",
}


def findings_table(assessment: Assessment) -> Table:
    """One row per finding: level, title and the reason behind it."""
    table = Table(show_lines=True, expand=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Finding", ratio=1)
    table.add_column("Why", ratio=3)
    for finding in assessment.findings:
        table.add_row(
            Text(finding.level.label, style=LEVEL_STYLES[finding.level]),
            Text(finding.title),
            Text(finding.reason),
        )
    return table


def advice_lines(assessment: Assessment) -> list[str]:
    """Every advice sentence once, in the order the findings give them."""
    return list(dict.fromkeys(a for f in assessment.findings for a in f.advice))


def render(assessment: Assessment, console: Console) -> None:
    """Print the whole assessment."""
    level = assessment.overall_level
    lead = assessment.overall_findings[0]
    head = Group(
        Text(f"Overall: {level.label}", style=LEVEL_STYLES[level]),
        Text(f"{lead.title}. {lead.reason}"),
    )
    who = "answered by a bed partner" if assessment.respondent == "partner" else "answered by the sleeper"
    console.print(Panel(head, title="plmscope assessment", subtitle=who, border_style=LEVEL_STYLES[level]))
    console.print(findings_table(assessment))
    advice = advice_lines(assessment)
    if advice:
        tips = Text("\n".join(f"• {a}" for a in advice))
        console.print(Panel(tips, title="What helps", border_style="dim"))
    if assessment.night_kind == "accelerometer":
        console.print(Text("The night's numbers come from a wearable and are estimates.", style="dim"))
    console.print(Text(DISCLAIMER, style="italic"))
