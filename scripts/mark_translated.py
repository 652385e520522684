"""Record that Kyrgyz pages translate the current Russian text (sets `translation_of`).

Usage: python -m scripts.mark_translated docs/ky/<page>.md [...]   or   --all
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DOCS, ROOT, is_generated, twin  # noqa: E402
from scripts.translations import source_hash  # noqa: E402


def mark(ky_page: Path) -> str:
    """Set translation_of in the page's front matter to the Russian twin's hash; return it."""
    ru = twin(ky_page, "ru")
    if not ru.exists():
        raise SystemExit(f"{ky_page}: no Russian page {ru} to translate from")
    h = source_hash(ru)
    text = ky_page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise SystemExit(f"{ky_page}: no front matter")
    end = text.index("\n---", 3)
    fm = text[4:end]
    fm = re.sub(r"^translation_of:.*\n?", "", fm + "\n", flags=re.M).rstrip("\n")
    # quoted: a hash of digits only («253318996901») would otherwise be read by YAML as a number
    ky_page.write_text(f"---\n{fm}\ntranslation_of: '{h}'{text[end:]}", encoding="utf-8")
    return h


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*", type=Path)
    ap.add_argument("--all", action="store_true", help="every Kyrgyz page (after a full review)")
    args = ap.parse_args()
    pages = sorted((DOCS / "ky").rglob("*.md")) if args.all else [p.resolve() for p in args.pages]
    for p in pages:
        if is_generated(p):
            continue
        print(f"{p.relative_to(ROOT)}: translation_of {mark(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
