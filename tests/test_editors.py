"""Editors' workflow: translation tracking (status, notice, status page, marking) and the
terminology and Kyrgyz-letter checks, each shown to pass on the guides and to catch mistakes."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from scripts import check_sources, content, translations
from scripts.content import DOCS, ROOT
from tests.test_bad_input import build, repo_copy
from tests.test_site import built


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def test_every_kyrgyz_page_translates_the_current_russian_text():
    rows = translations.status()
    assert len(rows) == len(content.pages("ru"))
    stale = [r.page for r in rows if r.state not in ("current", "generated")]
    assert not stale, f"Kyrgyz pages not marked as translating the current Russian text: {stale}. Update them, then run `python -m scripts.mark_translated docs/ky/<page>.md`."


def test_make_translations_strict_fails_only_when_a_page_is_missing(tmp_path):
    assert run(["scripts.translations", "--strict"], ROOT).returncode == 0
    repo = repo_copy(tmp_path)
    (repo / "docs" / "ky" / "about.md").unlink()
    r = run(["scripts.translations", "--strict"], repo)
    assert r.returncode == 1 and "about.md" in r.stdout and "missing" in r.stdout


def test_outdated_kyrgyz_page_warns_readers_and_marking_clears_it(tmp_path):
    repo = repo_copy(tmp_path)
    ru = repo / "docs" / "ru" / "about.md"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nНовый абзац, добавленный после перевода.\n", encoding="utf-8")
    r = build(repo)
    assert r.returncode == 0, r.stderr[-2000:]
    ky_html = lxml.html.parse(str(repo / "out" / "ky" / "about.html"))
    notice = ky_html.xpath("//div[contains(@class,'translation-outdated')]")
    assert notice, "the outdated Kyrgyz page shows no notice"
    href = notice[0].xpath(".//a/@href")[0]
    assert (repo / "out" / "ky" / href).resolve() == (repo / "out" / "about.html").resolve()
    assert not lxml.html.parse(str(repo / "out" / "about.html")).xpath("//div[contains(@class,'translation-outdated')]")
    assert "outdated" in run(["scripts.translations"], repo).stdout
    assert run(["scripts.mark_translated", "docs/ky/about.md"], repo).returncode == 0
    assert "0 outdated" in run(["scripts.translations"], repo).stdout


def test_current_pages_show_no_outdated_notice(site):
    noisy = [str(p) for p in content.built_pages(site, "ky") if "translation-outdated" in p.read_text(encoding="utf-8")]
    assert not noisy


@pytest.mark.parametrize("lang", content.LANGS)
def test_status_page_lists_every_page(site, lang):
    page = content.built_html(site, lang, "translation-status.md")
    rows = lxml.html.parse(str(page)).xpath("//article//table//tr[td]")
    assert len(rows) == len(content.pages("ru"))


def test_sources_pass_the_terminology_and_kyrgyz_letter_checks():
    findings = check_sources.check()
    assert not findings, "\n".join(map(str, findings[:20]))


def test_checks_catch_deprecated_terms_latin_lookalikes_and_russian_letters(tmp_path):
    entries = content.glossary()
    bad_ru = next(e for e in entries if e["avoid_ru"])
    ky_word = next(w for e in entries for w in e["ky"].lower().split() if len(w) >= 4 and any(c in w for c in "үөң"))
    plain = ky_word.translate(str.maketrans("үөң", "уон"))
    (tmp_path / "ru").mkdir()
    (tmp_path / "ky").mkdir()
    (tmp_path / "ru" / "x.md").write_text(f"---\ntitle: t\ndescription: d\n---\n\n# T {{#t}}\n\nЗдесь {bad_ru['avoid_ru'][0]} встречается.\n", encoding="utf-8")
    (tmp_path / "ky" / "x.md").write_text(f"---\ntitle: t\ndescription: d\n---\n\n# T {{#t}}\n\nБул жердe латын тамгасы.\nБул {plain} туура эмес.\n", encoding="utf-8")
    found = check_sources.check(tmp_path)
    msgs = [str(f) for f in found]
    assert any("ru/x.md:8" in m and bad_ru["ru"] in m for m in msgs), msgs
    assert any("ky/x.md:8" in m and "латын тамгалары" in m for m in msgs), msgs
    assert any("ky/x.md:9" in m and ky_word in m for m in msgs), msgs


@pytest.mark.parametrize("lang,label", [("ru", "Последнее обновление"), ("ky", "Акыркы жаңылануу")])
def test_every_page_shows_its_last_update_in_the_readers_language(site, lang, label):
    months = {"ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"),
              "ky": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")}[lang]
    for src in content.pages(lang):
        page = built(site, src)
        aside = lxml.html.parse(str(page)).xpath("//aside[contains(@class,'md-source-file')]")
        assert aside, f"{page}: no last-update date"
        text = " ".join(aside[0].text_content().split())
        assert any(m in text for m in months) and label in aside[0].xpath("string(.//@title)") + " ".join(aside[0].xpath(".//@title")), f"{page}: «{text}»"


def test_every_page_links_to_its_own_source_for_editing(tmp_path):
    """With the repository URL that the CI workflow sets, each page's edit button opens its own file."""
    repo = repo_copy(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_REPO_URL": "https://github.com/example-org/guides"}
    r = subprocess.run([sys.executable, *content.engine_build(repo / "out")], cwd=repo, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    for lang in content.LANGS:
        for src in content.pages(lang):
            page = built(repo / "out", src)
            edit = lxml.html.parse(str(page)).xpath("//a[@rel='edit']/@href")
            want = f"https://github.com/example-org/guides/edit/main/{src.relative_to(ROOT).as_posix()}"
            assert edit == [want], f"{page}: edit link {edit}, expected {want}"
            assert 'data-md-component="source"' not in page.read_text(encoding="utf-8"), "the GitHub stats widget would call api.github.com"


def test_russian_pages_pass_the_spelling_check():
    from scripts import check_spelling

    findings = check_spelling.check()
    assert not findings, "\n".join(map(str, findings[:20]))


def test_spelling_check_catches_a_typo(tmp_path):
    from scripts import check_spelling

    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "x.md").write_text("---\ntitle: t\ndescription: d\n---\n\n# Т {#t}\n\nГендерная политка в айыл өкмөтү.\n", encoding="utf-8")
    msgs = [str(f) for f in check_spelling.check(tmp_path)]
    assert any("x.md:8" in m and "политка" in m for m in msgs), msgs
    assert not any("айыл" in m or "Гендерная" in m for m in msgs), msgs


def test_spelling_check_skips_kyrgyz_and_rejected_forms_but_not_russian_around_them(tmp_path):
    from scripts import check_spelling

    (tmp_path / "ru").mkdir()
    body = ("По-кыргызски: *жолдомо*{ lang=ky }, политка.\n\nНе используйте: ~~полицейск…~~\n\n"
            '<div class="grid cards" markdown>\n\n<a href="pdf/handbook.pdf">книга</a> <span lang="ky">экинчи</span>\n\n</div>\n')
    (tmp_path / "ru" / "x.md").write_text(f"---\ntitle: t\ndescription: d\n---\n\n# Т {{#t}}\n\n{body}", encoding="utf-8")
    msgs = [str(f) for f in check_spelling.check(tmp_path)]
    assert any("x.md:8" in m and "политка" in m for m in msgs), msgs
    assert not any(w in m for m in msgs for w in ("жолдомо", "полицейск", "handbook", "div", "экинчи")), msgs


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("pymarkdown")
    return subprocess.run([str(exe), "--config", str(ROOT / ".pymarkdown.json"), "scan", "-r", str(path)], capture_output=True, text=True)


def test_markdown_lint_passes_with_the_committed_configuration():
    r = lint(DOCS)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-1000:]


def test_markdown_lint_catches_a_broken_heading(tmp_path):
    (tmp_path / "x.md").write_text("---\ntitle: t\ndescription: d\n---\n\n# T {#t}\n\n##Без пробела\n\ntext  \n", encoding="utf-8")
    r = lint(tmp_path)
    assert r.returncode != 0 and "x.md:8" in r.stdout and "MD018" in r.stdout, r.stdout


def test_a_hand_edit_of_a_generated_page_is_found_and_named(tmp_path):
    """The glossary pages carry the hash of their text: an editor's change is found (file and line),
    so the build and `make glossary` stop instead of overwriting it."""
    from scripts import build_glossary

    outs = build_glossary.outputs()
    ru = next(p for p in outs if p.parent.name == "ru")
    page = tmp_path / "glossary.md"
    page.write_text(outs[ru], encoding="utf-8")
    assert content.hand_edit(page, outs[ru]) is None
    lines = outs[ru].splitlines()
    n = next(i for i, line in enumerate(lines, 1) if line.startswith("### "))
    lines[n - 1] += " (правка редактора)"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert content.hand_edit(page, outs[ru]) == n
    msg = content.hand_edit_message(page, n, build_glossary.SOURCE, "make glossary")
    assert f"glossary.md:{n}:" in msg and "docs/includes/glossary.yml" in msg and "Кыргызча" in msg


def test_readme_is_short_and_names_every_package_the_setup_installs():
    """The README is what a newcomer reads first (at most 6 KB), and the Debian packages it lists
    are the ones scripts/setup.sh installs (a fresh machine needed libatomic1 the README did not name)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) <= 6144, f"README.md is {len(readme.encode())} bytes"
    assert "make site" in readme and "make test" in readme
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    pkgs = {p for group in re.findall(r"pkgs(?:\+)?=\(([^)]*)\)", setup) for p in group.split()} | {"nodejs", "npm", "python3-venv"}
    missing = sorted(p for p in pkgs if not re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", readme))
    assert len(pkgs) >= 12 and not missing, f"packages installed by setup.sh but not named in README.md: {missing}"


def test_github_actions_are_pinned_by_commit():
    workflows = list((ROOT / ".github" / "workflows").glob("*.yml"))
    uses = [u for w in workflows for u in re.findall(r"uses:\s*(\S+)", w.read_text(encoding="utf-8"))]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_blanks_of_forms_are_not_read_as_bold():
    """«____» __________ 20____ : Markdown took the underscores for bold and printed «» in bold."""
    import markdown

    html = markdown.markdown(content.blanks("с «____» __________ 20____ года\n\n1. ________\n\n`a____b`"))
    assert "<strong>" not in html and html.count("____") >= 3, html
    assert "<hr" in html and "<code>a____b</code>" in html, html


def test_no_built_page_turns_blanks_into_bold(site):
    bad = [str(p.relative_to(site)) for lang in content.LANGS for p in content.built_pages(site, lang)
           if "<strong><strong>" in p.read_text(encoding="utf-8") or "<strong></strong>" in p.read_text(encoding="utf-8")]
    assert not bad, bad
