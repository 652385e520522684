"""The guides are declared once (mkdocs.yml's nav): a fourth guide is a content change. A temporary
copy of the repository gets a small new guide in both languages and its nav section, nothing else;
the site, the PDF bar on its pages and its books come out of the same scripts unchanged."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html

from scripts import content
from tests.test_bad_input import repo_copy

PAGE = "---\ntitle: {title}\ndescription: {desc}\n---\n\n# {title} {{#{id}}}\n\n{body}\n"
GUIDE = {
    "ru": [("index.md", "Новое руководство", "start", "Короткое руководство для проверки: как добавить четвёртое руководство."),
           ("steps.md", "Порядок действий", "steps", "Первый шаг — прочитать задачу. Второй шаг — выполнить её и записать итог.")],
    "ky": [("index.md", "Жаңы колдонмо", "start", "Текшерүү үчүн кыска колдонмо: төртүнчү колдонмону кантип кошуу керек."),
           ("steps.md", "Иш-аракеттердин тартиби", "steps", "Биринчи кадам — тапшырманы окуу. Экинчи кадам — аны аткарып, жыйынтыгын жазуу.")],
}


def test_a_fourth_guide_needs_no_code_change(tmp_path: Path):
    repo = repo_copy(tmp_path / "repo")
    for lang, pages in GUIDE.items():
        for name, title, hid, body in pages:
            f = repo / "docs" / lang / "new-guide" / name
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(PAGE.format(title=title, desc=f"'{body}'", id=hid, body=body), encoding="utf-8")
    cfg = repo / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    assert text.count("  - Справка:\n") == 1
    cfg.write_text(text.replace("  - Справка:\n", "  - Новое руководство:\n      - new-guide/index.md\n      - new-guide/steps.md\n  - Справка:\n"), encoding="utf-8")

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = lambda *args: subprocess.run([sys.executable, *args], cwd=repo, capture_output=True, text=True, env=env, timeout=600)  # noqa: E731
    listed = run("-c", "from scripts.content import guides; print(' '.join(guides()))")
    assert listed.stdout.split() == [*content.guides(), "new-guide"], listed.stderr[-1500:]
    built = run(*content.engine_build(repo / "site"))
    assert built.returncode == 0, built.stderr[-3000:]
    pdfs = run("-m", "scripts.build_pdfs", "--site", str(repo / "site"), "--only", "new-guide")
    assert pdfs.returncode == 0, pdfs.stderr[-3000:]
    for lang, pdf_dir in (("ru", repo / "site" / "pdf"), ("ky", repo / "site" / "ky" / "pdf")):
        assert (pdf_dir / "new-guide.pdf").stat().st_size > 5000, f"no {lang} book for the new guide"
        page = content.built_html(repo / "site", lang, "new-guide/steps.md")
        bar = lxml.html.parse(str(page)).xpath("//div[@class='pdf-actions']/a/@href")
        assert any(h.endswith("pdf/new-guide.pdf") for h in bar), f"{page}: no PDF bar for the new guide: {bar}"

    # Incremental: nothing changed -> both books reused; one Russian page edited -> only the
    # Russian book is laid out again, and the result equals a full build byte for byte.
    again = run("-m", "scripts.build_pdfs", "--site", str(repo / "site"), "--only", "new-guide")
    assert "2 of 2 books with their printables reused" in again.stdout, again.stdout + again.stderr[-1500:]
    steps = repo / "docs" / "ru" / "new-guide" / "steps.md"
    steps.write_text(steps.read_text(encoding="utf-8") + "\nТретий шаг — рассказать коллегам.\n", encoding="utf-8")
    assert run(*content.engine_build(repo / "site")).returncode == 0
    edited = run("-m", "scripts.build_pdfs", "--site", str(repo / "site"), "--only", "new-guide")
    assert "1 of 2 books with their printables reused" in edited.stdout, edited.stdout + edited.stderr[-1500:]
    book, reused_book = repo / "site" / "pdf" / "new-guide.pdf", repo / "site" / "ky" / "pdf" / "new-guide.pdf"
    incremental, reused = book.read_bytes(), reused_book.read_bytes()
    full = run("-m", "scripts.build_pdfs", "--site", str(repo / "site"), "--only", "new-guide", "--no-cache")
    assert full.returncode == 0 and "reused" not in full.stdout, full.stdout
    assert book.read_bytes() == incremental, "the rebuilt book differs from a full build"
    assert reused_book.read_bytes() == reused, "the reused book differs from a full build"
    assert "Третий шаг" in "".join(p.extract_text() for p in __import__("pypdf").PdfReader(str(book)).pages)
