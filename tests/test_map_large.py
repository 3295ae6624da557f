"""A target map of a large network draws the part around the answer, coloured as every map of the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import netmap.network
from netmap import open_network

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TARGET = {"company": "Halcyon Maps", "office": "Lisbon", "top": 5}


def people(data) -> dict[str, dict]:
    return {n["id"]: n for n in data.nodes if n["kind"] == "person"}


@pytest.fixture
def whole():
    return open_network(SAMPLE, today="2026-11-15").map(**TARGET)


def test_above_the_limit_the_map_draws_the_answer_and_says_what_it_left_out(monkeypatch, whole):
    monkeypatch.setattr(netmap.network, "MAP_PEOPLE", 60)
    part = open_network(SAMPLE, today="2026-11-15").map(**TARGET)
    drawn, everyone = people(part), people(whole)
    assert len(drawn) < len(everyone)
    assert [p.ids for p in part.paths] == [p.ids for p in whole.paths], "the same answer"
    assert {i for p in part.paths for i in p.ids} <= {*drawn, "me"}
    assert part.hint.endswith(
        f"Drawn: {len(drawn):,} of {len(everyone):,} people - the paths, then people at Halcyon Maps (the office "
        "first) and your contacts, up to 60; 'netmap map' without --company draws everyone."
    )
    for pid, node in drawn.items():  # a company keeps its colour: the palette counts the whole folder
        assert node["baseColor"] == everyone[pid]["baseColor"], pid


def test_below_the_limit_everyone_is_drawn(whole):
    assert "Drawn:" not in whole.hint
    assert len(people(whole)) == 257  # every person of the sample
