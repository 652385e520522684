"""Helpers for browser tests: the built site served on localhost and Debian's Chromium via Playwright."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> str:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it) or `apt-get install chromium`.")
    return CHROMIUM


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on a free localhost port; yield the base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def type_search(page: Page, query: str) -> None:
    """Open the real search box of a loaded page, type `query` and wait for results."""
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # Material's keyboard shortcut opens and focuses the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible", timeout=5000)
    # keys typed before the search worker is ready are lost: wait for the "type to search" text
    page.wait_for_function(
        "() => ['Начните печатать для поиска', 'Издөө үчүн тере баштаңыз'].includes("
        "document.querySelector('.md-search-result__meta').textContent.trim())", timeout=20000)
    box.type(query, delay=20)
    box.press("End")  # Playwright types Cyrillic as text input without keyup; Material listens to keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)


def search(browser: Browser, url: str, query: str) -> list[tuple[str, str]]:
    """Open `url`, type a query into the real search box; return (href, title) of the results."""
    page = browser.new_page()
    page.goto(url)
    type_search(page, query)
    page.wait_for_timeout(400)
    items = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(a => [a.href, a.querySelector('h1,h2')?.textContent.trim() || ''])")
    page.close()
    return items
