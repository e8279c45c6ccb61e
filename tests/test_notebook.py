"""The notebooks in notebooks/ run from a clean kernel without any cell erroring."""

import nbformat
import pytest
from conftest import ROOT

nbclient = pytest.importorskip("nbclient")


@pytest.mark.parametrize("name", ["spatial_queries.ipynb", "analyst_questions.ipynb"])
def test_notebook_runs_clean(tmp_path, name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(
        str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs
    )
    assert "Aybak" in text and "captured" in text
