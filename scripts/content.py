"""Content rules shared by the MkDocs hooks, the scripts and the tests.

One place for: the languages, the front-matter schema, heading-id extraction from Markdown
sources, reading the glossary (`docs/includes/glossary.yml`, the single ru↔ky term source), and
the theme's table wrapper written into built pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("ru", "ky")
DEFAULT_LANG = "ru"
GLOSSARY_YML = DOCS / "includes" / "glossary.yml"

#: Front-matter keys a page may carry, with their type and whether they are required.
FRONT_MATTER: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "description": (str, True),
    "printable": (bool, False),
    "translation_of": (str, False),  # ky pages: hash of the Russian source they translate
}

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID_RE = re.compile(r"\{\s*#([A-Za-z][\w-]*)[^}]*\}\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ContentError(ValueError):
    """A problem in a source file, worded for an editor: file, what is wrong, what to do."""


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (front-matter YAML or None, body) of a Markdown source."""
    if text.startswith("---\n") or text.startswith("---\r\n"):
        end = re.search(r"^---\s*$", text[4:], re.M)
        if end:
            return text[4 : 4 + end.start()], text[4 + end.end() :].lstrip("\r\n")
        return text[4:], ""
    return None, text


def check_front_matter(meta: Any, where: str) -> dict[str, Any]:
    """Validate parsed front matter against FRONT_MATTER; raise ContentError naming `where`."""
    if not isinstance(meta, dict):
        raise ContentError(
            f"{where}: front matter is missing or is not a YAML mapping. Start the file with\n"
            "---\ntitle: …\ndescription: …\n---"
        )
    for key, (typ, required) in FRONT_MATTER.items():
        if required and not meta.get(key):
            raise ContentError(f"{where}: front matter has no '{key}'. Add '{key}: …' between the --- lines.")
        if key in meta and not isinstance(meta[key], typ):
            raise ContentError(
                f"{where}: front-matter key '{key}' must be {typ.__name__}, got {meta[key]!r}."
            )
    unknown = sorted(set(meta) - set(FRONT_MATTER))
    if unknown:
        raise ContentError(
            f"{where}: unknown front-matter key(s) {', '.join(unknown)}; allowed: {', '.join(FRONT_MATTER)}."
        )
    return meta


def parse_page(path: Path) -> tuple[dict[str, Any], str]:
    """Read a Markdown page; return (validated front matter, body). Raise ContentError."""
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    fm, body = split_front_matter(path.read_text(encoding="utf-8"))
    if fm is None:
        raise ContentError(f"{where}: no front matter. Start the file with ---, title:, description:, ---.")
    try:
        meta = yaml.safe_load(fm)
    except yaml.YAMLError as exc:
        raise ContentError(f"{where}: front matter is not valid YAML ({exc}). Fix the lines between ---.") from exc
    return check_front_matter(meta, where), body


@dataclass(frozen=True)
class Heading:
    """A Markdown heading with its level, text and explicit id (None when it has none)."""

    level: int
    text: str
    id: str | None
    line: int


def headings(body: str) -> list[Heading]:
    """ATX headings of a Markdown body, outside fenced code blocks."""
    out: list[Heading] = []
    in_fence = False
    for no, line in enumerate(body.splitlines(), 1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = HEADING_RE.match(line)
        if m:
            idm = EXPLICIT_ID_RE.search(m.group(2))
            text = EXPLICIT_ID_RE.sub("", m.group(2)).strip()
            out.append(Heading(len(m.group(1)), text, idm.group(1) if idm else None, no))
    return out


GENERATED_MARK = "<!-- Generated"


def is_printable(lang: str, md: str) -> bool:
    """Whether docs/<lang>/<md> is flagged `printable: true` (it gets a PDF of its own)."""
    return bool(parse_page(DOCS / lang / md)[0].get("printable"))


TABLE_RE = re.compile(r"<table>.*?</table>", re.S)
#: tabindex: a table wider than the screen scrolls inside its wrapper, which must then be reachable
#: by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable, seen at desktop width on form tables).
TABLE_WRAP = '<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">{}</div></div>'


def wrap_tables(html: str) -> str:
    """Put every plain table (`<table>` without attributes, as Markdown writes it) in the theme's
    horizontal-scroll wrapper, exactly as the theme's script would when the page starts. Moving a
    table there at run time makes the browser rebuild the table's style and layout inside the
    script's start-up task (about 40 ms on a long chapter, four times that on a slow phone).
    Used by the MkDocs hooks and for the downloads table written by scripts/build_pdfs.py."""
    return TABLE_RE.sub(lambda m: TABLE_WRAP.format(m.group(0)), html)


def is_generated(path: Path) -> bool:
    """A page written by a script from shared data (the glossary), not by an editor."""
    return split_front_matter(path.read_text(encoding="utf-8"))[1].startswith(GENERATED_MARK)


def page_url(lang: str, md: str) -> str:
    """Site-relative URL of docs/<lang>/<md>: `a/b.md` → `a/b.html`, `a/index.md` → `a/index.html`
    (mkdocs.yml sets use_directory_urls: false so that the site works from file://)."""
    return ("" if lang == DEFAULT_LANG else f"{lang}/") + md[:-3] + ".html"


def built_html(site: Path, lang: str, md: str) -> Path:
    """Built HTML file of docs/<lang>/<md> (Russian at the site root, Kyrgyz under ky/)."""
    return site / page_url(lang, md)


def built_pages(site: Path, lang: str) -> list[Path]:
    """Built HTML file of every Markdown page of one language."""
    return [built_html(site, lang, p.relative_to(DOCS / lang).as_posix()) for p in pages(lang)]


def pages(lang: str) -> list[Path]:
    """All Markdown pages of one language, sorted."""
    return sorted((DOCS / lang).rglob("*.md"))


def twin(path: Path, lang: str) -> Path:
    """The same page in another language (same relative path)."""
    rel = path.relative_to(DOCS).parts[1:]
    return DOCS.joinpath(lang, *rel)


@lru_cache(maxsize=4)
def _glossary_cached(path: str, mtime: float) -> tuple[dict[str, Any], ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ContentError(f"{path}: the glossary must be a YAML list of terms.")
    return tuple(data)


def glossary(path: Path = GLOSSARY_YML) -> list[dict[str, Any]]:
    """The glossary entries (see docs/includes/glossary.yml for the fields)."""
    return list(_glossary_cached(str(path), path.stat().st_mtime))


def abbreviations(lang: str, path: Path = GLOSSARY_YML) -> dict[str, str]:
    """Abbreviation → expansion in `lang`, for pymdownx/Markdown `abbr`."""
    out: dict[str, str] = {}
    for e in glossary(path):
        abbr = (e.get(f"abbr_{lang}") or "").strip()
        if abbr:
            out[abbr] = e[lang]
    return out


def parity_problems() -> list[str]:
    """Pages that exist in one language only: each message names the file and the fix."""
    out: list[str] = []
    for lang in LANGS:
        other = "ky" if lang == "ru" else "ru"
        for p in pages(lang):
            if not twin(p, other).exists():
                out.append(
                    f"{p.relative_to(ROOT)}: has no {other} twin. Create {twin(p, other).relative_to(ROOT)} "
                    "(same relative path, same headings and ids), or remove this page from both languages."
                )
    return out


def heading_problems(path: Path) -> list[str]:
    """Headings without an explicit {#id}, bad or duplicate ids, not exactly one H1."""
    out: list[str] = []
    where = path.relative_to(ROOT)
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    hs = headings(body)
    if sum(h.level == 1 for h in hs) != 1:
        out.append(f"{where}: must have exactly one H1 (# Title {{#id}}), has {sum(h.level == 1 for h in hs)}.")
    seen: set[str] = set()
    for h in hs:
        if h.id is None:
            out.append(f"{where}: heading «{h.text}» has no explicit id. End it with {{#short-latin-id}}, the same in both languages.")
        elif not ID_RE.match(h.id):
            out.append(f"{where}: heading id '{h.id}' must be lowercase Latin letters, digits and hyphens.")
        elif h.id in seen:
            out.append(f"{where}: heading id '{h.id}' is used twice on the page.")
        if h.id:
            seen.add(h.id)
    return out


def twin_id_problems(ru_page: Path) -> list[str]:
    """The Kyrgyz twin must carry the same heading ids in the same order."""
    ky_page = twin(ru_page, "ky")
    if not ky_page.exists():
        return []
    ids = [[h.id for h in headings(split_front_matter(p.read_text(encoding="utf-8"))[1])] for p in (ru_page, ky_page)]
    generated = is_generated(ru_page) and is_generated(ky_page)  # the glossary: sorted per language
    if ids[0] == ids[1] or (generated and sorted(map(str, ids[0])) == sorted(map(str, ids[1]))):
        return []
    missing = [i for i in ids[0] if i not in ids[1]]
    extra = [i for i in ids[1] if i not in ids[0]]
    detail = f"missing in ky: {missing}; only in ky: {extra}" if missing or extra else "same ids in another order"
    return [f"{ky_page.relative_to(ROOT)}: heading ids differ from {ru_page.relative_to(ROOT)} ({detail})."]


def bilingual(ru: str, ky: str) -> str:
    """An editor's message about a Kyrgyz page: Russian, the project's working language, then the
    same in Kyrgyz for the page's editor."""
    return f"{ru} / Кыргызча: {ky}"
