"""Offline use: the built site opened from the file system (file://) works, search included, in
both languages; and each language's ZIP holds a complete, self-contained copy of its site."""
from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest

from scripts import build_offline, check_site
from scripts.content import LANGS, ROOT, built_html, built_pages, page_url
from tests.browser import chromium, search

SHIM = "assets/javascripts/iframe-worker/shim.js"
QUERIES = {"ru": ("гендерный анализ", "gender-mainstreaming/gender-analysis.md"),
           "ky": ("баалоону", "trainer-manual/evaluation.md")}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_search_shim_is_the_pinned_npm_package(site):
    npm = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    if not npm.exists():
        pytest.fail("iframe-worker is not installed: run `make test` (it runs `npm ci`).")
    assert (site / SHIM).read_bytes() == npm.read_bytes(), f"docs/{SHIM} differs from iframe-worker in package.json"
    assert f'src="{SHIM}"' in built_html(site, "ru", "index.md").read_text(encoding="utf-8")


def open_offline(browser, url: str, lands_on: str = "") -> tuple[list[str], list[str]]:
    """Load a file:// URL (which may forward to `lands_on`); return (non-file requests, console errors)."""
    page = browser.new_page()
    remote: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else remote.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    if lands_on:
        page.wait_for_url("**/" + lands_on, timeout=5000)
    page.wait_for_load_state("load")
    assert page.locator(".md-header").count() == 1 and page.locator("article h1").count() == 1, f"{url}: not rendered"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Roboto" in font, f"{url}: stylesheets did not load from the file system ({font})"
    # the first link in the navigation goes to a page that exists
    nav = page.eval_on_selector_all(".md-nav__link[href]", "els => els.map(a => a.href).filter(h => h.startsWith('file:'))")
    assert nav and all(Path(h.split("#")[0].removeprefix("file://")).is_file() for h in nav), f"{url}: broken navigation"
    page.close()
    return remote, errors


def assert_search_works(browser, root: Path, lang: str) -> None:
    query, want = QUERIES[lang]
    url = (root / page_url(lang, "gender-mainstreaming/index.md")).as_uri()
    results = search(browser, url, query)
    assert results, f"{url}: search found nothing for «{query}» from the file system"
    hrefs = [h.split("#")[0].split("?")[0] for h, _ in results]
    assert all(h.startswith("file://") and Path(h.removeprefix("file://")).is_file() for h in hrefs), hrefs[:5]
    assert all(("/ky/" in h) == (lang == "ky") for h in hrefs), f"{lang}: results in the other language: {hrefs[:5]}"
    assert any(h.endswith("/" + page_url(lang, want)) for h in hrefs), f"«{query}» did not find {want}: {hrefs[:8]}"


@pytest.mark.parametrize("lang", LANGS)
def test_site_works_from_the_file_system(browser, site, lang):
    for md in ("index.md", "committee-handbook/case-work.md"):
        remote, errors = open_offline(browser, built_html(site, lang, md).as_uri())
        assert not remote, f"{md}: requests outside the file system: {remote}"
        assert not errors, f"{md}: console errors from file://: {errors}"
    assert_search_works(browser, site, lang)


def zip_links(site: Path, lang: str) -> list[str]:
    page = built_html(site, lang, "downloads.md")
    return [a.get("href") for a in lxml.html.parse(str(page)).xpath("//*[@id='offline-copy']//a[@href]")]


@pytest.fixture(scope="module")
def unzipped(site, tmp_path_factory) -> dict[str, Path]:
    out = {}
    for lang in LANGS:
        z = build_offline.zip_path(site, lang)
        assert z.is_file(), f"{z} was not built"
        dest = tmp_path_factory.mktemp(f"zip-{lang}")
        with zipfile.ZipFile(z) as f:
            assert f.testzip() is None
            f.extractall(dest)
        out[lang] = dest / build_offline.NAME.format(lang=lang)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page_links_the_language_zip(site, lang):
    links = zip_links(site, lang)
    page = built_html(site, lang, "downloads.md")
    assert len(links) == 1 and (page.parent / links[0]).resolve() == build_offline.zip_path(site, lang).resolve(), links


@pytest.mark.parametrize("lang", LANGS)
def test_zip_holds_the_whole_language_site_and_nothing_of_the_other(site, unzipped, lang):
    root = unzipped[lang]
    missing = [str(p.relative_to(site)) for p in built_pages(site, lang) if not (root / p.relative_to(site)).is_file()]
    assert not missing, f"pages missing from the {lang} ZIP: {missing[:10]}"
    pdf_dir = site / ("pdf" if lang == "ru" else f"{lang}/pdf")
    pdfs = sorted(p.relative_to(site) for p in pdf_dir.rglob("*.pdf"))
    assert len(pdfs) > 6 and all((root / p).is_file() for p in pdfs), f"PDFs missing from the {lang} ZIP"
    for other in LANGS:
        if other != lang:
            strays = [p for p in built_pages(site, other) if (root / p.relative_to(site)).is_file() and p.name != "index.html"]
            strays += [p for p in built_pages(site, other) if p.name == "index.html" and p.parent != site
                       and (root / p.relative_to(site)).is_file()]
            assert not strays, f"{lang} ZIP holds {other} pages: {strays[:5]}"
    assert (root / "index.html").is_file(), "the ZIP has no index.html at its top"
    assert not check_site.check_links(root), check_site.check_links(root)[:10]


def test_zip_copy_works_from_the_file_system_with_search(browser, unzipped):
    lang = "ky"
    root = unzipped[lang]
    remote, errors = open_offline(browser, (root / "index.html").as_uri(), lands_on=page_url(lang, "index.md"))
    assert not remote and not errors, (remote, errors)
    assert_search_works(browser, root, lang)
