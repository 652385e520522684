"""Promises about the PDF exports: six books and every printable, linked from the site, complete,
in nav order, with bookmarks, embedded fonts, Kyrgyz letters, tags and language; built offline."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from scripts import build_pdfs as bp
from scripts.content import DOCS, LANGS

BOOKS = [(lang, g) for lang in LANGS for g in bp.GUIDES]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


@lru_cache(maxsize=None)
def pdf_text(path: str) -> str:
    """All the text of a PDF (extracted once per test run: several tests read the same book)."""
    return " ".join(p.extract_text() for p in reader(path).pages)


@lru_cache(maxsize=None)
def reader(path: str) -> PdfReader:
    return PdfReader(path)


def book(site: Path, lang: str, guide: str) -> Path:
    return bp.pdf_dir(site, lang) / f"{guide}.pdf"


def is_sheet(site: Path, lang: str, md: str) -> bool:
    """A page printed as sheets of its own (print.css: handout-sheet, certificate-sheet)."""
    return bool(lxml.html.parse(str(bp.built_html(site, lang, md))).xpath(
        "//article//div[contains(@class,'handout-sheet') or contains(@class,'certificate-sheet')]"))


def outline_titles(r: PdfReader) -> list[tuple[str, int]]:
    """Top-level bookmarks: (title, page index)."""
    return [(o.title, r.get_destination_page_number(o)) for o in r.outline if not isinstance(o, list)]


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_guide_pdf_exists_and_every_guide_page_links_it(site, lang, guide):
    pdf = book(site, lang, guide)
    assert pdf.is_file() and pdf.stat().st_size > 50_000, f"{pdf} missing or empty"
    for md in bp.guide_pages(guide):
        page = bp.built_html(site, lang, md)
        hrefs = lxml.html.parse(str(page)).xpath("//div[@class='pdf-actions']/a/@href")
        targets = {(page.parent / h).resolve() for h in hrefs}
        assert pdf.resolve() in targets, f"{page}: no download button for {pdf.name} in its language"


@pytest.mark.parametrize("lang", LANGS)
def test_every_printable_has_its_own_pdf_linked_from_page_and_downloads(site, lang):
    printables = bp.printable_pages(lang)
    assert len(printables) >= 10
    downloads = bp.built_html(site, lang, "downloads.md")
    listed = {(downloads.parent / h).resolve() for h in lxml.html.parse(str(downloads)).xpath("//a/@href")}
    for guide, md in printables:
        pdf = bp.pdf_dir(site, lang) / (md[:-3] + ".pdf")
        assert pdf.is_file(), f"no printable PDF for docs/{lang}/{md}"
        assert pdf.resolve() in listed, f"{pdf} is not on the downloads page"
        page = bp.built_html(site, lang, md)
        hrefs = lxml.html.parse(str(page)).xpath("//div[@class='pdf-actions']/a/@href")
        assert pdf.resolve() in {(page.parent / h).resolve() for h in hrefs}, f"{page} does not link its own PDF"
        r = reader(str(pdf))
        # forms, handouts and checklists fit in a few sheets; the answer key (keys to every exercise
        # and the test, for the trainer only) is a booklet
        limit = 12 if md.endswith("answer-key.md") else 8
        assert 1 <= len(r.pages) <= limit, f"{pdf}: {len(r.pages)} pages is not a short printable"
        if not is_sheet(site, lang, md):  # a certificate names nothing but itself
            assert norm(bp.guide_meta(lang, guide)[0])[:40] in norm(r.pages[0].extract_text()), f"{pdf}: no header naming the guide"


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page_lists_every_book_with_size_and_pages(site, lang):
    page = bp.built_html(site, lang, "downloads.md")
    rows = lxml.html.parse(str(page)).xpath("//div[@id='downloads-list']//tr[td]")
    assert len(rows) == 3 + len(bp.printable_pages(lang))
    for row in rows:
        size, pages = [c.text_content() for c in row.xpath("td")][1:]
        assert re.match(r"^\d+(,\d)? (КБ|МБ)$", size) and int(pages) >= 1


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_guide_pdf_contains_every_chapter_in_nav_order(site, lang, guide):
    r = reader(str(book(site, lang, guide)))
    titles = []
    for md in bp.guide_pages(guide):
        page = bp.built_html(site, lang, md)
        titles.append(" ".join(lxml.html.parse(str(page)).xpath("string(//article//h1)").split()))
    outline = outline_titles(r)
    got = [t for t, _ in outline]
    # cover, contents, the chapters in nav order, colophon
    assert got[2:-1] == titles, f"bookmarks do not follow the chapters:\n{got}\n{titles}"
    last = -1
    for title, pno in outline[2:-1]:
        assert pno >= last, f"chapter «{title}» is out of order"
        text = norm(r.pages[pno].extract_text())
        assert norm(title)[:30] in text, f"page {pno + 1} of the PDF does not show chapter «{title}»"
        last = pno


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_guide_pdf_has_embedded_fonts_tags_language_and_metadata(site, lang, guide):
    r = reader(str(book(site, lang, guide)))
    root = r.trailer["/Root"]
    assert root.get("/Lang") == lang
    assert bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root, "PDF is not tagged"
    meta = r.metadata
    assert meta.title and meta.subject and meta.creation_date
    names = set()
    for pno, p in enumerate(r.pages):
        for _, f in (p.get("/Resources", {}).get("/Font") or {}).items():
            f = f.get_object()
            desc = f.get("/FontDescriptor") or f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"font {f['/BaseFont']} not embedded (page {pno + 1})"
            names.add(str(f["/BaseFont"]).split("+")[-1])
    assert {"Roboto", "Roboto-Bold"} <= names, f"the site's Roboto is not the text font: {names}"


def test_pdf_fonts_are_the_site_fonts_merged_without_losing_a_character():
    from fontTools.ttLib import TTFont

    bp.prepare_fonts()
    for (family, weight, style), f in bp._font_faces().items():
        merged = set(TTFont(str(bp._merged_font(family, weight, style))).getBestCmap())
        lost = set(TTFont(str(f)).getBestCmap()) - merged
        assert not lost, f"{f.name}: {len(lost)} characters missing from the PDF font, e.g. {sorted(lost)[:5]}"
        if family == "roboto":
            assert {0x04A3, 0x04E9, 0x04AF} <= merged, f"{family} {weight} {style}: no ң ө ү"


@pytest.mark.parametrize("lang", LANGS)
def test_each_printable_numbers_its_own_pages(site, lang):
    word, of = bp.WORDS[lang]["page"], bp.WORDS[lang]["of"]
    sheets = [md for _, md in bp.printable_pages(lang) if is_sheet(site, lang, md)]
    assert len(sheets) >= 4, sheets  # participants' sheets and the certificate: no page count (their own tests)
    for _, md in bp.printable_pages(lang):
        if md in sheets:
            continue
        r = reader(str(bp.pdf_dir(site, lang) / (md[:-3] + ".pdf")))
        n = len(r.pages)
        for i, page in enumerate(r.pages, 1):
            text = norm(page.extract_text())
            assert norm(f"{word} {i} {of} {n}") in text, f"{md} ({lang}), page {i}: footer is not «{word} {i} {of} {n}»"
        assert r.metadata.title == " ".join(lxml.html.parse(str(bp.built_html(site, lang, md))).xpath("string(//article//h1)").split())


@pytest.mark.parametrize("guide", bp.GUIDES)
def test_kyrgyz_pdf_text_keeps_kyrgyz_letters(site, guide):
    r = reader(str(book(site, "ky", guide)))
    text = " ".join(r.pages[i].extract_text() for i in range(min(len(r.pages), 12)))
    for ch in "ңөү":
        assert ch in text, f"{guide} (ky): «{ch}» is lost in the PDF text"


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_guide_pdf_page_count_fits_the_content(site, lang, guide):
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (DOCS / lang / guide).rglob("*.md"))
    pages = len(reader(str(book(site, lang, guide))).pages)
    assert words / 700 <= pages <= words / 100, f"{guide} ({lang}): {pages} pages for {words} words"


def _fake_site(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "g" / "p.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html><body><article class="md-content__inner"><h1 id="t">T</h1>{body}</article></body></html>', encoding="utf-8")
    return tmp_path


def test_missing_image_fails_the_pdf_build_naming_the_page(tmp_path):
    site = _fake_site(tmp_path, '<img src="img/none.svg" alt="x">')
    with pytest.raises(bp.PdfBuildError, match=r"docs/ru/g/p.md: missing image"):
        bp.prepare(site, "ru", "g/p.md", {}, "docs/ru/g/p.md")


def test_broken_internal_link_fails_the_pdf_build_naming_the_page(tmp_path):
    site = _fake_site(tmp_path, '<a href="nowhere.html">x</a>')
    with pytest.raises(bp.PdfBuildError, match=r"docs/ru/g/p.md: broken link"):
        bp.prepare(site, "ru", "g/p.md", {}, "docs/ru/g/p.md")


def test_pdf_renderer_never_fetches_from_the_network(tmp_path):
    from weasyprint import HTML

    fetcher = bp.LocalOnlyFetcher()
    doc = '<html><body><img src="https://example.org/x.png"><link rel="stylesheet" href="http://example.org/a.css">x</body></html>'
    with pytest.raises(BaseException):
        HTML(string=doc, base_url=str(tmp_path), url_fetcher=fetcher).write_pdf(str(tmp_path / "x.pdf"))
    assert fetcher.refused, "the fetcher was not asked, or did not refuse, the remote URL"


@pytest.mark.parametrize("lang", LANGS)
def test_printable_links_point_inside_the_file_and_are_tagged(site, lang):
    """Printables are copies of book pages: a link to another chapter must not survive as a link to
    a destination the file does not have, and every link stays in the tagged structure."""
    for _, md in bp.printable_pages(lang):
        pdf = bp.pdf_dir(site, lang) / (md[:-3] + ".pdf")
        r = reader(str(pdf))
        dests = set(r.named_destinations)
        for n, page in enumerate(r.pages, 1):
            for ref in page.get("/Annots", []):
                annot = ref.get_object()
                if "/Dest" in annot:
                    assert str(annot["/Dest"]) in dests, f"{pdf}, page {n}: link to a missing destination {annot['/Dest']}"
                assert "/StructParent" in annot, f"{pdf}, page {n}: a link outside the tagged structure"
        for obj in _object_references(r.trailer["/Root"]["/StructTreeRoot"]):
            ref = obj.get("/Obj")
            target = ref.get_object() if ref is not None else None
            assert target is not None and target.get("/Subtype") == "/Link", (
                f"{pdf}: the tagged structure refers to {target!r} as a link annotation")


def _object_references(node: object, seen: set[int] | None = None) -> list:
    """Every object reference (/OBJR) in a PDF structure tree."""
    seen = set() if seen is None else seen
    out = []
    node = node.get_object() if hasattr(node, "get_object") else node
    if id(node) in seen:
        return out
    seen.add(id(node))
    if isinstance(node, dict):
        if node.get("/Type") == "/OBJR":
            return [node]
        kids = node.get("/K")
        if kids is not None:
            out += _object_references(kids, seen)
    elif isinstance(node, list):
        for kid in node:
            out += _object_references(kid, seen)
    return out


def test_books_are_handed_to_the_workers_heaviest_first():
    order = bp.longest_first()
    assert sorted(order) == sorted((g, lang) for lang, g in BOOKS), "every book exactly once"
    weights = [bp.book_weight(lang, g) for g, lang in order]
    assert weights == sorted(weights, reverse=True), f"not heaviest first: {list(zip(order, weights))}"


def test_arrays_made_by_length_equal_the_sized_ones():
    from weasyprint.text.ffi import ffi

    bp.pdf_patches.sized_arrays_by_length()
    made = ffi.new("hb_codepoint_t[3]", [5, 6, 7])
    assert list(made) == [5, 6, 7] and ffi.sizeof(made) == 3 * ffi.sizeof("hb_codepoint_t")
    empty = ffi.new("hb_tag_t[4]")
    assert list(empty) == [0, 0, 0, 0]
    assert ffi.typeof(ffi.new("char[4]")) is ffi.typeof("char[]"), "sized arrays are not made by length"


@pytest.mark.parametrize("patch", sorted(bp.pdf_patches.WRITTEN_FOR))
def test_each_patch_is_written_for_the_installed_version_and_refuses_another(patch, monkeypatch):
    from importlib.metadata import version

    pp = bp.pdf_patches
    for dist, want in pp.WRITTEN_FOR[patch].items():
        assert version(dist) == want, f"{patch}: written for {dist} {want}, installed {version(dist)}"
    monkeypatch.setattr(pp, "version", lambda dist: "0.0.1")
    with pytest.raises(pp.PatchVersionError, match=patch):
        pp.require(patch)


@pytest.mark.parametrize("lang", LANGS)
def test_the_appeals_journal_prints_landscape_with_every_column_and_room_to_write(site, lang):
    """A wide form (front matter `landscape: true`) prints on landscape sheets: the journal alone
    on the first, all twelve columns inside the margins, sixteen blank rows of writing height;
    codes and instructions on the second sheet, nothing spilling onto a third."""
    md = "committee-handbook/appeals-journal.md"
    pdf = PdfReader(str(bp.pdf_dir(site, lang) / md.replace(".md", ".pdf")))
    assert len(pdf.pages) == 2, f"{lang}: {len(pdf.pages)} sheets"
    first = pdf.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height), "the journal is not landscape"
    header = next(line for line in (DOCS / lang / md).read_text(encoding="utf-8").splitlines() if line.startswith("| Код"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    text = " ".join(first.extract_text().split())
    assert len(columns) == 12 and all(" ".join(c.split()[-1:]) in text for c in columns), (columns, text[:400])
    bodies = (DOCS / lang / md).read_text(encoding="utf-8").count("| | | | | | | | | | | | |")
    assert bodies >= 15, f"{bodies} blank rows"
    css = (bp.ROOT / "scripts" / "pdf" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"td:empty\s*\{\s*height:\s*(8|9|10)(\.\d)?mm", css), "blank cells lost their writing height (at least 8 mm)"


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_the_cover_gives_the_edition_as_a_date_and_the_colophon_the_commit(site, lang, guide):
    pdf = PdfReader(str(bp.pdf_dir(site, lang) / f"{guide}.pdf"))
    cover, colophon = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert ("Издание от" if lang == "ru" else "Басылманын күнү") in cover, cover
    assert re.search(r"\d{4}", cover) and not re.search(r"\b[0-9a-f]{7,}\b", cover), f"a commit hash on the cover: {cover}"
    assert ("Версия" if lang == "ru" else "Версиясы") in colophon, colophon[-300:]


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_cross_references_in_the_books_print_the_right_page(site, lang, guide):
    """A link to another chapter prints as «Title (с. N)» / «Title (N-б.)», N being the page where
    that chapter starts; the printables cut from the book carry no book page numbers."""
    r = reader(str(bp.pdf_dir(site, lang) / f"{guide}.pdf"))
    chapters = [(" ".join(t.split()), pno + 1) for t, pno in outline_titles(r)[2:]]  # chapters, then the colophon
    spans = {t: (first, chapters[i + 1][1]) for i, (t, first) in enumerate(chapters[:-1])}
    ref = re.compile(r"\(с\. (\d+)\)" if lang == "ru" else r"\((\d+)-б\.\)")
    checked = 0
    for page in r.pages:
        text = " ".join(page.extract_text().split())
        for title, (first, after) in spans.items():
            for m in re.finditer(re.escape(title) + r" " + ref.pattern, text):
                # a link to the chapter or to a section of it: a page of that chapter
                assert first <= int(m.group(1)) < after, f"«{title}» printed as page {m.group(1)}; the chapter runs {first}–{after - 1}"
                checked += 1
    assert checked >= 3, f"{guide} ({lang}): only {checked} cross-references to chapter titles found"
    for g, md in bp.printable_pages(lang):
        if g == guide:
            text = pdf_text(str(bp.pdf_dir(site, lang) / (md[:-3] + ".pdf")))
            assert not ref.search(text), f"{md}: a printable shows book page numbers"


@pytest.mark.parametrize("lang", LANGS)
def test_the_certificate_prints_as_one_landscape_sheet_without_instructions(site, lang):
    md = "trainer-manual/certificate.md"
    pdf = PdfReader(str(bp.pdf_dir(site, lang) / md.replace(".md", ".pdf")))
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages"
    sheet = pdf.pages[0]
    assert float(sheet.mediabox.width) > float(sheet.mediabox.height), "not landscape"
    text = sheet.extract_text()
    how = "Как заполнять" if lang == "ru" else "Кантип толтуруу"
    assert "СЕРТИФИКАТ" in text and how not in text, text[:300]
    assert not re.search(r"(Страница|Бет) \d", text), "a page number on the certificate"
    book = pdf_text(str(bp.pdf_dir(site, lang) / "trainer-manual.pdf"))
    assert how in book, "the instructions left the book too"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("md", ["trainer-manual/daily-feedback.md", "trainer-manual/final-evaluation.md", "trainer-manual/pre-post-test.md"])
def test_participants_sheets_carry_no_trainer_notes_and_no_book_page_count(site, lang, md):
    """What participants fill in is printed alone: no notes for the trainer, no «page N of M» of
    the book, a small line with the guide and edition; the notes stay in the book."""
    pdf = PdfReader(str(bp.pdf_dir(site, lang) / md.replace(".md", ".pdf")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    notes = "Для тренера" if lang == "ru" else "Тренер үчүн"
    assert notes not in text, f"{md}: trainer notes on the participants' sheet"
    assert not re.search(r"(Страница \d+ из|Бет \d+ / )\d", text), f"{md}: the book's page count on the sheet"
    assert ("Издание от" if lang == "ru" else "Басылманын күнү") in text, "no guide-and-edition line"
    if md.endswith("daily-feedback.md"):
        assert len(pdf.pages) == 1, "the daily feedback form should fit one sheet"
        book = pdf_text(str(bp.pdf_dir(site, lang) / "trainer-manual.pdf"))
        assert notes in book, "the trainer notes left the book too"


@pytest.mark.parametrize("lang,guide", BOOKS)
def test_the_contents_fit_one_page_and_start_with_the_first_chapter(site, lang, guide):
    r = reader(str(bp.pdf_dir(site, lang) / f"{guide}.pdf"))
    word = bp.WORDS[lang]["contents"]
    lines = [" ".join(x.split()) for x in r.pages[1].extract_text().split("\n")]
    assert word in lines, f"page 2 is not the contents: {lines[:4]}"
    first_entry = lines[lines.index(word) + 1]
    chapters = [t for t, _ in outline_titles(r)[2:-1]]  # the guide's index first, then its chapters
    assert first_entry.startswith(" ".join(chapters[1].split())[:20]), f"the contents start with «{first_entry}», not the first chapter «{chapters[1]}»"
    assert word not in r.pages[2].extract_text()[:300], "the contents spill onto a second page"
