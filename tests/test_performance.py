"""Performance budget: what a first visit to a long guide page downloads (HTML, CSS, JS, fonts;
the search index excluded) stays under 250 KB in transfer size (gzip for text, as served); and
the search index itself is downloaded only when the reader opens the search."""
from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium, serve, type_search

BUDGET = 250 * 1024
COMPRESSED = {".woff2", ".png", ".jpg", ".pdf"}


def first_visit_bytes(site: Path, path: str) -> tuple[int, list[tuple[str, int]]]:
    files: list[tuple[str, int]] = []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        urls: list[str] = []
        page.on("requestfinished", lambda r: urls.append(r.url))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    for url in urls:
        f = site / urlsplit(url).path.lstrip("/")
        if f.is_dir():
            f = f / "index.html"
        if "search_index" in url or not f.is_file():
            continue
        data = f.read_bytes()
        files.append((urlsplit(url).path, len(data) if f.suffix in COMPRESSED else len(gzip.compress(data, 6))))
    return sum(s for _, s in files), files


@pytest.mark.parametrize("path", ["/committee-handbook/case-work.html", "/ky/committee-handbook/case-work.html", "/ky/gender-mainstreaming/concepts.html"])
def test_first_visit_to_a_long_page_stays_within_budget(site, path):
    total, files = first_visit_bytes(site, path)
    listing = "\n".join(f"{s:8d} {u}" for u, s in sorted(files, key=lambda x: -x[1]))
    assert total <= BUDGET, f"{path}: {total / 1024:.0f} KB > {BUDGET // 1024} KB\n{listing}"


@pytest.mark.parametrize("path,index", [("/index.html", "/search/search_index.json"),
                                        ("/ky/committee-handbook/case-work.html", "/ky/search/search_index.json")])
def test_search_index_loads_only_when_the_reader_searches(site, path, index):
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        urls: list[str] = []
        page.on("request", lambda r: urls.append(urlsplit(r.url).path))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        assert not [u for u in urls if "search_index" in u], f"{path}: search index fetched before any search"
        type_search(page, "гендер")
        assert index in urls, f"{path}: opening the search did not fetch {index}: {[u for u in urls if 'search' in u]}"


def test_palette_toggle_still_switches_after_the_quiet_start(site):
    """overrides/partials/palette-quiet-start.html skips only no-op palette updates at start-up."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(color_scheme="light")
        page.goto(base + "/ky/index.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=3000)
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=3000)
