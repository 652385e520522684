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


#: Russian query forms (plural, oblique cases, verbal nouns, adjectives) of words of the guides,
#: each with the root that the page found must contain. Material writes every query term as a
#: prefix query ("term*"), which made lunr skip the Russian stemmer: most of these found nothing.
RU_FORMS = [
    ("комитетами", "комитет"), ("комитетов", "комитет"), ("насилием", "насили"), ("насилии", "насили"),
    ("ордером", "ордер"), ("ордера", "ордер"), ("гендерными", "гендерн"), ("гендерного", "гендерн"),
    ("бюджетированием", "бюджетир"), ("анализом", "анализ"), ("экспертизой", "экспертиз"),
    ("экспертизами", "экспертиз"), ("тренерами", "тренер"), ("участниками", "участник"),
    ("защитой", "защит"), ("пострадавшими", "пострадавш"), ("дискриминацией", "дискриминац"),
    ("мониторингом", "мониторинг"), ("показателями", "показател"), ("равенством", "равенств"),
    ("программами", "программ"), ("планами", "план"), ("обучением", "обучени"), ("семьями", "семь"),
    ("милицией", "милици"), ("заявлениями", "заявлени"), ("консультациями", "консультац"),
    ("направлениями", "направлени"), ("документами", "документ"), ("стереотипами", "стереотип"),
    ("квотами", "квот"), ("женщинами", "женщин"), ("мужчинами", "мужчин"), ("руководителями", "руководител"),
    ("специалистами", "специалист"),
]
#: Different words that must keep different stems (Russian stemmer in the built worker script).
RU_MUST_DIFFER = [("орган", "организация"), ("работа", "работник"), ("семья", "семинар"), ("мера", "мероприятие"),
                  ("закон", "законопроект"), ("гражданин", "граница"), ("часть", "частный"), ("школа", "школьник")]


def _ru_stems(browser, site, words: list[str]) -> dict[str, str]:
    """Stems of query terms by the built lunr.ru.min.js (with our query hook), on real lunr 2.3.9."""
    support = next((ROOT / ".venv").glob("lib/python*/site-packages/material/templates/assets/javascripts/lunr/min/lunr.stemmer.support.min.js"))
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    for script in (ROOT / "node_modules" / "lunr" / "lunr.js", support, site / "assets" / "javascripts" / "lunr" / "min" / "lunr.ru.min.js"):
        page.add_script_tag(content=script.read_text(encoding="utf-8"))
    out = page.evaluate("ws => Object.fromEntries(ws.map(w => [w, lunr.ru.queryStem(w)]))", words)
    page.close()
    return out


def test_built_russian_lunr_carries_the_query_hook(site):
    text = (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.ru.min.js").read_text(encoding="utf-8")
    assert "lunr.ru.queryStem" in text and text.index("lunr.ru.queryStem") > text.index("lunr.ru.stemmer")


def test_russian_different_words_keep_different_stems(browser, site):
    stems = _ru_stems(browser, site, [w for pair in RU_MUST_DIFFER for w in pair] + [f for f, _ in RU_FORMS])
    for a, b in RU_MUST_DIFFER:
        assert stems[a] != stems[b], f"«{a}» and «{b}» must not be conflated (both → {stems[a]})"
    for form, root in RU_FORMS:  # the query term is cut back towards its root, never past its first letters
        assert len(stems[form]) < len(form) and form.startswith(stems[form]) and len(stems[form]) >= 3, (form, stems[form], root)


@pytest.fixture(scope="module")
def ru_texts(site) -> dict[str, str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    texts: dict[str, str] = {}
    for d in docs:
        page = d["location"].split("#")[0]
        texts[page] = texts.get(page, "") + " " + (d["title"] + " " + d["text"]).lower()
    return texts


def test_russian_forms_list_is_large_enough():
    assert len(RU_FORMS) >= 30 and len({root for _, root in RU_FORMS}) >= 25


@pytest.mark.parametrize("query,root", RU_FORMS, ids=[f for f, _ in RU_FORMS])
def test_russian_search_finds_inflected_forms(browser, site, ru_texts, query, root):
    with serve(site) as base:
        results = search(browser, f"{base}/index.html", query)
    assert results, f"no results for «{query}»"
    assert not any("/ky/" in href for href, _ in results), f"Kyrgyz pages in Russian results: {results}"
    pages = {href.split("?")[0].split("#")[0].split(base + "/", 1)[-1] for href, _ in results}
    assert any(root in ru_texts.get(p, "") for p in pages), f"«{query}»: no result contains «{root}…»: {sorted(pages)[:8]}"
