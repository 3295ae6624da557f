"""The worked example in docs/scoring.md, recomputed by hand, matches what netmap ranks."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from netmap import build_graph, load_dataset
from netmap.ranking import rank_paths

ROOT = Path(__file__).resolve().parents[1]


def recency(days: int) -> float:
    return 0.4 + 0.6 * 0.5 ** (days / 365)


def test_worked_example_in_scoring_doc():
    afonso = 0.5 * recency(64)  # introduced, met through Beatriz
    ines = 0.5 * 1.0 * recency(25)
    expected = afonso * ines * 0.9
    G = build_graph(load_dataset(ROOT / "sample_data"), today=date(2026, 11, 15))
    row = next(r for r in rank_paths(G, "Halcyon Maps", office="Lisbon") if r.person == "ines-carvalho")
    assert row.names == ["You", "Afonso Pires", "Inês Carvalho"]
    assert math.isclose(row.score, expected, rel_tol=1e-12)
    assert f"**{expected:.3f}**" in (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
