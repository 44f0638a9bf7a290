"""The one dependency list (pyproject.toml) and its Binder mirror (environment.yml) agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]

# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES: dict[str, str] = {}


def pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    out = {}
    for line in data["project"]["dependencies"]:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        out[CONDA_NAMES.get(name, name)] = str(req.specifier)
    return out


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def conda_deps() -> dict[str, str]:
    out = {}
    for dep in environment()["dependencies"]:
        if not isinstance(dep, str):
            continue
        m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", dep)
        assert m, dep
        name, spec = canonicalize_name(m.group(1)), m.group(2).replace(" ", "")
        if name in {"python", "pip"}:
            continue
        out[name] = ",".join(sorted(spec.split(","))) if spec else ""
    return out


def test_environment_mirrors_pyproject():
    expected = {k: ",".join(sorted(v.split(","))) if v else "" for k, v in pyproject_deps().items()}
    assert conda_deps() == expected


def test_environment_pins_python_and_installs_the_kit():
    deps = environment()["dependencies"]
    pythons = [d for d in deps if isinstance(d, str) and d.startswith("python")]
    assert pythons and re.fullmatch(r"python=3\.1[1-9]", pythons[0])
    pip_lists = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert pip_lists and "-e ." in pip_lists[0], "repo2docker installs the kit from the local pip requirement"
    assert environment()["channels"] == ["conda-forge"]


def test_python_floor_matches():
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["requires-python"] == ">=3.11"


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
    assert "make lab" in readme


def test_make_lab_opens_the_first_notebook_and_starts_as_root_too():
    """`make lab` (dry run): JupyterLab on notebook 00; as root (containers, CI) with --allow-root, which Jupyter needs."""
    import os
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "lab"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    line = next(ln for ln in out.splitlines() if "jupyter lab" in ln)
    assert line.endswith("notebooks/00_start_here.ipynb"), line
    assert ("--allow-root" in line) == (os.geteuid() == 0), line
