"""Build the print-ready PDFs from the *built* HTML site, with WeasyPrint.

For each guide and language: one book (cover, contents with page numbers, a chapter per page in
nav order, running header, localized page numbers, bookmarks, colophon), tagged PDF/UA.
For each page with `printable: true`: a short PDF of its own with a header naming the guide: the
chapter's pages of the laid-out book, numbered from 1 (no second layout of the same text).
Then the downloads page of each language gets its table of files (size, page count).

Output: site/pdf/<guide>.pdf and site/pdf/<guide>/<page>.pdf (Russian),
        site/ky/pdf/... (Kyrgyz). Nothing is fetched from the network: the URL fetcher refuses
any URL that is not a local file, and a missing image or a broken link fails the build, naming
the page.

Usage: python -m scripts.build_pdfs [--site SITE] [--jobs N] [--verbose]
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import lxml.html
from lxml.html import HtmlElement

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts import pdf_patches  # noqa: E402
from scripts.build_fonts import FAMILIES  # noqa: E402
from scripts.content import DOCS, LANGS, ROOT, built_html, guide_pages, guides, is_printable, mkdocs_config, parse_page, wrap_tables  # noqa: E402

GUIDES = guides()  # declared once: the nav sections of mkdocs.yml that start with <guide>/index.md
PRINT_CSS = ROOT / "scripts" / "pdf" / "print.css"
FONTS_CSS = DOCS / "assets" / "stylesheets" / "fonts.css"
FONT_CACHE = ROOT / ".cache" / "pdf-fonts"  # the site's WOFF2 fonts, decompressed once per change

WORDS = {
    "ru": {"contents": "Содержание", "page": "Страница", "of": "из", "edition": "Электронное издание", "edition_of": "Издание от",
           "language": "Язык: русский", "colophon": "Выходные сведения", "sources": "Источники",
           "licence": "Тексты распространяются по лицензии CC BY 4.0; код сайта — MIT.",
           "status": "Методическое издание на основе материалов, разработанных проектом «ДаткАйым» совместно "
                     "с Министерством труда, социального обеспечения и миграции Кыргызской Республики. "
                     "Министерство не утверждало это издание и не является его автором; это не официальный документ.",
           "site": "Электронная версия с поиском — на сайте методических руководств",
           "built": "Дата сборки", "version": "Версия", "book": "Книга", "printable": "Для печати",
           "pages": "стр.", "file": "Файл", "size": "Размер", "count": "Страниц",
           "author": "Редакция методических руководств (на основе материалов проекта «ДаткАйым», разработанных с МТСОиМ КР)",
           "cover_org": "Методическое издание на основе материалов проекта «ДаткАйым», разработанных совместно с МТСОиМ КР"},
    "ky": {"contents": "Мазмуну", "page": "Бет", "of": "/", "edition": "Электрондук басылма", "edition_of": "Басылманын күнү:",
           "language": "Тили: кыргызча", "colophon": "Басылма жөнүндө маалымат", "sources": "Булактар",
           "licence": "Тексттер CC BY 4.0 лицензиясы боюнча таратылат; сайттын коду — MIT.",
           "status": "«ДаткАйым» долбоору Кыргыз Республикасынын Эмгек, социалдык камсыздоо жана миграция "
                     "министрлиги менен бирге иштеп чыккан материалдардын негизиндеги усулдук басылма. "
                     "Министрлик бул басылманы бекиткен эмес жана анын автору эмес; бул расмий документ эмес.",
           "site": "Издөө мүмкүнчүлүгү бар электрондук версиясы — усулдук колдонмолордун сайтында",
           "built": "Түзүлгөн күнү", "version": "Версиясы", "book": "Китеп", "printable": "Басып чыгаруу үчүн",
           "pages": "бет", "file": "Файл", "size": "Көлөмү", "count": "Беттер",
           "author": "Усулдук колдонмолордун редакциясы («ДаткАйым» долбоору Эмгек, социалдык камсыздоо жана миграция министрлиги менен иштеп чыккан материалдардын негизинде)",
           "cover_org": "«ДаткАйым» долбоору Эмгек, социалдык камсыздоо жана миграция министрлиги менен бирге иштеп чыккан материалдардын негизиндеги усулдук басылма"},
}


class PdfBuildError(RuntimeError):
    """A problem in a guide page that stops the PDF build; the message names the page."""


def pdf_dir(site: Path, lang: str) -> Path:
    return (site if lang == "ru" else site / lang) / "pdf"


def slug(md: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", md[:-3].lower()).strip("-")


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


@lru_cache(maxsize=1)
def edition() -> tuple[str, str]:
    """(version, date) of this edition: the git commit and its date, or the build date."""
    version = _git("describe", "--always", "--dirty") or "local"
    date = _git("log", "-1", "--format=%cs") or dt.date.today().isoformat()
    return version, date


class LocalOnlyFetcher:
    """WeasyPrint URL fetcher that serves local files only and fails on anything else."""

    def __init__(self) -> None:
        from weasyprint.urls import URLFetcher

        self._inner = URLFetcher()
        self.refused: list[str] = []

    def __call__(self, url: str) -> Any:
        return self.fetch(url)

    def fetch(self, url: str, headers: Any = None) -> Any:
        from weasyprint.urls import FatalURLFetchingError

        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("file", "data"):
            self.refused.append(url)
            raise FatalURLFetchingError(f"refused to fetch {url}: the PDF build uses local files only")
        if scheme == "file" and not Path(unquote(urlsplit(url).path)).is_file():
            raise FatalURLFetchingError(f"missing file {unquote(urlsplit(url).path)}")
        return self._inner.fetch(url, headers)


@dataclass
class Chapter:
    """One guide page prepared for the book."""

    md: str
    title: str
    body: HtmlElement
    landscape: bool = False


def _article(page: Path) -> HtmlElement:
    tree = lxml.html.parse(str(page))
    arts = tree.xpath("//article[contains(@class,'md-content__inner')]")
    if not arts:
        raise PdfBuildError(f"{page}: no article content in the built page")
    art = arts[0]
    for bad in art.xpath(".//*[contains(@class,'md-content__button') or contains(@class,'headerlink') "
                         "or contains(@class,'md-source-file') or contains(@class,'pdf-actions')] | .//script"):
        bad.getparent().remove(bad)
    return art


def prepare(site: Path, lang: str, md: str, in_book: dict[Path, str], src_name: str) -> Chapter:
    """Load one built page; make ids unique, point links inside the book, check images and links."""
    page = built_html(site, lang, md)
    if not page.is_file():
        raise PdfBuildError(f"{src_name}: the built page {page} is missing; run the HTML build first")
    art = _article(page)
    prefix = slug(md)
    for el in art.iter():
        if isinstance(el.tag, str) and el.get("id"):
            el.set("id", f"{prefix}--{el.get('id')}")
    h1s = art.xpath(".//h1")
    title = " ".join(h1s[0].text_content().split()) if h1s else md
    if h1s:
        h1s[0].set("id", prefix)
    for a in art.xpath(".//a[@href]"):
        href = a.get("href").strip()
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("//"):
            continue
        if href.startswith("#"):
            a.set("href", f"#{prefix}--{href[1:]}" if href[1:] else f"#{prefix}")
            continue
        path, frag = urldefrag(href)
        target = (page.parent / unquote(path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            raise PdfBuildError(f"{src_name}: broken link '{href}' (no such page). Fix the link in the Markdown source.")
        if target in in_book:
            tp = in_book[target]
            a.set("href", f"#{tp}--{frag}" if frag else f"#{tp}")
        else:  # a page outside this book: keep the words, drop the link
            a.tag = "span"
            for k in list(a.attrib):
                del a.attrib[k]
            a.set("class", "xref")
    for img in art.xpath(".//img[@src]"):
        src = img.get("src")
        if re.match(r"^[a-z]+:", src, re.I):
            if not src.startswith("data:"):
                raise PdfBuildError(f"{src_name}: image '{src}' is not a local file")
            continue
        target = (page.parent / unquote(urlsplit(src).path)).resolve()
        if not target.is_file():
            raise PdfBuildError(f"{src_name}: missing image '{src}'. Add the file or fix the path.")
        img.set("src", target.as_uri())
    for box in art.xpath(".//li[contains(@class,'task-list-item')]//input"):
        box.getparent().remove(box)  # printed as an empty box (.task-list-indicator) to tick by hand
    landscape = bool(parse_page(DOCS / lang / md)[0].get("landscape"))
    for table in art.xpath(".//table"):
        _set_column_widths(table, 140.0 if landscape else 95.0)
    return Chapter(md, title, art, landscape)


def _set_column_widths(table: HtmlElement, line: float = 95.0) -> None:
    """Give a table explicit column widths (print.css lays tables out with `table-layout: fixed`).

    WeasyPrint's automatic table layout measures every cell's text twice, a large share of a
    book's build time; widths estimated here from the text keep the columns as readable: each
    column gets at least its longest word, the rest is shared by the columns' average text length.
    """
    rows = [[" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")] for tr in table.xpath(".//tr")]
    ncols = max((len(r) for r in rows), default=0)
    if ncols < 2 or table.xpath(".//*[@colspan]"):
        return
    cols = [[r[j] for r in rows if j < len(r)] for j in range(ncols)]
    longest = [max((len(w) for t in c for w in t.split()), default=1) for c in cols]
    average = [max(sum(len(t) for t in c) / max(len(c), 1), 1.0) for c in cols]
    # `line`: characters of table text across the printed width (95 portrait, 140 landscape)
    need = [min((n + 2) / line, 0.45) for n in longest]
    share = [max(a, n) for a, n in zip(average, longest)]
    widths = [x / sum(share) for x in share]
    for _ in range(ncols):  # raise narrow columns to their longest word, take it from the others
        low = [j for j in range(ncols) if widths[j] < need[j]]
        if not low:
            break
        fixed = sum(need[j] for j in low)
        rest = [j for j in range(ncols) if j not in low]
        total = sum(widths[j] for j in rest) or 1.0
        widths = [need[j] if j in low else widths[j] / total * max(1.0 - fixed, 0.1) for j in range(ncols)]
    colgroup = lxml.html.Element("colgroup")
    for w in widths:
        colgroup.append(lxml.html.Element("col", style=f"width: {w * 100:.1f}%"))
    table.insert(0, colgroup)




def _font_faces() -> dict[tuple[str, str, str], Path]:
    """The site's @font-face files by (family, weight, style): one WOFF2 file per face
    (scripts/build_fonts.py)."""
    faces: dict[tuple[str, str, str], Path] = {}
    for block in re.findall(r"@font-face\s*\{.*?\}", FONTS_CSS.read_text(encoding="utf-8"), re.S):
        m = re.search(r"url\('\.\./fonts/((roboto(?:-mono)?)-(\d+)-(normal|italic)\.woff2)'\)", block)
        if m:
            faces[(m.group(2), m.group(3), m.group(4))] = DOCS / "assets" / "fonts" / m.group(1)
    return faces


def _merged_font(family: str, weight: str, style: str) -> Path:
    return FONT_CACHE / f"{family}-{weight}-{style}.ttf"


def stale_fonts() -> list[tuple[Path, Path]]:
    """(TrueType file, its WOFF2 source) of every face whose TrueType file is missing or older than
    the site's fonts."""
    out = []
    for (family, weight, style), src in _font_faces().items():
        dst = _merged_font(family, weight, style)
        if not (dst.exists() and dst.stat().st_mtime >= max(src.stat().st_mtime, FONTS_CSS.stat().st_mtime)):
            out.append((dst, src))
    return out


def decompress_font(dst: Path, src: Path) -> None:
    """Write one face of the site's fonts as a plain TrueType file, which WeasyPrint reads without
    decompressing it for every document."""
    from fontTools.ttLib import TTFont

    dst.parent.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(src))
    font.flavor = None
    tmp = dst.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(tmp))
    tmp.replace(dst)


def prepare_fonts() -> None:
    """Write the site's fonts as TrueType files, one per face, once per change of the fonts (0.3 s).
    Same glyphs as the site; WeasyPrint then does not decompress WOFF2 for every document (and,
    since scripts/build_fonts.py merges the subsets, does not fall back from one subset family to
    the next for every run of text)."""
    for dst, src in stale_fonts():
        decompress_font(dst, src)


def _fonts_css() -> str:
    """@font-face rules for WeasyPrint: the merged faces of the site's fonts, under the families
    'Roboto' and 'Roboto Mono' that scripts/pdf/print.css uses."""
    return "".join(
        f"@font-face {{ font-family: '{FAMILIES[family]}'; font-weight: {weight}; font-style: {style}; "
        f"src: url('{_merged_font(family, weight, style).as_uri()}'); }}\n"
        for family, weight, style in _font_faces()
    )


def _css_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def margin_css(lang: str, header: str, sheet_line: str = "") -> str:
    """The running header and the localized «page N of M» footer; on participants' sheets (named
    page `handout`) only `sheet_line`, the guide and edition in small type."""
    w = WORDS[lang]
    sheet = (f"@page handout {{ @bottom-center {{ width: 100%; font-size: 7pt; content: {_css_string(sheet_line)}; }} }}\n"
             if sheet_line else "")
    # width: 100 % spares WeasyPrint measuring the text of both boxes on every page to share the
    # width between the left, centre and right boxes (only the centre one is used).
    # a link to another place in the book prints its page number: «Мониторинг (с. 52)», «(52-б.)»
    xref = (f'" (с. " target-counter(attr(href), page) ")"' if lang == "ru"
            else f'" (" target-counter(attr(href), page) "-б.)"')
    return (f"@page {{ @top-center {{ width: 100%; content: {_css_string(header)}; }}"
            f" @bottom-center {{ width: 100%; content: {_css_string(w['page'] + ' ')} counter(page) {_css_string(' ' + w['of'] + ' ')} counter(pages); }} }}\n"
            f'.chapter:not(.printable) a[href^="#p-"]:not(.headerlink):not(.footnote-ref):not(.footnote-backref)::after {{ content: {xref}; }}\n'
            + sheet)


def page_css(lang: str, header: str, sheet_line: str = "") -> str:
    """The fonts, the print stylesheet and the margin boxes of a book."""
    return _fonts_css() + PRINT_CSS.read_text(encoding="utf-8") + margin_css(lang, header, sheet_line)


def _edition_date(iso: str, lang: str) -> str:
    """«7 декабря 2026 г.» / «2026-жылдын 7-декабры» from an ISO date (the edition's)."""
    from scripts.legal_facts import _fmt_date

    try:
        return _fmt_date(dt.date.fromisoformat(iso), lang)
    except ValueError:
        return iso


def guide_meta(lang: str, guide: str) -> tuple[str, str]:
    """(title, subtitle) of a guide, from its index page's front matter and H1."""
    meta, body = parse_page(DOCS / lang / guide / "index.md")
    m = re.search(r"^#\s+(.+?)\s*(\{#[^}]*\})?\s*$", body, re.M)
    return (m.group(1) if m else meta["title"]), meta["description"]


def _html_doc(lang: str, title: str, subtitle: str, css: str, body: str, created: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="description" content="{html.escape(subtitle)}">'
        f'<meta name="author" content="{html.escape(WORDS[lang]["author"])}">'
        f'<meta name="dcterms.created" content="{created}">'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


def build_book(site: str, lang: str, guide: str) -> tuple[list[tuple[str, int]], bool]:
    """Render one guide in one language to a PDF book with its printables; return their
    [(path, pages)] and whether they were reused from the cache (inputs unchanged)."""
    s = Path(site)
    w = WORDS[lang]
    mds = guide_pages(guide)
    in_book = {built_html(s, lang, md).resolve(): slug(md) for md in mds}
    chapters = [prepare(s, lang, md, in_book, f"docs/{lang}/{md}") for md in mds]
    title, subtitle = guide_meta(lang, guide)
    version, date = edition()
    # Contents list the chapters (sections are in the PDF bookmarks): every target-counter makes
    # WeasyPrint lay pages out again, and a section-level list cost 40 % of the build time.
    # the guide's own index page (its title is the book's) opens the book right after the contents,
    # which list the chapters from the first one
    toc = [f'<li class="toc-1"><a href="#{slug(ch.md)}">{html.escape(ch.title)}</a></li>' for ch in chapters
           if ch.md != f"{guide}/index.md"]
    sources = next((slug(m) for m in mds if m.endswith("/sources.md")), None)
    site_url = (mkdocs_config().get("site_url") or "").rstrip("/")
    where = f"{site_url}/{'' if lang == 'ru' else 'ky/'}{guide}/" if site_url else f"{'' if lang == 'ru' else 'ky/'}{guide}/index.html"
    body = [
        f'<section class="cover"><p class="cover-org">{html.escape(w["cover_org"])}</p>'
        f'<h1 class="cover-title">{html.escape(title)}</h1>'
        f'<p class="cover-subtitle">{html.escape(subtitle)}</p>'
        # the cover says the edition as a date a reader understands; the commit is in the colophon
        f'<p class="cover-meta">{w["edition"]} · {w["language"]}<br>{w["edition_of"]} {_edition_date(date, lang)}</p></section>',
        f'<nav class="toc"><h1 class="toc-title">{w["contents"]}</h1><ul>{"".join(toc)}</ul></nav>',
    ]
    for ch in chapters:
        # printable chapters are also cut out as their own PDFs: no book page numbers in them
        cls = " ".join(["chapter", *(["landscape"] if ch.landscape else []), *(["printable"] if is_printable(lang, ch.md) else [])])
        body.append(f'<section class="{cls}">{lxml.html.tostring(ch.body, encoding="unicode")}</section>')
    body.append(
        f'<section class="colophon" id="colophon"><h1 class="colophon-title">{w["colophon"]}</h1>'
        f"<p><strong>{html.escape(title)}</strong>. {html.escape(subtitle)}</p>"
        f"<p>{html.escape(w['status'])}</p>"
        + (f'<p>{w["sources"]}: <a href="#{sources}">{html.escape(chapters[-1].title)}</a>.</p>' if sources else "")
        + f"<p>{html.escape(w['licence'])}</p><p>{w['site']}: {html.escape(where)}</p>"
        f"<p>{w['version']} {html.escape(version)} · {w['built']}: {date}</p></section>"
    )
    sheet_line = f"{title} · {w['edition_of']} {_edition_date(date, lang)}"
    doc = _html_doc(lang, title, subtitle, page_css(lang, title, sheet_line), "".join(body), date)
    out = pdf_dir(s, lang) / f"{guide}.pdf"
    key = book_key(doc, s, lang, guide)
    reused = reuse(key, s)
    if reused is not None:
        return reused, True
    document = _layout(doc, s, str(out))
    results = [_write(document, out)] + _write_printables(document, s, lang, title, chapters)
    keep(key, s, results)
    return results, False


#: Where finished books and their printables are kept, by the hash of everything they are made of
#: (`make site` after a one-page edit lays out only the books whose inputs changed).
PDF_CACHE = ROOT / ".cache" / "pdf"


def _no_cache() -> bool:
    """--no-cache (passed to the workers through the environment, whatever their start method)."""
    return os.environ.get("PDF_NO_CACHE") == "1"


def book_key(doc: str, site: Path, lang: str, guide: str) -> str:
    """Hash of a book's inputs: the HTML document laid out (chapters, print stylesheet, margin
    boxes, cover and colophon with the edition), the images and fonts it loads, the code that
    makes it (this script, the patches) and the versions of the renderer."""
    from importlib.metadata import version

    # the same inputs in another folder (a clean clone, the bench's copy) give the same key
    h = hashlib.sha256(doc.replace(site.resolve().as_uri(), "SITE").replace(ROOT.as_uri(), "ROOT").encode())
    for f in sorted(set(re.findall(r'(?:src|href)="([^"#]+)"', doc)) | set(re.findall(r"url\(['\"]?([^'\")]+)", doc))):
        path = Path(unquote(urlsplit(f).path)) if f.startswith("file:") else (site / f if not f.startswith("/") else Path(f))
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for code in (Path(__file__), Path(pdf_patches.__file__)):
        h.update(code.read_bytes())
    h.update(" ".join(f"{d}={version(d)}" for d in ("weasyprint", "pydyf", "fonttools", "cffi")).encode())
    return f"{lang}-{guide}-{h.hexdigest()[:20]}"


def reuse(key: str, site: Path) -> list[tuple[str, int]] | None:
    """Copy a kept book and its printables into `site`; their (path, pages), or None if not kept."""
    entry = PDF_CACHE / key
    index = entry / "index.json"
    if _no_cache() or not index.is_file():
        return None
    out = []
    for rel, pages in json.loads(index.read_text(encoding="utf-8")):
        dst = site / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry / rel, dst)
        out.append((str(dst), pages))
    return out


def keep(key: str, site: Path, results: list[tuple[str, int]]) -> None:
    """Keep a freshly made book and its printables under `key` (older entries of the book go)."""
    if _no_cache():
        return
    lang_guide = key.rsplit("-", 1)[0]
    for old in PDF_CACHE.glob(f"{lang_guide}-*"):
        if old.name != key and old.name.rsplit("-", 1)[0] == lang_guide:
            shutil.rmtree(old, ignore_errors=True)
    entry = PDF_CACHE / f".{key}.tmp"
    shutil.rmtree(entry, ignore_errors=True)
    rels = []
    for path, pages in results:
        rel = Path(path).resolve().relative_to(site.resolve()).as_posix()
        (entry / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, entry / rel)
        rels.append((rel, pages))
    (entry / "index.json").write_text(json.dumps(rels), encoding="utf-8")
    shutil.rmtree(PDF_CACHE / key, ignore_errors=True)
    entry.rename(PDF_CACHE / key)


#: CSS named pages printed as sheets of their own (print.css): no footer, and a chapter's printable
#: holds only these pages when it has them
SHEET_PAGES = {"certificate", "handout"}


def _write_printables(document: Any, site: Path, lang: str, guide_title: str,
                      chapters: list[Chapter]) -> list[tuple[str, int]]:
    """Write each printable chapter of a laid-out (and written) book as a PDF of its own: the
    chapter's pages, numbered from 1, under the same running header (the guide's title).

    Each chapter starts on a new page, so its pages are the book's pages from its heading to the
    next chapter's; copying them spares a second layout of the same text (a sixth of the build).
    Links to other chapters stay as text: their link annotations are left out."""
    first: dict[str, int] = {}
    for n, pg in enumerate(document.pages):
        for anchor in pg.anchors:
            first.setdefault(anchor, n)
    starts = [first[slug(ch.md)] for ch in chapters] + [first["colophon"]]
    results = []
    for k, ch in enumerate(chapters):
        if not is_printable(lang, ch.md):
            continue
        pages = [copy.copy(pg) for pg in document.pages[starts[k]:starts[k + 1]]]
        sheets = [pg for pg in pages if pdf_patches.page_name(pg) in SHEET_PAGES]
        if sheets:  # a certificate: its own PDF is the sheet, the instructions stay in the book
            pages = sheets
        anchors = {a for pg in pages for a in pg.anchors}
        for i, pg in enumerate(pages, 1):
            if pdf_patches.page_name(pg) in SHEET_PAGES:
                continue  # no page number on a sheet
            kept = [ln for ln in pg.links if ln[0] != "internal" or ln[1] in anchors]
            for ln in pg.links:
                ln[3].link_annotation = None  # set by the book's writing; made again for the kept ones
            pg.links = kept
            if not pdf_patches.renumber_footer(pg, f"{WORDS[lang]['page']} {i} {WORDS[lang]['of']} {len(pages)}"):
                raise PdfBuildError(f"{ch.md}: no page-number footer found in the book's pages (scripts/pdf/print.css)")
        piece = document.copy(pages)
        piece.metadata = copy.copy(document.metadata)
        piece.metadata.title, piece.metadata.description = ch.title, guide_title
        results.append(_write(piece, pdf_dir(site, lang) / (ch.md[:-3] + ".pdf")))
    return results


def _layout(doc: str, site: Path, what: str) -> Any:
    """Lay out an HTML document with local files only; `what` names it in the error."""
    from weasyprint import HTML

    fetcher = LocalOnlyFetcher()
    document = HTML(string=doc, base_url=str(site), url_fetcher=fetcher).render(pdf_tags=True)
    if fetcher.refused:
        raise PdfBuildError(f"{what}: the renderer was asked for remote URLs {fetcher.refused}")
    return document


def _write(document: Any, out: Path) -> tuple[str, int]:
    """Write a laid-out document as tagged PDF/UA; return (path, pages)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(str(out), pdf_variant="pdf/ua-1", pdf_tags=True)
    return str(out), len(document.pages)


def printable_pages(lang: str) -> list[tuple[str, str]]:
    """(guide, md path) of every page flagged `printable: true`, in nav order."""
    out = []
    for guide in GUIDES:
        for md in guide_pages(guide):
            if is_printable(lang, md):
                out.append((guide, md))
    return out


def human_size(n: int, lang: str) -> str:
    unit = {"ru": ("КБ", "МБ"), "ky": ("КБ", "МБ")}[lang]
    return f"{n / 1024:.0f} {unit[0]}" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} {unit[1]}".replace(".", ",")


def write_downloads_page(site: Path, lang: str, results: dict[str, int]) -> None:
    """Fill the downloads page's list (element id `downloads-list`) with every PDF, size and pages."""
    page = built_html(site, lang, "downloads.md")
    if not page.is_file():
        raise PdfBuildError(f"docs/{lang}/downloads.md is missing: the downloads page lists the PDFs")
    w = WORDS[lang]
    rows = []
    base = pdf_dir(site, lang)
    for guide in GUIDES:
        gtitle, _ = guide_meta(lang, guide)
        book = base / f"{guide}.pdf"
        rows.append(f'<h2 id="dl-{guide}">{html.escape(gtitle)}</h2><table><thead><tr><th>{w["file"]}</th>'
                    f'<th>{w["size"]}</th><th>{w["count"]}</th></tr></thead><tbody>')
        items = [(book, f"{w['book']}: {gtitle}")]
        for g, md in printable_pages(lang):
            if g == guide:
                title = parse_page(DOCS / lang / md)[0]["title"]
                items.append((base / (md[:-3] + ".pdf"), f"{w['printable']}: {title}"))
        for f, label in items:
            rel = os.path.relpath(f, page.parent).replace(os.sep, "/")
            rows.append(f'<tr><td><a href="{rel}" download>{html.escape(label)}</a></td>'
                        f"<td>{human_size(f.stat().st_size, lang)}</td><td>{results[str(f)]}</td></tr>")
        rows.append("</tbody></table>")
    text = page.read_text(encoding="utf-8")
    # the end marker lets a second PDF build replace the list again (the wrapped tables nest divs)
    new, n = re.subn(r'<p id="downloads-list">.*?</p>|<div id="downloads-list">.*?<!-- /downloads-list --></div>',
                     '<div id="downloads-list">' + wrap_tables("".join(rows)) + "<!-- /downloads-list --></div>", text, flags=re.S)
    if n != 1:
        raise PdfBuildError(f"docs/{lang}/downloads.md: needs one paragraph marked {{#downloads-list}}")
    page.write_text(new, encoding="utf-8")


def _worker_init() -> None:
    """Set up a worker process. Python's cyclic garbage collector runs every 700 allocations by
    default and rescans the whole, ever-growing box tree of a book each time; WeasyPrint frees its
    memory through reference counting anyway, so the collector is asked to run far less often.
    The patches into pydyf and cffi (scripts/pdf_patches.py) are applied in each worker."""
    gc.set_threshold(200_000, 20, 20)
    pdf_patches.cache_page_references()
    pdf_patches.sized_arrays_by_length()


def book_weight(lang: str, guide: str) -> int:
    """Estimated work of a book: the bytes of its Markdown sources (its CPU time follows them
    within a few per cent; Kyrgyz words are longer, so a Kyrgyz book weighs more)."""
    return sum((DOCS / lang / md).stat().st_size for md in guide_pages(guide))


def longest_first() -> list[tuple[str, str]]:
    """(guide, lang) of every book, heaviest first: a worker that falls free takes the heaviest
    book left, so that both cores finish at about the same time (longest-processing-time order)."""
    books = [(guide, lang) for guide in GUIDES for lang in LANGS]
    return sorted(books, key=lambda b: book_weight(b[1], b[0]), reverse=True)


def _timed(fn: Any, *args: Any) -> tuple[list[tuple[str, int]], float]:
    """Run one job in a worker; return its result and its CPU seconds (for --verbose)."""
    start = time.process_time()
    return fn(*args), time.process_time() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--verbose", "-v", action="store_true", help="print the CPU time of every job")
    ap.add_argument("--only", metavar="GUIDE", help="build one guide's books and printables (no downloads page)")
    ap.add_argument("--no-cache", action="store_true", help="lay every book out again (ignore and do not fill .cache/pdf)")
    args = ap.parse_args()
    site = Path(args.site)
    if args.no_cache:
        os.environ["PDF_NO_CACHE"] = "1"
    start = time.perf_counter()
    prepare_fonts()
    import weasyprint  # noqa: F401  (imported once here, inherited by the workers)

    jobs = [(build_book, str(site), lang, guide) for guide, lang in longest_first() if not args.only or guide == args.only]
    if not jobs:
        print(f"PDF build: no guide «{args.only}» (guides: {', '.join(GUIDES)})", file=sys.stderr)
        return 2

    results: dict[str, int] = {}
    try:
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_worker_init) as pool:
            futures = {pool.submit(_timed, *job): job for job in jobs}
            tty = sys.stdout.isatty()
            reused = 0
            for done, fut in enumerate(as_completed(futures), 1):
                (res, was_reused), cpu = fut.result()
                reused += was_reused
                what = " ".join(map(str, futures[fut][2:]))
                if args.verbose:
                    print(f"pdf: {what}: {cpu:.1f} s CPU")
                else:  # progress: one line rewritten on a terminal, one line per book in a log
                    line = f"pdf: {done}/{len(jobs)} books with their printables ({what})"
                    print(f"\r{line:<72}" if tty else line, end="" if tty else "\n", flush=True)
                results.update(res)
            if tty and not args.verbose:
                print("\r" + " " * 72 + "\r", end="")
        for lang in LANGS if not args.only else ():
            write_downloads_page(site, lang, results)
    except PdfBuildError as exc:
        print(f"PDF build failed: {exc}", file=sys.stderr)
        return 1
    books = sum(1 for p in results if Path(p).parent.name == "pdf")
    again = f"; {reused} of {len(jobs)} books with their printables reused (inputs unchanged)" if reused else ""
    print(f"pdf: {books} books and {len(results) - books} printables in {time.perf_counter() - start:.1f} s{again}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
