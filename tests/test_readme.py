"""The README's "From Python" snippets run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plmscope.simulate import simulate_night, write_simulation

README = Path(__file__).parents[1] / "README.md"


def python_snippets() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### From Python") : text.index("## How it is built")]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_snippets_for_a_path_mne_and_an_array():
    joined = "\n".join(python_snippets())
    assert 'plmscope.score("night.edf")' in joined
    assert "plmscope.score(raw)" in joined and "plmscope.score(legs, sf=" in joined


@pytest.mark.parametrize("index", range(len(python_snippets())))
def test_readme_snippet_runs(index, tmp_path, monkeypatch):
    pytest.importorskip("mne")
    write_simulation(simulate_night("plmd", seed=9, hours=1.0), tmp_path / "night.edf")
    monkeypatch.chdir(tmp_path)
    exec(compile(python_snippets()[index], f"README snippet {index + 1}", "exec"), {})


def test_the_readme_says_how_to_run_plmscope_and_where_night_edf_comes_from():
    text = README.read_text(encoding="utf-8")
    using = text[text.index("## Using it") : text.index("### From Python")]
    assert "source .venv/bin/activate" in using and ".venv/bin/plmscope" in using
    commands = re.findall(r"```sh\n(.*?)```", using, flags=re.S)[0].splitlines()
    assert commands[0].startswith("plmscope simulate night.edf")  # night.edf is made first


def test_the_readme_says_what_a_truncated_file_gives():
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "A truncated file** (shorter than its header says) is scored as far as it goes, with a warning" in text
    assert "missing or truncated file" not in text  # truncated files are not exit code 2
