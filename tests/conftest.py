"""Shared fixtures: the repository paths and the site built by `make site` (built once, before pytest)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site folder; `make test` builds it before running pytest."""
    s = ROOT / "site"
    if not (s / "index.html").exists() or not (s / "ky" / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (or `make site` before pytest).")
    return s
