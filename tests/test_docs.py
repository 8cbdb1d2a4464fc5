"""Documentation that runs: settings, generated vendor pages and the README's commands stay true."""

from __future__ import annotations

import re
from pathlib import Path

from flis.settings import settings_table
from flis.synth.docs import render_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for row in settings_table():
        assert f"`{row['env']}`" in text, f"document {row['env']} in docs/settings.md"


def test_synthetic_sources_page_is_up_to_date():
    committed = (ROOT / "docs" / "synthetic-sources.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "regenerate: python -m flis.synth.docs > docs/synthetic-sources.md"


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", quick, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    demo, tests = commands
    assert "flis demo" in demo and "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_key_figure_catalogue_page_is_up_to_date():
    from flis.catalogue.docs import render
    from flis.catalogue.loader import load_catalogue
    committed = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert committed == render(load_catalogue()), "regenerate: flis catalogue docs"


def test_every_markdown_link_between_docs_resolves():
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
