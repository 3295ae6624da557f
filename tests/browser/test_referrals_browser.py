"""The referral-tree map (``netmap map --referrals``) in headless Chromium, network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.maps import referral_map, write_map
from netmap.outreach import referral_tree

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


def test_sample_referral_tree_draws_every_person_and_arrow(tmp_path, open_map):
    """On sample_data: you plus everyone in a chain, one arrow into each; no request, no error."""
    out = tmp_path / "referrals.html"
    result = CliRunner().invoke(
        cli,
        ["map", "--data", str(SAMPLE), "--today", "2026-11-15", "--referrals", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    parent = referral_tree(load_dataset(SAMPLE))
    people = set(parent) | set(parent.values())
    opened = open_map(out)
    assert opened.counts() == (len(people) + 1, len(people))
    arrows = opened.eval("() => netmap.edges.get().filter(e => e.arrows === 'to').length")
    assert arrows == len(people)
    assert opened.page.text_content("#panel-title") == "Longest referral chains"
    assert opened.eval("() => document.querySelectorAll('#paths li').length") == 5
    opened.assert_clean()


def test_hostile_name_in_a_chain_shows_literally_and_runs_nothing(tmp_path, open_map):
    """A payload as a name in a referral chain is a label, a panel entry and a tooltip, as text."""
    (tmp_path / "contacts.csv").write_text(
        f'id,name,company\nana,Ana Lima,Acme\nbo,Bo Chen,Globex\nevil,"{SCRIPT} {IMG}","{IMG}"\n',
        encoding="utf-8",
    )
    (tmp_path / "introductions.csv").write_text(
        "referrer,contact,date,status\nana,evil,2026-01-05,met\nevil,bo,2026-01-09,requested\n",
        encoding="utf-8",
    )
    data = referral_map(load_dataset(tmp_path))
    path = tmp_path / "referrals.html"
    write_map(data, path)
    opened = open_map(path)
    page = opened.page
    hostile = f"{SCRIPT} {IMG}"
    assert hostile in opened.eval("() => netmap.nodes.get().map(n => n.label)")
    assert opened.counts() == (4, 3)
    assert hostile in page.text_content("#paths")
    assert IMG in page.eval_on_selector_all("#filter-company option", "os => os.map(o => o.textContent)")
    assert page.eval_on_selector_all("img", "xs => xs.length") == 0
    assert page.eval_on_selector_all("script", "xs => xs.length") == 3
    x, y = opened.eval("""() => { const p = netmap.network.getPositions(['evil']).evil;
                                  const c = netmap.network.canvasToDOM(p);
                                  const r = document.getElementById('map').getBoundingClientRect();
                                  return [c.x + r.left, c.y + r.top]; }""")
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert hostile in page.inner_text("div.vis-tooltip")
    page.wait_for_timeout(300)
    opened.assert_clean()
