"""netmap prep: a one-page brief before a meeting, in Markdown or HTML."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.outreach.prep import parse_questions

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv", "companies.csv"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    return tmp_path


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--data", str(folder), "--today", "2026-11-15"])


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, heading
    return match.group(1)


def test_prep_names_title_introducers_and_five_questions(sample):
    result = run(sample, "prep", "Inês Carvalho")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Meeting brief: Inês Carvalho\n\n## Who they are\n\nHead of Data, Halcyon Maps, Lisbon\n")
    connected = section(out, "How you are connected")
    assert connected.startswith(
        "\n- You > Afonso Pires > Inês Carvalho\n"
        "  - Beatriz Santos put you in touch with Afonso Pires (met, 2026-09-12)\n"
    )
    assert '- introduced by Afonso Pires (suggested, 2026-10-21): Afonso: "Inês loves talking' in connected
    assert "### With Afonso Pires" in section(out, "Your history with them")
    assert section(out, "The time you asked for") == "\n15-20 minutes of advice, not a job.\n\n"
    questions = re.findall(r"^- .+\?$", section(out, "Questions to ask"), re.MULTILINE)
    assert len(questions) >= 5
    closing = section(out, "Closing")
    for step in ("who else would you suggest", "resume", "Thank them in writing within a day"):
        assert step in closing


def test_prep_html_is_self_contained_and_escaped(sample):
    path = sample / "contacts.csv"
    path.write_text(path.read_text().replace("Head of Data", "<script>alert(1)</script> Head of Data"))
    out = sample / "brief.html"
    result = run(sample, "prep", "ines-carvalho", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    page = out.read_text()
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Head of Data" in page
    assert not re.search(r"(src|href)=", page)  # nothing loaded from anywhere

    class Tags(HTMLParser):
        seen: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.seen.append(tag)

    parser = Tags()
    parser.feed(page)
    assert parser.seen.count("h2") == 6 and "script" not in parser.seen


def test_prep_markdown_cannot_smuggle_html_or_links(sample):
    path = sample / "contacts.csv"
    path.write_text(
        path.read_text().replace("Head of Data", "Head of Data <img src=x onerror=alert(1)> [x](http://evil)")
    )
    out = run(sample, "prep", "Inês Carvalho").stdout
    assert "Head of Data &lt;img src=x onerror=alert(1)> \\[x\\](http://evil), Halcyon Maps, Lisbon" in out


def test_user_questions_replace_the_bank(sample):
    (sample / "templates").mkdir()
    (sample / "templates" / "questions.md").write_text("## Mine\n- Why maps?\n- What next?\n")
    out = run(sample, "prep", "Inês Carvalho").stdout
    assert section(out, "Questions to ask") == "\n### Mine\n\n- Why maps?\n- What next?\n\n"


def test_prep_unknown_person_exits_3(sample):
    result = run(sample, "prep", "Ines Carvalo")
    assert result.exit_code == 3
    assert result.stderr == ("Error: 'Ines Carvalo' matches no id or name in contacts.csv - did you mean "
                             "'Inês Carvalho'? If not, add them to contacts.csv\n")  # fmt: skip


def test_parse_questions_ignores_everything_but_headings_and_items():
    assert parse_questions("intro text\n- loose?\n# A\n\n* one?\n-not an item\n## Empty\n") == [
        ("Questions", ["loose?"]),
        ("A", ["one?"]),
    ]
