"""Bad input from an editor fails the strict build with a message that names the offending file.

Each case in tests/fixtures/bad-input/ is applied to a temporary copy of the repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import content
from scripts.content import ROOT

CASES = ROOT / "tests" / "fixtures" / "bad-input"
repo_copy = content.repo_copy


def apply_case(case: Path, repo: Path) -> None:
    for f in case.rglob("*"):
        rel = f.relative_to(case)
        if f.is_file() and rel.parts[0] not in ("EXPECT", "DELETE"):
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, repo / rel)
    if (case / "DELETE").exists():
        for line in (case / "DELETE").read_text().split():
            (repo / line).unlink()


def build(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *content.engine_build(repo / "out")],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_bad_input_fails_the_build_and_names_the_file(case, tmp_path):
    repo = repo_copy(tmp_path)
    apply_case(case, repo)
    r = build(repo)
    out = r.stdout + r.stderr
    assert r.returncode != 0, f"{case.name}: the build passed although the input is broken:\n{out[-2000:]}"
    expect = (case / "EXPECT").read_text().strip()
    assert expect in out, f"{case.name}: the error does not name {expect}:\n{out[-2000:]}"


def test_the_unbroken_copy_builds(tmp_path):
    """Control: the same copy without a broken case builds, so the failures above come from the cases."""
    r = build(repo_copy(tmp_path))
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
