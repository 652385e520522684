"""Promises about the Markdown sources: both languages complete and parallel, clean front matter,
explicit heading ids, Kyrgyz that is really Kyrgyz, no placeholders, a fresh glossary."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from scripts import content
from scripts.content import DOCS, ROOT

RU = content.pages("ru")
KY = content.pages("ky")
ALL = RU + KY
ids = [str(p.relative_to(DOCS)) for p in ALL]

CYR_WORD = re.compile(r"[А-Яа-яЁёҢңӨөҮү]+")
KY_LETTERS = re.compile(r"[ҢңӨөҮү]")


def body_text(path) -> str:
    """Prose of a page: front matter, code, link targets, ids and HTML comments removed."""
    _, body = content.split_front_matter(path.read_text(encoding="utf-8"))
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r"```.*?```", "", body, flags=re.S)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[^}]*\}", "", body)
    return body


def test_both_languages_have_pages():
    assert len(RU) >= 5 and len(KY) >= 5


def test_every_page_has_a_twin_in_the_other_language():
    assert content.parity_problems() == []


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_front_matter_is_valid(path):
    meta, _ = content.parse_page(path)
    if path.is_relative_to(DOCS / "ru"):
        assert "translation_of" not in meta, f"{path}: translation_of belongs to Kyrgyz pages only"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_every_heading_has_an_explicit_id(path):
    assert content.heading_problems(path) == []


@pytest.mark.parametrize("path", RU, ids=[str(p.relative_to(DOCS)) for p in RU])
def test_kyrgyz_twin_has_the_same_heading_ids(path):
    assert content.twin_id_problems(path) == []


@pytest.mark.parametrize("path", RU, ids=[str(p.relative_to(DOCS)) for p in RU])
def test_twins_agree_on_printable_flag(path):
    ky = content.twin(path, "ky")
    if ky.exists():
        assert content.parse_page(path)[0].get("printable", False) == content.parse_page(ky)[0].get("printable", False), (
            f"{ky}: 'printable' must be the same as in {path}"
        )


@pytest.mark.parametrize("path", KY, ids=[str(p.relative_to(DOCS)) for p in KY])
def test_kyrgyz_page_is_really_kyrgyz(path):
    """Not the Russian text copied over: Kyrgyz letters are frequent and lines differ from Russian."""
    text = body_text(path)
    words = CYR_WORD.findall(text)
    letters = sum(len(w) for w in words)
    assert letters > 0, f"{path}: no Cyrillic text"
    share = len(KY_LETTERS.findall(text)) / letters
    assert share >= 0.02, (
        f"{path}: only {share:.1%} of letters are ң/ө/ү — this reads as Russian, not Kyrgyz. Translate the page."
    )
    ru = content.twin(path, "ru")
    def prose(t: str) -> list[str]:
        return [ln.strip() for ln in t.splitlines() if len(CYR_WORD.findall(ln)) >= 4]

    ru_lines = set(prose(body_text(ru)))
    ky_lines = prose(text)
    same = [ln for ln in ky_lines if ln in ru_lines]
    assert len(same) <= max(1, len(ky_lines) // 20), f"{path}: lines copied untranslated from Russian: {same[:3]}"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_no_placeholders(path):
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"\b(?:TODO|TBD|FIXME|XXX)\b|[Уу]точнить|lorem ipsum|\[вставить", text)
    assert not found, f"{path}: placeholder text {found}; write the real text or leave the item out"


def test_glossary_pages_are_generated_from_the_yaml():
    r = subprocess.run([sys.executable, "-m", "scripts.build_glossary", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
