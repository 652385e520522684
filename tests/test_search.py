"""Search speaks both languages: each reader searches only their language's index, and Kyrgyz
word forms find each other (unit tests of the stemmer, then the real search box in Chromium)."""
from __future__ import annotations

import json

import pytest

from scripts.content import ROOT
from tests.browser import chromium, search, serve

STEMMER = ROOT / "docs" / "assets" / "javascripts" / "lunr" / "min" / "lunr.ky.min.js"
DATA = json.loads((ROOT / "tests" / "data" / "ky_stems.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def stems(browser) -> dict[str, str]:
    """Stem of every word in the test data, computed by the real lunr.ky.min.js in Chromium."""
    words = sorted({w for forms in DATA["groups"].values() for w in forms} | set(DATA["groups"]) | {w for p in DATA["must_differ"] for w in p})
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=STEMMER.read_text(encoding="utf-8"))
    out = page.evaluate("ws => Object.fromEntries(ws.map(w => [w, window.lunrKyrgyz.stem(w)]))", words)
    page.close()
    return out


def test_stemmer_word_list_is_large_enough():
    assert sum(len(v) for v in DATA["groups"].values()) >= 300


@pytest.mark.parametrize("lemma", sorted(DATA["groups"]))
def test_every_form_of_a_kyrgyz_noun_reaches_one_stem(stems, lemma):
    got = {f: stems[f] for f in DATA["groups"][lemma]}
    assert len(set(got.values())) == 1, f"{lemma}: forms split into {sorted(set(got.values()))}: {got}"
    assert stems[lemma] in got.values(), f"{lemma}: the base form stems to {stems[lemma]}"


def test_different_nouns_keep_different_stems(stems):
    by_stem: dict[str, list[str]] = {}
    for lemma in DATA["groups"]:
        by_stem.setdefault(stems[lemma], []).append(lemma)
    assert all(len(v) == 1 for v in by_stem.values()), {k: v for k, v in by_stem.items() if len(v) > 1}
    for a, b in DATA["must_differ"]:
        assert stems[a] != stems[b], f"«{a}» and «{b}» must not be conflated (both → {stems[a]})"


def test_each_language_has_its_own_index(site):
    ru = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ky = json.loads((site / "ky" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert ru["config"]["lang"] == ["ru"] and ky["config"]["lang"] == ["ky"]
    assert not any(d["location"].startswith("ky/") for d in ru["docs"])
    titles_ky = {d["title"] for d in ky["docs"]}
    assert "Тренингди баалоо" in titles_ky and "Гендерный анализ" not in titles_ky
    assert (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.ky.min.js").is_file()


@pytest.mark.parametrize("query", ["баалоону", "баалоодо", "Баалоо"])
def test_kyrgyz_search_finds_word_forms_and_only_kyrgyz_pages(browser, site, query):
    with serve(site) as base:
        results = search(browser, f"{base}/ky/gender-mainstreaming/index.html", query)
    assert results, f"no results for «{query}»"
    assert all("/ky/" in href for href, _ in results), f"Russian pages in Kyrgyz results: {results}"
    assert any(href.split("?")[0].endswith("/ky/trainer-manual/evaluation.html") for href, _ in results), (
        f"«{query}» did not find «Тренингди баалоо»: {results[:8]}")


def test_russian_search_stays_russian(browser, site):
    with serve(site) as base:
        results = search(browser, f"{base}/gender-mainstreaming/index.html", "гендерный анализ")
    assert results
    assert not any("/ky/" in href for href, _ in results), f"Kyrgyz pages in Russian results: {results}"
    assert any(href.split("?")[0].endswith("/gender-mainstreaming/gender-analysis.html") for href, _ in results), results[:8]


@pytest.mark.parametrize("index", ["search/search_index.json", "ky/search/search_index.json"])
def test_every_search_section_has_its_page_entry(site, index):
    docs = json.loads((site / index).read_text(encoding="utf-8"))["docs"]
    pages = {d["location"] for d in docs if "#" not in d["location"]}
    orphans = sorted({d["location"].split("#")[0] for d in docs if "#" in d["location"]} - pages)
    assert not orphans, f"sections without a page entry (results would link to 'undefined'): {orphans}"
