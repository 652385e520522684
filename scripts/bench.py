"""Benchmark of the build: site-only build time, PDF build time, PDF sizes and page counts.

Builds into a temporary folder (the working site/ is left alone) and prints a Markdown table
for the README. Usage: python -m scripts.bench
"""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import ROOT  # noqa: E402


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        html_s = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)])
        subprocess.run([sys.executable, "-m", "scripts.split_search", str(site)], cwd=ROOT, check=True, capture_output=True)
        pdf_s = timed([sys.executable, "-m", "scripts.build_pdfs", "--site", str(site)])
        pdfs = sorted(site.rglob("*.pdf"))
        books = [p for p in pdfs if p.parent.name == "pdf"]
        print("| Measure | Value |\n|---|---|")
        print(f"| HTML site build (both languages, strict) | {html_s:.1f} s |")
        print(f"| PDF build ({len(books)} books + {len(pdfs) - len(books)} printables, {os.cpu_count()} processes) | {pdf_s:.1f} s |")
        print(f"| All PDFs together | {sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB |")
        for lang, idx in (("ru", site / "search" / "search_index.json"), ("ky", site / "ky" / "search" / "search_index.json")):
            raw = idx.read_bytes()
            print(f"| Search index, {lang} | {len(raw) / 1024:.0f} KB raw, {len(gzip.compress(raw, 9)) / 1024:.0f} KB gzip |")
        for b in books:
            rel = b.relative_to(site).as_posix()
            print(f"| `{rel}` | {b.stat().st_size / 1e6:.2f} MB, {len(PdfReader(str(b)).pages)} pages |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
