"""notebooks/tour.ipynb runs from top to bottom, so the tour cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "tour.ipynb"


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output["text"]
    data = output.get("data", {})
    return data.get("text/html", "") + data.get("text/plain", "")


@pytest.fixture(scope="module")
def executed():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    return nb


def test_notebook_runs_without_errors(executed):
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert [o for o in outputs if o["output_type"] == "error"] == []


def test_notebook_shows_ranking_introducers_and_map(executed):
    text = "\n".join(_text(o) for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "257 people, 102 introductions, 0 errors" in text
    assert "Best way in: You > Afonso Pires > Inês Carvalho" in text
    assert "<table" in text  # the ranked table and the introducers as DataFrames
    assert '<iframe srcdoc="&lt;!DOCTYPE html&gt;' in text
    assert "Warm paths to Halcyon Maps, Lisbon" in text
