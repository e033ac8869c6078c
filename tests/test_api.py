"""The Python API the issue promises: ``radpilot.structure(text) -> StructuredReport``, however it is reached."""

from __future__ import annotations

import subprocess
import sys


def test_radpilot_structure_can_be_called_again_and_after_the_subpackage_is_imported() -> None:
    # a fresh interpreter: the first call imports the subpackage, which Python binds to the same name
    code = (
        "import radpilot\n"
        "a = radpilot.structure('No pneumothorax.')\n"
        "b = radpilot.structure('Small left pleural effusion.')\n"
        "import radpilot.structure.engine\n"
        "from radpilot import structure\n"
        "c = structure('Cardiomegaly.')\n"
        "print(a.normal, b.normal, [f.code for f in c.findings])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False", "['cardiomegaly']"]


def test_radpilot_structure_pickles_for_worker_processes() -> None:
    import pickle

    import radpilot

    radpilot.structure("No pneumothorax.")
    again = pickle.loads(pickle.dumps(radpilot.structure))
    assert [f.code for f in again("Cardiomegaly.").findings] == ["cardiomegaly"]
