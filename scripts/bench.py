"""Benchmark of the build and of the built site, for the README.

Builds into a temporary folder (the working site/ is left alone) and prints Markdown tables:
site-only build time, PDF build time, PDF and ZIP sizes, search index sizes; then Lighthouse
(pinned in scripts/lighthouse/package.json, run in Debian's Chromium, mobile profile with its
simulated slow 4G and 4x slower CPU) on the home page and a long chapter in each language,
served on localhost with gzip like any production web server.

Usage: python -m scripts.bench [--no-lighthouse] [--runs N]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import itertools
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import ROOT, engine_build, repo_copy  # noqa: E402


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: the speed of this machine at this moment, printed next
    to the build times (on a shared virtual machine the same build varies by a third)."""
    start = time.process_time()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.process_time() - start


LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home, ru": "index.html", "long chapter, ru": "committee-handbook/case-work.html",
         "home, ky": "ky/index.html", "long chapter, ky": "ky/committee-handbook/case-work.html"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text, as GitHub Pages or nginx would send them."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Cache-Control", "max-age=600")
        if path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def lighthouse(site: Path, runs: int) -> dict[str, dict[str, list[int]]]:
    """Scores (0–100) per page and category, one per run (Lighthouse's own advice: several runs,
    judged by the median; one run on a shared machine varies by ±10 points)."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE.parents[2], check=True, capture_output=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    scores: dict[str, dict[str, list[int]]] = {}
    try:
        for _, (name, path) in itertools.product(range(runs), PAGES.items()):  # round robin: a slow minute hits all pages
            out = Path(tempfile.gettempdir()) / f"lighthouse-{os.getpid()}.json"
            subprocess.run(
                [str(LIGHTHOUSE), f"http://127.0.0.1:{httpd.server_address[1]}/{path}", "--quiet", "--output=json",
                 f"--output-path={out}", "--only-categories=" + ",".join(CATEGORIES),
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                check=True, capture_output=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
            report = json.loads(out.read_text(encoding="utf-8"))
            for c in CATEGORIES:
                scores.setdefault(name, {}).setdefault(c, []).append(round(report["categories"][c]["score"] * 100))
    finally:
        httpd.shutdown()
    return scores


def incremental(rounds: int) -> tuple[list[float], list[float]]:
    """Side by side, alternating in one run: the whole site build (HTML, every PDF laid out again,
    offline ZIPs) and the rebuild after a one-page edit (HTML, PDFs from the cache but the edited
    book's, ZIPs), in a copy of the repository so that the edit touches nothing here."""
    full, again = [], []
    with tempfile.TemporaryDirectory() as tmp:
        repo = repo_copy(Path(tmp) / "repo")
        page = repo / "docs" / "ru" / "committee-handbook" / "contacts.md"
        site = repo / "site"

        def build(*pdf_args: str) -> float:
            start = time.perf_counter()
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            for cmd in ([*engine_build(site)], ["-m", "scripts.split_search", str(site)],
                        ["-m", "scripts.build_pdfs", "--site", str(site), *pdf_args], ["-m", "scripts.build_offline", str(site)]):
                subprocess.run([sys.executable, *cmd], cwd=repo, check=True, capture_output=True, env=env)
            return time.perf_counter() - start

        build()  # fill the cache
        for n in range(rounds):
            full.append(build("--no-cache"))
            page.write_text(page.read_text(encoding="utf-8") + f"\nПравка {n + 1}.\n", encoding="utf-8")
            again.append(build())
    return full, again


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (the median is reported; Lighthouse advises 5)")
    ap.add_argument("--pdf-runs", type=int, default=3, help="PDF builds (the median and range are reported)")
    ap.add_argument("--rebuild-rounds", type=int, default=3, help="full build / one-page-edit rebuild pairs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        html_s = timed([sys.executable, *engine_build(site)])
        subprocess.run([sys.executable, "-m", "scripts.split_search", str(site)], cwd=ROOT, check=True, capture_output=True)
        pdf_runs = [timed([sys.executable, "-m", "scripts.build_pdfs", "--site", str(site)]) for _ in range(args.pdf_runs)]
        zip_s = timed([sys.executable, "-m", "scripts.build_offline", str(site)])
        pdfs = sorted(site.rglob("*.pdf"))
        books = [p for p in pdfs if p.parent.name == "pdf"]
        print("| Measure | Value |\n|---|---|")
        print(f"| Machine speed: fixed Python loop (lower is faster) | {cpu_reference():.1f} s |")
        print(f"| HTML site build (both languages, strict) | {html_s:.1f} s |")
        print(f"| PDF build ({len(books)} books + {len(pdfs) - len(books)} printables, {os.cpu_count()} processes), median (range) of {len(pdf_runs)} | "
              f"{statistics.median(pdf_runs):.1f} s ({min(pdf_runs):.1f}–{max(pdf_runs):.1f}) |")
        print(f"| All PDFs together | {sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB |")
        for lang, idx in (("ru", site / "search" / "search_index.json"), ("ky", site / "ky" / "search" / "search_index.json")):
            raw = idx.read_bytes()
            print(f"| Search index, {lang} | {len(raw) / 1024:.0f} KB raw, {len(gzip.compress(raw, 9)) / 1024:.0f} KB gzip |")
        for b in books:
            rel = b.relative_to(site).as_posix()
            print(f"| `{rel}` | {b.stat().st_size / 1e6:.2f} MB, {len(PdfReader(str(b)).pages)} pages |")
        for z in sorted(site.rglob("*.zip")):
            print(f"| `{z.relative_to(site).as_posix()}` (offline copy) | {z.stat().st_size / 1e6:.1f} MB |")
        print(f"| Offline ZIPs build | {zip_s:.1f} s |")
        full, again = incremental(args.rebuild_rounds)
        ratios = [a / f for f, a in zip(full, again)]
        print(f"| Whole site build / rebuild after a one-page edit, median of {len(full)} alternating pairs | "
              f"{statistics.median(full):.1f} s / {statistics.median(again):.1f} s, ratio {statistics.median(ratios):.2f} "
              f"({min(ratios):.2f}–{max(ratios):.2f}; target ≤ 0.30) |")
        if not args.no_lighthouse:
            scores = lighthouse(site, args.runs)
            print(f"\n| Lighthouse 12.2.3, mobile, median (range) of {args.runs} runs | " + " | ".join(CATEGORIES)
                  + " |\n|---|" + "---|" * len(CATEGORIES))
            for name, row in scores.items():
                print(f"| {name} | " + " | ".join(f"{statistics.median(row[c]):.0f} ({min(row[c])}–{max(row[c])})" for c in CATEGORIES) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
