"""Test-session settings shared by the unit tests and the notebook runs (nbval).

Notebook kernels inherit this process's environment, so setting the answers
folder here keeps test runs from writing into the repository's answers/.
"""

import os
import tempfile

os.environ.setdefault("MPLBACKEND", "Agg")
if "MEDIALIT_ANSWERS" not in os.environ:
    os.environ["MEDIALIT_ANSWERS"] = tempfile.mkdtemp(prefix="medialit-test-answers-")
os.environ.setdefault("MEDIALIT_STUDENT", "test-student")
