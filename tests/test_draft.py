"""netmap draft: messages filled in from the data, to stdout or an .eml draft no contact text can add a header to."""

from __future__ import annotations

import json
import re
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
TODAY = "2026-11-15"
ME = '[me]\nname = "Maya Costa"\nemail = "maya@example.com"\nsignature = "Maya Costa\\nData analyst, Porto"\n' \
     'about = "I am a data analyst in Porto who works with maps"\n'  # fmt: skip


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv", "companies.csv"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    (tmp_path / "netmap.toml").write_text(ME)
    return tmp_path


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--data", str(folder), "--today", TODAY])


def test_intro_request_goes_to_the_first_ask_of_paths(sample):
    paths = run(sample, "paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "json")
    (ines,) = [row for row in json.loads(paths.stdout) if row["person_id"] == "ines-carvalho"]
    result = run(sample, "draft", "intro-request", "Inês Carvalho")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"To: {ines['first_ask']}\n"
        "Subject: Could you introduce me to Inês?\n"
        "\n"
        "Hi Afonso,\n"
        "\n"
        "Would you introduce me to Inês Carvalho at Halcyon Maps? A note you can forward:\n"
        "\n"
        "\"I am a data analyst in Porto who works with maps. I'd value 15-20 minutes of advice from Inês "
        "(Head of Data); I'm not asking for a job.\"\n"
        "\n"
        "Thank you,\n"
        "Maya Costa\n"
        "Data analyst, Porto\n"
    )
    assert ines["first_ask"] == "Afonso Pires"


def test_intro_request_names_lowercase_without_accents(sample):
    assert run(sample, "draft", "intro-request", "ines carvalho").stdout.startswith("To: Afonso Pires\n")


def test_intro_request_through_a_longer_path_names_the_next_person(sample):
    result = run(sample, "draft", "intro-request", "Leonor Sá")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("To: Daniel Costa\n")  # paths: You > Daniel Costa > Leonor Sá
    result = run(sample, "draft", "intro-request", "Thomas Hall")  # You > Tomás Ferreira > Freya Clarke ~ Thomas Hall
    assert result.stdout.startswith("To: Tomás Ferreira")
    assert "Would you introduce me to Freya Clarke, who knows Thomas Hall at " in result.stdout


def test_intro_request_via(sample):
    result = run(sample, "draft", "intro-request", "Inês Carvalho", "--via", "Zoë Müller")
    assert result.stdout.startswith("To: Zoë Müller")
    assert "Hi Zoë," in result.stdout


def test_intro_request_to_someone_you_know_says_write_to_them(sample):
    result = run(sample, "draft", "intro-request", "Bruno Teixeira")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: you know Bruno Teixeira directly - write to them: "
                             "'netmap draft interview-request bruno-teixeira'\n")  # fmt: skip


def test_every_kind_is_short(sample):
    """Messages under 400 characters get more replies."""
    for kind, person in (("intro-request", "Inês Carvalho"), ("interview-request", "Inês Carvalho"),
                         ("thank-you", "Afonso Pires"), ("nudge", "Daniel Costa"),
                         ("keep-in-touch", "Rafael Moura")):  # fmt: skip
        result = run(sample, "draft", kind, person)
        assert result.exit_code == 0, (kind, result.stderr)
        body = result.stdout.split("\n\n", 1)[1]
        assert len(body) < 400, (kind, len(body))


def test_interview_request_names_the_introducer_and_the_time_ask(sample):
    out = run(sample, "draft", "interview-request", "Inês Carvalho").stdout
    assert "Afonso Pires suggested I get in touch." in out
    assert "15-20 minutes of your advice on your work at Halcyon Maps? I'm not asking for a job." in out


def test_thank_you_mentions_the_meeting_notes_and_the_names_given(sample):
    logged = run(sample, "log", "meeting", "Afonso Pires", "--date", "2026-11-14", "--notes", "mapping pipelines")
    assert logged.exit_code == 0
    out = run(sample, "draft", "thank-you", "afonso-pires").stdout
    assert "Thank you for your time on 2026-11-14. What you said about mapping pipelines stays with me." in out
    assert "I'll write to Inês Carvalho as you suggested." in out


def test_nudge_to_a_referrer_is_about_the_introduction(sample):
    out = run(sample, "draft", "nudge", "Daniel Costa").stdout
    assert out.startswith("To: Daniel Costa\nSubject: Following up: Leonor Sá\n")


def test_thank_you_eml_parses_back_with_its_headers(sample):
    eml = sample / "thanks.eml"
    result = run(sample, "draft", "thank-you", "Zoë Müller", "--eml", str(eml))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Wrote {eml} (a draft: open it in your mail program)\n"
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    (to,) = msg["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Zoë Müller", "zoe.muller@halcyonmaps.example")
    assert msg["From"].addresses[0].addr_spec == "maya@example.com"
    assert msg["Subject"] == "Thank you, Zoë"
    assert msg["X-Unsent"] == "1"
    assert sorted(msg.keys()) == sorted(["From", "To", "Subject", "X-Unsent", "Content-Type",
                                         "Content-Transfer-Encoding", "MIME-Version"])  # fmt: skip
    assert "Hi Zoë," in msg.get_content()


def test_contact_text_cannot_add_a_header_or_drive_the_terminal(sample):
    path = sample / "contacts.csv"
    text = path.read_text()
    row = next(line for line in text.splitlines() if line.startswith("zoe-muller,"))
    email = row.split(",")[5]
    hostile_row = row.replace("Zoë Müller", '"Zoë\r\nBcc: eve@evil.example\x1b[2J Müller"', 1)
    hostile_row = hostile_row.replace(email, '"zoe@x.example\r\nCc: eve@evil.example"', 1)
    path.write_text(text.replace(row, hostile_row))
    result = run(sample, "draft", "keep-in-touch", "zoe-muller")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    first, second = result.stdout.splitlines()[:2]
    assert re.fullmatch(r"To: Zoë Bcc: eve@evil\.example ?\[2J Müller <zoe@x\.example Cc: eve@evil\.example>", first)
    assert second == "Subject: Hello from Maya"
    eml = sample / "k.eml"
    result = run(sample, "draft", "keep-in-touch", "zoe-muller", "--eml", str(eml))
    assert result.exit_code == 0, result.stderr
    assert re.match(
        r"No usable e-mail address for Zoë Bcc: eve@evil\.example ?\[2J Müller: the draft has no To\n", result.stderr
    )
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert msg["Bcc"] is None and msg["Cc"] is None and msg["To"] is None
    assert msg["Subject"] == "Hello from Maya"


def test_user_templates_replace_the_defaults(sample):
    (sample / "templates").mkdir()
    (sample / "templates" / "thank-you.txt").write_text("Subject: Obrigada, {{ to.first_name }}\n\n{{ to.name }}!\n")
    result = run(sample, "draft", "thank-you", "Afonso Pires")
    assert result.stdout == "To: Afonso Pires\nSubject: Obrigada, Afonso\n\nAfonso Pires!\n"


def test_a_broken_user_template_is_one_line_naming_file_and_line(sample):
    (sample / "templates").mkdir()
    (sample / "templates" / "nudge.txt").write_text("Subject: x\n\n{% if to %}\nno end\n")
    result = run(sample, "draft", "nudge", "Afonso Pires")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {sample / 'templates' / 'nudge.txt'}:3: Unexpected end of template.")
    assert result.stderr.endswith(" - fix the template\n") and result.stderr.count("\n") == 1


def test_a_template_cannot_reach_python_internals(sample):
    (sample / "templates").mkdir()
    (sample / "templates" / "nudge.txt").write_text("Subject: x\n\n{{ to.__class__.__mro__[1].__subclasses__() }}\n")
    result = run(sample, "draft", "nudge", "Afonso Pires")
    assert result.exit_code == 1
    assert "fix the template" in result.stderr


def test_without_me_the_draft_still_works(sample):
    (sample / "netmap.toml").unlink()
    result = run(sample, "draft", "nudge", "Afonso Pires")
    assert result.exit_code == 0
    assert result.stdout.endswith("Thank you,\n\n")
    assert result.stderr == "Tip: put your name, e-mail and signature under [me] in netmap.toml to sign drafts\n"


def test_unknown_kind_is_a_usage_error(sample):
    result = run(sample, "draft", "love-letter", "Afonso Pires")
    assert result.exit_code == 2
    assert "Invalid value for '{intro-request|interview-request|thank-you|nudge|keep-in-touch}'" in result.stderr


def test_package_ships_the_templates():
    from importlib.resources import files

    names = {p.name for p in files("netmap.outreach").joinpath("templates").iterdir()}
    assert {"intro-request.txt", "interview-request.txt", "thank-you.txt", "nudge.txt", "keep-in-touch.txt",
            "questions.md"} <= names  # fmt: skip
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"outreach/templates/*"' in pyproject


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(name=st.text(), email=st.text(), subject=st.text(), body=st.text(st.characters(blacklist_categories=["Cs"])))
def test_no_text_can_add_a_header(name, email, subject, body):
    """Whatever a contact's name or address holds, the message has exactly its own headers."""
    from netmap.outreach._common import one_line
    from netmap.outreach.drafts import Draft

    d = Draft("nudge", "x", one_line(name), one_line(email), one_line(subject), body)
    data = d.message({"name": name, "email": email}).as_bytes(policy=policy.SMTP)
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert set(msg.keys()) <= {"From", "To", "Subject", "X-Unsent", "Content-Type", "Content-Transfer-Encoding",
                               "MIME-Version"}  # fmt: skip
    assert msg["X-Unsent"] == "1"
    assert len(msg.get_all("Subject")) == 1
    to_line, subject_line = d.text().split("\n")[:2]
    assert to_line.startswith("To: ") and subject_line.startswith("Subject: ")
    assert not re.search(r"[\x00-\x1f\x7f]", to_line + subject_line)
