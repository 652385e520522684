"""Promises about the legal facts: every specific in both languages comes from the register
(docs/includes/legal-facts.yml), is quoted as the register has it, repealed rules are not stated as
current, the reader sees when the facts were checked (site and books), the changes page lists what
changed, and old facts are reported."""
from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from scripts import build_pdfs as bp
from scripts import content, legal_facts
from scripts.content import DOCS, LANGS, ContentError

REG = legal_facts.register()


@pytest.fixture(scope="module")
def report() -> legal_facts.Report:
    return legal_facts.check(reg=REG)


def scan(tmp_path: Path, lang: str, text: str) -> list[str]:
    """Problems the check finds in a one-page text of the given language."""
    page = tmp_path / lang / "page.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"---\ntitle: t\ndescription: d\n---\n\n# T {{#t}}\n\n{text}\n", encoding="utf-8")
    return [f.message for f in legal_facts.Scanner(REG, lang).scan(page).findings]


def test_every_legal_specific_of_both_languages_is_in_the_register(report):
    assert not report.findings, "\n".join(map(str, report.findings[:40]))


def test_the_register_has_sources_confidence_and_check_dates():
    assert len(REG.facts) >= 30
    for f in REG.facts:
        assert f.source and f.confidence in legal_facts.CONFIDENCE and f.checked <= dt.date.today()
        assert f.name["ru"] and f.name["ky"] and f.says["ru"] and f.says["ky"], f"{f.key}: wording in both languages"


@pytest.mark.parametrize("lang,text,expect", [
    ("ru", "Закон от 1 марта 2020 года № 999 регулирует это.", "«№ 999»: такого номера акта нет в реестре"),
    ("ky", "2020-жылдын 1-мартындагы № 999 Мыйзам.", "«№ 999»: укуктук фактылардын реестринде"),
    ("ru", "Позвоните на линию 119.", "телефон 119: такого номера нет в реестре"),
    ("ru", "Статья 45 Конституции гарантирует это.", "статья 45: ни у одного акта в реестре нет такой статьи"),
    ("ky", "Конституциянын 45-беренеси муну кепилдейт.", "45-берене: реестрдеги бир да актыда мындай берене жок"),
    ("ru", "Милиция выдаёт охранный ордер на 45 дней.", "срок «45 дней»: его нет в реестре"),
    ("ky", "Милиция коргоо ордерин 45 күнгө берет.", "мөөнөт «45 күнгө»: реестрде"),
    ("ru", "В айылных кенешах за женщинами резервируется 25 % мандатов.", "процент «25 %»: его нет в реестре"),
], ids=["act-ru", "act-ky", "phone", "article-ru", "article-ky", "duration-ru", "duration-ky", "percent"])
def test_the_check_fails_on_a_planted_unregistered_specific(tmp_path, lang, text, expect):
    found = scan(tmp_path, lang, text)
    assert any(expect in m for m in found), found


@pytest.mark.parametrize("lang,text,expect", [
    ("ru", "Закон от 27 апреля 2016 года № 63 действует.", "в реестре у этого номера другая дата"),
    ("ky", "2016-жылдын 27-апрелиндеги № 63 Мыйзам.", "реестрде бул номердин датасы башка"),
    ("ru", "Закон «Об охране от семейного насилия» от 27 апреля 2017 года № 63.", "не совпадает с реестром (law-63)"),
    ("ru", "Закон № 184 различает прямую и косвенную дискриминацию.", "строка говорит «различает прямую и косвенную»"),
    ("ru", "117 — телефон доверия по вопросам семейного насилия.", "номер 117 описан словами «телефон доверия»"),
    ("ky", "112 — тез жардам кызматтарынын бирдиктүү номери.", "112 номери «"),
    ("ru", "Закон № 63 принят Жогорку Кенешем 16 марта 2016 года.", "дата 16 марта 2016 г.: в реестре её нет"),
], ids=["date-ru", "date-ky", "title", "wording", "phone-117", "phone-112-ky", "other-date"])
def test_the_check_fails_on_a_registered_fact_quoted_differently(tmp_path, lang, text, expect):
    found = scan(tmp_path, lang, text)
    assert any(expect in m for m in found), found


@pytest.mark.parametrize("lang,text", [
    ("ru", "Похищение невесты наказывается по статье 175 Уголовного кодекса 2017 года."),
    ("ru", "В списках кандидатов политических партий не более 70 % кандидатов одного пола."),
    ("ru", "Создайте при органе общественный совет и обсуждайте с ним план."),
    ("ky", "Мамлекеттик органдын алдында коомдук кеңеш түзүңүз."),
], ids=["criminal-code-2017", "party-lists", "public-councils-ru", "public-councils-ky"])
def test_no_page_may_state_a_repealed_or_replaced_rule_as_current(tmp_path, lang, text):
    found = scan(tmp_path, lang, text)
    assert any("действующей норме" in m or "колдонуудагы ченем катары" in m or "утративш" in m for m in found), found


@pytest.mark.parametrize("lang,text", [
    ("ru", "До 2025 года в партийных списках было не более 70 % кандидатов одного пола."),
    ("ru", "Прежний Уголовный кодекс 2017 года (утратил силу) называл это статьёй 175."),
    ("ru", "Общественные советы государственных органов упразднены в 2023 году."),
    ("ru", "Звоните 112, 102 (милиция), 103 (скорая помощь) или 111 (детский телефон доверия)."),
    ("ky", "Кыргыз Республикасынын 2008-жылдын 4-августундагы № 184 «Эркектер менен аялдар үчүн бирдей укуктар менен бирдей мүмкүнчүлүктөрдүн мамлекеттик кепилдиктери жөнүндө» Мыйзамы жана 2017-жылдын 27-апрелиндеги № 63 Мыйзам."),
], ids=["history-lists", "history-code", "history-councils", "phones", "two-acts-ky"])
def test_history_and_correct_statements_pass(tmp_path, lang, text):
    assert scan(tmp_path, lang, text) == []


def test_an_unverified_time_limit_needs_a_check_in_its_section(tmp_path):
    found = scan(tmp_path, "ru", "По тексту 2017 года ордер выдаётся на 3 дня.")
    assert any("не подтверждено" in m for m in found), found
    assert scan(tmp_path, "ru", "По тексту 2017 года ордер выдаётся на 3 дня. Проверьте действующий текст на cbd.minjust.gov.kg.") == []


def test_a_bad_register_entry_is_named_with_its_line(tmp_path):
    bad = tmp_path / "legal-facts.yml"
    text = legal_facts.REGISTER_YML.read_text(encoding="utf-8")
    bad.write_text(text.replace("  source: https://mkk.gov.kg\n", "", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"legal-facts.yml:\d+ \(agency-order-176-2023\): нет обязательных полей source"):
        legal_facts.register(bad)


def test_facts_older_than_their_review_period_are_reported_with_their_pages(report):
    later = REG.edition + dt.timedelta(days=370 * REG.review_months // 12 + 400)
    old = legal_facts.stale(REG, report, today=later)
    law63 = next(w for w in old if "«law-63»" in w)
    assert "docs/ru/committee-handbook/legal-basis.md" in law63 and "docs/ky/committee-handbook/legal-basis.md" in law63
    for w in legal_facts.stale(REG, report):  # today: a warning, not a failure
        warnings.warn(w)


def _stated_pages(report: legal_facts.Report, lang: str) -> list[str]:
    return [p.relative_to(DOCS / lang).as_posix() for p, s in report.pages.items()
            if p.suffix == ".md" and p.is_relative_to(DOCS / lang) and s.stated]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_stating_legal_specifics_shows_when_they_were_checked(site, report, lang):
    stated = _stated_pages(report, lang)
    assert len(stated) >= 15
    word = legal_facts.WORDS[lang]["checked"]
    for md in content.pages(lang):
        rel = md.relative_to(DOCS / lang).as_posix()
        doc = lxml.html.parse(str(content.built_html(site, lang, rel)))
        line = doc.xpath("//article//p[contains(@class,'legal-checked')]")
        if rel in stated:
            date = legal_facts.checked_date(REG, report.pages[md].stated)
            assert line and word in line[0].text_content() and legal_facts._fmt_date(date, lang) in line[0].text_content(), rel
            assert line[0].getprevious().tag == "h1", f"{rel}: the line is not under the title"
        else:
            assert not line, f"{rel} states no legal specific but shows the line"


@pytest.mark.parametrize("lang", LANGS)
def test_the_checked_line_is_not_in_the_search_index(site, lang):
    index = (site / ("" if lang == "ru" else "ky") / "search" / "search_index.json").read_text(encoding="utf-8")
    assert legal_facts.WORDS[lang]["checked"] not in index


@pytest.mark.parametrize("lang,guide", [(lang, g) for lang in LANGS for g in bp.GUIDES])
def test_book_chapters_stating_legal_specifics_show_when_they_were_checked(site, report, lang, guide):
    r = PdfReader(str(bp.pdf_dir(site, lang) / f"{guide}.pdf"))
    stated = set(_stated_pages(report, lang))
    word = re.sub(r"\s+", " ", legal_facts.WORDS[lang]["checked"]).lower()
    outline = [(o.title, r.get_destination_page_number(o)) for o in r.outline if not isinstance(o, list)][2:-1]
    for md, (title, pno) in zip(bp.guide_pages(guide), outline):
        text = re.sub(r"\s+", " ", r.pages[pno].extract_text()).lower()
        assert (word in text) == (md in stated), f"{lang} {guide}: chapter «{title}» ({md})"


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_lists_every_entry_changed_since_the_previous_edition(site, lang):
    doc = lxml.html.parse(str(content.built_html(site, lang, legal_facts.CHANGES_PAGE)))
    rows = doc.xpath("//article//table//tr[td]")
    names = [" ".join(r.xpath("string(td[1]/strong)").split()) for r in rows]
    changed = [f for f in REG.facts if f.updated and f.updated > REG.previous_edition]
    assert len(changed) >= 10
    assert sorted(names) == sorted(" ".join(f.name[lang].split()) for f in changed)
    for r, name in zip(rows, names):
        f = next(f for f in changed if " ".join(f.name[lang].split()) == name)
        assert " ".join(f.change[lang].split()) in " ".join(r.xpath("string(td[1])").split())
    protection = next(r for r, n in zip(rows, names) if n == " ".join(REG.by_key()["protection-order"].name[lang].split()))
    assert protection.xpath("td[4]//a[contains(@href,'protection-order.html')]"), "the changes page links the chapters it affects"


def test_make_check_runs_the_legal_facts_check():
    assert "scripts.legal_facts" in (content.ROOT / "Makefile").read_text(encoding="utf-8")
