"""Performance budget: what a first visit to a long guide page downloads (HTML, CSS, JS, fonts;
the search index excluded) stays under 250 KB in transfer size (gzip for text, as served); and
the search index itself is downloaded only when the reader opens the search."""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
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
    """overrides/partials/quiet-start.html skips only no-op palette updates at start-up, and the
    root's colour scheme (html[data-palette-scheme], extra.css) follows the palette."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(color_scheme="light")
        page.goto(base + "/ky/index.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
        root_scheme = "getComputedStyle(document.documentElement).colorScheme"
        assert page.evaluate(root_scheme) == "normal"
        assert page.evaluate("document.documentElement.getAttribute('data-palette-scheme')") is None
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=3000)
        # the browser's own controls follow the dark palette without the theme's color-scheme meta
        assert page.evaluate(root_scheme) == "dark"
        assert page.evaluate("document.querySelectorAll('meta[name=color-scheme]').length") == 0
        assert re.fullmatch(r"#[0-9a-f]{6}", page.evaluate("document.querySelector('meta[name=theme-color]').content"))
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=3000)
        assert page.evaluate(root_scheme) == "normal"


LONG_AND_HOME = ["/index.html", "/ky/index.html", "/committee-handbook/case-work.html", "/ky/committee-handbook/case-work.html"]


@pytest.mark.parametrize("path", LONG_AND_HOME)
def test_theme_script_does_not_block_the_first_drawing(site, path):
    """overrides/main.html loads the theme's script after the next frame (requestAnimationFrame, then
    a task), not as a blocking tag. The effect on speed is measured by `make bench` (Lighthouse)."""
    html = (site / path.lstrip("/")).read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html), f"{path}: blocking theme script tag"
    src = re.search(r's\.src = "([^"]*bundle\.[0-9a-f]+\.min\.js)"', html)
    assert src, f"{path}: no loader for the theme's script"
    assert ((site / path.lstrip("/")).parent / src.group(1)).resolve().is_file(), f"{path}: loader points at a missing {src.group(1)}"
    assert "requestAnimationFrame(function () { setTimeout(load, 0); })" in html, f"{path}: loader does not wait for a frame"


PHONE, DESKTOP = {"width": 412, "height": 823}, {"width": 1920, "height": 1080}


@pytest.mark.parametrize("path", LONG_AND_HOME)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_theme_still_starts_after_the_page_is_drawn_and_nothing_shifts(site, path, viewport):
    """The theme's script, started late, still mounts its components (it waits for
    DOMContentLoaded, which the loader fires again for it), and no part of the page shifts, on a
    phone or on a desktop screen."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        page.add_init_script("""
            window.__shifts = 0;
            new PerformanceObserver(l => { for (const e of l.getEntries()) window.__shifts += e.value; })
              .observe({type: 'layout-shift', buffered: true});
        """)
        page.goto(base + path)
        # mounted: the header title gets its tooltip, the back-to-top button its position (neither is
        # in the HTML as built)
        # (the title only where it does not fit: on a phone)
        page.wait_for_function("(innerWidth > 1000 || document.querySelector('.md-header__topic .md-ellipsis').hasAttribute('title'))"
                               " && document.querySelector('.md-top').style.top !== ''", timeout=15000)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__shifts") < 0.001, f"{path}: layout shift {page.evaluate('window.__shifts')}"


@pytest.mark.parametrize("path", ["/committee-handbook/case-work.html", "/ky/committee-handbook/case-work.html"])
def test_tables_come_wrapped_and_the_theme_moves_none(site, path):
    """scripts/mkdocs_hooks.py wraps the tables as the theme would; the theme's script, when it
    starts, neither moves them (a move rebuilds the table's style and layout) nor wraps them twice."""
    doc = lxml.html.parse(str(site / path.lstrip("/"))).getroot()
    tables = doc.xpath("//article//table")
    assert tables, f"{path}: no table to check"
    for t in tables:
        assert t.getparent().get("class") == "md-typeset__table" and t.getparent().getparent().get("class") == "md-typeset__scrollwrap", (
            f"{path}: a table is not in the theme's wrapper as built")
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 412, "height": 823})
        page.add_init_script("""
            window.__moved = 0;
            new MutationObserver(records => { for (const r of records) for (const n of r.removedNodes)
              if (n.nodeName === 'TABLE' || (n.querySelector && n.querySelector('table'))) window.__moved++; })
              .observe(document, {childList: true, subtree: true});
        """)
        page.goto(base + path)
        page.wait_for_function("document.querySelector('.md-header__topic .md-ellipsis').hasAttribute('title')", timeout=15000)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__moved") == 0, f"{path}: the theme's script moved {page.evaluate('window.__moved')} tables"
        assert page.evaluate("document.querySelectorAll('article table').length") == len(tables)
        assert page.evaluate("document.querySelectorAll('.md-typeset__table .md-typeset__table').length") == 0, f"{path}: tables wrapped twice"


@pytest.mark.parametrize("path,limit", [("/index.html", 400), ("/committee-handbook/case-work.html", 800),
                                        ("/ky/committee-handbook/case-work.html", 800)])
def test_navigation_lists_only_the_current_guide(site, path, limit):
    """navigation.prune: the side navigation carries the open guide's pages only (the others are one
    link each), which keeps the page small on a phone."""
    doc = lxml.html.parse(str(site / path.lstrip("/"))).getroot()
    count = len(doc.xpath("//*"))
    links = doc.xpath("//*[contains(@class,'md-sidebar--primary')]//a[contains(@class,'md-nav__link')]/@href")
    assert count <= limit, f"{path}: {count} elements > {limit}"
    assert not [h for h in links if "gender-mainstreaming/" in h and not h.endswith("index.html")], f"{path}: other guides' pages in the navigation: {links}"



@pytest.mark.parametrize("path", ["/committee-handbook/case-work.html", "/ky/committee-handbook/case-work.html"])
def test_links_within_a_long_page_land_at_their_heading_with_a_screen_reader_on(site, path):
    """A link to a late section, followed on the same page while the browser keeps an accessibility
    tree (a screen reader, or Playwright's snapshot), brings the heading to the top of the screen.
    Speed-ups that skip the drawing of off-screen text (content-visibility) broke this: the heading
    landed 1,200 px down."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.locator("article").aria_snapshot()  # the browser builds its accessibility tree
        page.goto(base + path + "#checklist")
        page.wait_for_timeout(500)
        top = page.evaluate("document.getElementById('checklist').getBoundingClientRect().top")
        assert 0 <= top < 150, f"{path}#checklist: the heading is at {top:.0f} px, not at the top of the screen"
