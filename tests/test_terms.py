"""One term per concept: every variant the glossary rejects is caught by the terminology check,
abbreviations expand without doubled words on the built pages, and bare «балдар» beside «кыздар»
(which reads "children") is flagged where boys are meant."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from scripts import check_sources, content
from scripts.check_sources import CELL

PAGE = "---\ntitle: t\ndescription: d\n---\n\n# T {{#t}}\n\n{body}\n"


def rejected() -> list[tuple[str, str, str]]:
    """(lang, glossary id, rejected form) for every rejected variant in the glossary."""
    return [(lang, e["id"], bad) for e in content.glossary() for lang in content.LANGS for bad in e[f"avoid_{lang}"]
            if not bad.startswith("ok:")]


def planted(bad: str) -> str:
    """A line of text using the rejected form the way a page would."""
    if bad.startswith(CELL):
        return f"| {bad[len(CELL):].capitalize()} | 12 |"
    word = bad.rstrip("*")
    return f"Бул жерде {word}{'и' if bad.endswith('*') else ''} деп жазылган."


def test_the_glossary_rejects_the_variants_the_review_found():
    forms = {(lang, bad.rstrip("*").removeprefix(CELL)) for lang, _, bad in rejected()}
    for lang, form in [("ky", "индикатор"), ("ky", "бюджеттик билдирме"), ("ky", "парковка"), ("ky", "чек-лист"),
                       ("ky", "полиция"), ("ky", "кылмыш-жаза жоопкерчилиги"), ("ky", "кайра багыттоо"),
                       ("ky", "тең тренер"), ("ky", "аноним"), ("ky", "тилке"), ("ru", "полици")]:
        assert (lang, form) in forms, f"{lang}: «{form}» is not rejected by the glossary"


@pytest.mark.parametrize("lang,gid,bad", rejected(), ids=lambda v: str(v))
def test_terminology_check_catches_each_rejected_variant(tmp_path: Path, lang: str, gid: str, bad: str):
    for lg in content.LANGS:
        (tmp_path / lg).mkdir()
    (tmp_path / lang / "x.md").write_text(PAGE.format(body=planted(bad)), encoding="utf-8")
    msgs = [str(f) for f in check_sources.check(tmp_path) if "x.md:8" in f.file + ":" + str(f.line)]
    good = next(e[lang] for e in content.glossary() if e["id"] == gid)
    assert any(good.lower() in m.lower() for m in msgs), f"{lang} «{bad}» ({gid}) not caught: {msgs}"


def test_the_preferred_term_is_not_taken_for_a_rejected_one(tmp_path: Path):
    for lg in content.LANGS:
        (tmp_path / lg).mkdir()
    (tmp_path / "ky" / "x.md").write_text(PAGE.format(body="Арыз анонимдүү берилет; көрсөткүчтөр жана типтүү жобо; жер тилкесин бөлүү."), encoding="utf-8")
    assert not check_sources.check(tmp_path)


@pytest.mark.parametrize("line,flagged", [
    ("Мектепте кыздар жана балдар бирдей катышат.", True),
    ("| Окуучулар (кыздар / балдар) | 120 / 98 |", True),
    ("балдар, кыздар жана алардын ата-энелери", True),
    ("Мектепте кыздар жана эркек балдар бирдей катышат.", False),
    ("Үй-бүлөдө үч бала бар; балдар мектепке барат.", False),
    ("Социалдык кызматкер, балдарды коргоо боюнча адис.", False),
])
def test_bare_boys_beside_girls_is_flagged(tmp_path: Path, line: str, flagged: bool):
    page = tmp_path / "ky.md"
    page.write_text(PAGE.format(body=line), encoding="utf-8")
    found = check_sources.boys_meant(page)
    assert bool(found) is flagged, found
    if flagged:
        assert found[0].line == 8 and "эркек балдар" in found[0].message


def doubled(title: str, after: str) -> str | None:
    """The word an abbreviation's expansion ends with, when the text repeats it right after."""
    last = re.findall(r"\w+", title.lower())[-1:]
    nxt = re.findall(r"\w+", after.lower())[:1]
    n = min(7, len(last[0]) - 1) if last else 0  # «органдары»→«органдарынын», not «действий»→«действует»
    if last and nxt and len(last[0]) >= 4 and nxt[0][:n] == last[0][:n]:
        return f"«{title}» + «{after.strip()[:30]}»"
    return None


def test_doubled_word_detector_sees_the_old_omsu_expansion():
    assert doubled("жергиликтүү өз алдынча башкаруу органдары", " органдарынын жетекчилери")
    assert not doubled("жергиликтүү өз алдынча башкаруу", " органдарынын жетекчилери")
    assert not doubled("национальный план действий", " действует сейчас")  # a different word, same first letters
    assert doubled("Аялдарга карата басмырлоонун бардык формаларын жоюу жөнүндө конвенция", " конвенциясы")


@pytest.mark.parametrize("lang", content.LANGS)
def test_no_built_page_expands_an_abbreviation_into_a_doubled_word(site: Path, lang: str):
    bad = []
    for html in content.built_pages(site, lang):
        for abbr in lxml.html.parse(str(html)).xpath("//article//abbr[@title]"):
            hit = doubled(abbr.get("title"), abbr.tail or "")
            if hit:
                bad.append(f"{html.relative_to(site)}: {hit}")
    assert not bad, "\n".join(bad[:20])


@pytest.mark.parametrize("lang", content.LANGS)
def test_glossary_definitions_use_the_glossarys_own_terms(tmp_path: Path, lang: str):
    """The glossary pages are generated (check_sources skips them), so their definitions are checked
    here: a definition must not use a variant the glossary itself rejects."""
    entries = content.glossary()
    page = tmp_path / f"{lang}.md"
    page.write_text(PAGE.format(body="\n\n".join(e[f"{lang}_definition"] for e in entries)), encoding="utf-8")
    found = check_sources.terminology(page, lang, entries)
    assert not found, "\n".join(map(str, found))


def test_the_contributing_guides_use_the_glossarys_terms():
    """The editors' guides teach by example: they must not use a form the glossary rejects."""
    entries = content.glossary()
    found = [*check_sources.terminology(content.ROOT / "CONTRIBUTING.md", "ru", entries),
             *check_sources.terminology(content.ROOT / "CONTRIBUTING.ky.md", "ky", entries)]
    assert not found, "\n".join(map(str, found))
