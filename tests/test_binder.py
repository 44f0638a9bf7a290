"""Binder readiness: what repo2docker would build from this repository, checked without Docker.

``jupyter-repo2docker --no-build --debug .`` prints the Dockerfile Binder
would build. It must come from ``environment.yml`` (the conda buildpack,
Python 3.11), copy the repository *before* creating the environment (the
kit is installed by the local pip requirement ``-e .``, which needs the
files), and need nothing else: no ``postBuild``, no ``apt.txt``, no start
script. A stray ``Dockerfile``, ``binder/`` folder or ``requirements.txt``
would silently change what Binder builds; this test notices.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _repo2docker() -> str | None:
    beside_python = Path(sys.executable).with_name("jupyter-repo2docker")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("jupyter-repo2docker")


def _dockerfile(exe: str, folder: Path) -> tuple[str, str]:
    done = subprocess.run(
        [exe, "--no-build", "--debug", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 0, f"repo2docker failed in {folder}:\n{done.stdout}\n{done.stderr}"
    assert "FROM " in done.stdout, f"no Dockerfile printed:\n{done.stdout}\n{done.stderr}"
    return done.stdout, done.stderr


@pytest.fixture(scope="module")
def repo2docker() -> str:
    exe = _repo2docker()
    if exe is None:
        pytest.skip("jupyter-repo2docker is not installed (it is in the test extras: pip install -e '.[test]')")
    return exe


@pytest.fixture(scope="module")
def build(repo2docker: str) -> tuple[str, str]:
    """(Dockerfile, log) of the build Binder would run for this repository."""
    return _dockerfile(repo2docker, REPO)


def test_binder_uses_environment_yml_with_python_311(build):
    dockerfile, log = build
    assert "Building conda environment for python=3.11" in log + dockerfile
    assert re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment\.yml"', dockerfile)
    assert "CONDA_DIR" in dockerfile and "MAMBA_EXE" in dockerfile, "the conda buildpack"


def test_repository_is_copied_before_the_environment_is_installed(build):
    """The local pip requirement "-e ." installs the kit, so the files must be there first."""
    dockerfile, _ = build
    copy = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = dockerfile.index('--file "environment.yml"')
    assert copy < install
    env = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s*-e \.\s*$", env, re.MULTILINE), "environment.yml installs the kit with '-e .'"


def test_no_extra_build_steps(build, repo2docker, tmp_path_factory):
    """Nothing beyond environment.yml: the build is exactly the one for a folder holding only that file."""
    dockerfile, _ = build
    for name in ("postBuild", "apt.txt", "start", "Dockerfile", "binder", ".binder", "requirements.txt", "runtime.txt"):
        assert not (REPO / name).exists(), f"{name} would change what Binder builds; environment.yml is the one recipe"
    alone = tmp_path_factory.mktemp("environment-only")
    shutil.copy(REPO / "environment.yml", alone / "environment.yml")
    baseline, _ = _dockerfile(repo2docker, alone)
    assert dockerfile.splitlines() == baseline.splitlines()
    steps = [line for line in dockerfile.splitlines() if not line.lstrip().startswith("#")]
    assert not any("postBuild" in line or "R2D_ENTRYPOINT" in line for line in steps)
