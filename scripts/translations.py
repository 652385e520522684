"""Translation tracking: does each Kyrgyz page translate the *current* Russian text?

Each Kyrgyz page records in its front matter `translation_of: <hash>`, the hash of the Russian
source it translates (set by `python -m scripts.mark_translated`). A page is
- current   — the hash matches the Russian file as it is now;
- outdated  — the Russian file changed since (the Kyrgyz page shows a notice to readers);
- missing   — there is no Kyrgyz page;
- generated — both pages are generated from shared data (the glossary).

Usage: python -m scripts.translations [--strict]   (--strict: exit 1 when a page is missing)
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DOCS, is_generated, parse_page, twin  # noqa: E402


def source_hash(ru_page: Path) -> str:
    """Short hash of a Russian page's text (line endings normalised)."""
    text = ru_page.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Row:
    """Translation state of one page (path relative to docs/<lang>/)."""

    page: str
    state: str


def page_state(ru_page: Path) -> str:
    ky = twin(ru_page, "ky")
    if not ky.exists():
        return "missing"
    if is_generated(ru_page):
        return "generated"
    recorded = parse_page(ky)[0].get("translation_of")
    return "current" if recorded == source_hash(ru_page) else "outdated"


def status() -> list[Row]:
    return [Row(p.relative_to(DOCS / "ru").as_posix(), page_state(p)) for p in sorted((DOCS / "ru").rglob("*.md"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strict", action="store_true", help="exit 1 when a Kyrgyz page is missing")
    args = ap.parse_args()
    rows = status()
    width = max(len(r.page) for r in rows)
    print(f"{'page'.ljust(width)}  state")
    for r in rows:
        print(f"{r.page.ljust(width)}  {r.state}")
    counts = {s: sum(r.state == s for r in rows) for s in ("current", "outdated", "missing", "generated")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()))
    if counts["outdated"]:
        print("Outdated: update the Kyrgyz text, then run `python -m scripts.mark_translated docs/ky/<page>.md`.")
    return 1 if args.strict and counts["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
