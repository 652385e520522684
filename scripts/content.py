"""Content rules shared by the MkDocs hooks, the scripts and the tests.

One place for: the languages, the front-matter schema, heading-id extraction from Markdown
sources, reading the glossary (`docs/includes/glossary.yml`, the single ru↔ky term source), and
the theme's table wrapper written into built pages.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The site engine: ProperDocs, the maintained fork of MkDocs 1.x (its HTML here is byte-identical
#: to MkDocs 1.6.1's but for the generator tag). The configuration keeps the name mkdocs.yml, which
#: ProperDocs, MkDocs and Zensical all read; `-f` names it so ProperDocs does not ask to rename it.
ENGINE = ["-m", "properdocs"]
ENGINE_CONFIG = ["-f", "mkdocs.yml"]


def engine_build(site_dir: Path | str) -> list[str]:
    """Arguments after the Python interpreter that build the site strictly into `site_dir`."""
    return [*ENGINE, "build", "--strict", *ENGINE_CONFIG, "-d", str(site_dir)]
LANGS = ("ru", "ky")
DEFAULT_LANG = "ru"
GLOSSARY_YML = DOCS / "includes" / "glossary.yml"

#: Front-matter keys a page may carry, with their type and whether they are required.
FRONT_MATTER: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "description": (str, True),
    "printable": (bool, False),
    "landscape": (bool, False),  # printed on landscape A4 pages (wide forms such as the appeals journal)
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
        raise ContentError(for_editor(where,
            f"{where}: нет шапки страницы (front matter) или она записана не как пары «ключ: значение». Начните файл так:\n---\ntitle: …\ndescription: …\n---",
            "барактын башы (front matter) жок же «ачкыч: маани» түрүндө жазылган эмес. Файлды ушундай баштаңыз: ---, title: …, description: …, ---."))
    for key, (typ, required) in FRONT_MATTER.items():
        if required and not meta.get(key):
            raise ContentError(for_editor(where, f"{where}: в шапке страницы нет «{key}». Добавьте строку «{key}: …» между строками ---.",
                                          f"барактын башында «{key}» жок. --- саптарынын ортосуна «{key}: …» деген сапты кошуңуз."))
        if key in meta and not isinstance(meta[key], typ):
            raise ContentError(for_editor(where,
                f"{where}: в шапке страницы у «{key}» неверное значение {meta[key]!r} (нужно: {TYPE_WORDS[typ][0]}).",
                f"барактын башындагы «{key}» маанисы туура эмес: {meta[key]!r} ({TYPE_WORDS[typ][1]} болушу керек)."))
    unknown = sorted(set(meta) - set(FRONT_MATTER))
    if unknown:
        raise ContentError(for_editor(where,
            f"{where}: в шапке страницы неизвестные ключи {', '.join(unknown)}; допустимы: {', '.join(FRONT_MATTER)}. Проверьте написание.",
            f"барактын башында белгисиз ачкычтар бар: {', '.join(unknown)}; уруксат берилгендер: {', '.join(FRONT_MATTER)}. Жазылышын текшериңиз."))
    return meta


def parse_page(path: Path) -> tuple[dict[str, Any], str]:
    """Read a Markdown page; return (validated front matter, body). Raise ContentError."""
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    fm, body = split_front_matter(path.read_text(encoding="utf-8"))
    if fm is None:
        raise ContentError(for_editor(where, f"{where}: нет шапки страницы (front matter). Начните файл строками ---, title: …, description: …, ---.",
                                      "барактын башы (front matter) жок. Файлды ---, title: …, description: …, --- саптары менен баштаңыз."))
    try:
        meta = yaml.safe_load(fm)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)  # where the broken construct starts
        at = f"{where}:{mark.line + 2}" if mark else where  # +2: the opening --- and 1-based lines
        why = " ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x) or str(exc)
        raise ContentError(for_editor(where, f"{at}: шапка страницы (между строками ---) записана с ошибкой ({why}). Исправьте эту строку; двоеточие или скобку внутри текста возьмите в кавычки.",
                                      f"барактын башы (--- саптарынын ортосу) ката жазылган ({why}). Бул сапты оңдоңуз; тексттин ичиндеги кош чекитти же кашааны тырмакчага алыңыз.")) from exc
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


STAMP_RE = re.compile(rf"^({re.escape(GENERATED_MARK)}[^\n]*?) sha256:([0-9a-f]{{16}}) -->\n", re.M)


def stamp(text: str) -> str:
    """Put the hash of what follows the generated-page mark into the mark (`… sha256:<16 hex> -->`),
    so that a later hand edit of the page can be told from the script's own output."""
    m = re.search(rf"^({re.escape(GENERATED_MARK)}[^\n]*?) -->\n", text, flags=re.M)
    if not m:
        raise ContentError("generated page without the generated mark")
    rest = text[m.end():]
    return text[: m.start()] + f"{m.group(1)} sha256:{hashlib.sha256(rest.encode()).hexdigest()[:16]} -->\n" + rest


def hand_edit(path: Path, expected: str | None = None) -> int | None:
    """Line number of the first hand edit in a generated page (its text no longer matches the hash
    in its mark), or None when the page is as its script wrote it. `expected`, the page the script
    would write now, only makes the line number point at the edited line."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    m = STAMP_RE.search(text)
    if not m or hashlib.sha256(text[m.end():].encode()).hexdigest()[:16] == m.group(2):
        return None
    mine, theirs = text.splitlines(), (expected or "").splitlines()
    skip = text[: m.end()].count("\n")
    return next((n for n, (a, b) in enumerate(zip(mine, theirs), 1) if n > skip and a != b), skip + 1)


def hand_edit_message(path: Path, line: int, source: str, command: str) -> str:
    """What an editor reads when a generated page was edited by hand (Russian, then Kyrgyz)."""
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    ru = (f"{rel}:{line}: эта страница создаётся автоматически из {source}, а её изменили вручную — при сборке "
          f"правка была бы потеряна. Внесите её в {source}, затем верните страницу (git checkout {rel}) и выполните {command}.")
    ky = (f"бул барак {source} файлынан автоматтык түрдө түзүлөт, аны колго өзгөртүшкөн — сайт түзүлгөндө оңдоо жоголуп кетмек. "
          f"Оңдоону {source} файлына киргизиңиз, андан кийин баракты кайтарып (git checkout {rel}), {command} аткарыңыз.")
    return bilingual(ru, ky)


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
                out.append(bilingual(
                    f"{p.relative_to(ROOT)}: нет страницы на {LANG_WORDS[other][0]} языке. Создайте {twin(p, other).relative_to(ROOT)} "
                    "(тот же путь, те же заголовки и id) или удалите страницу в обоих языках.",
                    f"бул барактын {LANG_WORDS[other][1]} тилиндеги нускасы жок. {twin(p, other).relative_to(ROOT)} түзүңүз "
                    "(ошол эле жол, ошол эле аталыштар жана id) же баракты эки тилде тең өчүрүңүз."))
    return out


def heading_problems(path: Path) -> list[str]:
    """Headings without an explicit {#id}, bad or duplicate ids, not exactly one H1."""
    out: list[str] = []
    where = path.relative_to(ROOT)
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    hs = headings(body)
    if sum(h.level == 1 for h in hs) != 1:
        out.append(for_editor(where, f"{where}: на странице должен быть ровно один заголовок первого уровня (# Заголовок {{#id}}), а их {sum(h.level == 1 for h in hs)}.",
                              f"баракта биринчи деңгээлдеги бир гана аталыш болушу керек (# Аталыш {{#id}}), ал эми алар {sum(h.level == 1 for h in hs)}."))
    seen: set[str] = set()
    for h in hs:
        if h.id is None:
            out.append(for_editor(where, f"{where}:{h.line}: у заголовка «{h.text}» нет id. Допишите в конце {{#korotkiy-id}} латиницей, одинаковый в обоих языках.",
                                  f"«{h.text}» аталышынын id'си жок. Аягына латын тамгалары менен {{#kyska-id}} кошуңуз, эки тилде бирдей."))
        elif not ID_RE.match(h.id):
            out.append(for_editor(where, f"{where}:{h.line}: id заголовка «{h.id}» — только строчные латинские буквы, цифры и дефисы.",
                                  f"аталыштын id'си «{h.id}» — кичине латын тамгалары, сандар жана дефис гана болушу керек."))
        elif h.id in seen:
            out.append(for_editor(where, f"{where}:{h.line}: id заголовка «{h.id}» уже есть на этой странице; дайте другой.",
                                  f"«{h.id}» id'си бул баракта мурун колдонулган; башкасын бериңиз."))
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
    detail = f"нет в кыргызском: {missing}; есть только в кыргызском: {extra}" if missing or extra else "те же id в другом порядке"
    detail_ky = f"кыргызчада жок: {missing}; кыргызчада гана бар: {extra}" if missing or extra else "ошол эле id'лер башка тартипте"
    return [bilingual(f"{ky_page.relative_to(ROOT)}: id заголовков не совпадают с {ru_page.relative_to(ROOT)} ({detail}). Сделайте их такими же и в том же порядке.",
                      f"аталыштардын id'лери {ru_page.relative_to(ROOT)} барагыныкы менен дал келбейт ({detail_ky}). Аларды ошондой эле жана ошол эле тартипте жазыңыз.")]


LANG_WORDS = {"ru": ("русском", "орус"), "ky": ("кыргызском", "кыргыз")}
TYPE_WORDS = {str: ("текст", "текст"), bool: ("true или false", "true же false"), int: ("число", "сан"), list: ("список", "тизме")}


def for_editor(where: str, ru: str, ky: str) -> str:
    """A message about the file `where`: Russian, plus Kyrgyz when the file is a Kyrgyz page."""
    return bilingual(ru, ky) if "/ky/" in f"/{where}" else ru


def bilingual(ru: str, ky: str) -> str:
    """An editor's message about a Kyrgyz page: Russian, the project's working language, then the
    same in Kyrgyz for the page's editor."""
    return f"{ru} / Кыргызча: {ky}"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python and !ENV tags (we only need the nav)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@lru_cache(maxsize=1)
def mkdocs_config() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def _flatten(items: Any) -> list[str]:
    out: list[str] = []
    for it in items if isinstance(items, list) else [items]:
        if isinstance(it, str):
            out.append(it)
        elif isinstance(it, dict):
            for v in it.values():
                out += _flatten(v)
    return out


def guides() -> tuple[str, ...]:
    """The guides of the site, declared once in mkdocs.yml's nav: each top-level section whose
    first page is <guide>/index.md is a guide (a book in PDF, a PDF bar on its pages). Adding a
    guide is a content change: its folders in docs/ru and docs/ky and its section in the nav."""
    out = []
    for item in mkdocs_config()["nav"]:
        if isinstance(item, dict):
            pages = _flatten(item)
            if pages and pages[0].endswith("/index.md") and pages[0].count("/") == 1:
                out.append(pages[0].split("/")[0])
    return tuple(out)


def guide_pages(guide: str) -> list[str]:
    """The guide's Markdown paths (relative to docs/<lang>/) in nav order."""
    return [p for p in _flatten(mkdocs_config()["nav"]) if p.startswith(guide + "/")]


BLANK_RE = re.compile(r"(?<=[^\s_\\])_{3,}|_{3,}(?=[^\s_])")


def blanks(markdown: str) -> str:
    """Keep the blanks of forms as blanks: a run of three or more underscores touching a letter,
    digit or quote («____», 20____) is escaped, so Markdown does not read it as bold and eat it
    («____» __________ 20____ became «» in bold). Lines of underscores alone (writing lines) and
    code are left as they are."""
    out, fence = [], False
    for line in markdown.split("\n"):
        if FENCE_RE.match(line):
            fence = not fence
        if not fence and "_" in line:
            parts = re.split(r"(`[^`]*`)", line)
            line = "".join(s if s.startswith("`") else BLANK_RE.sub(lambda m: r"\_" * len(m.group()), s) for s in parts)
        out.append(line)
    return "\n".join(out)


#: What a build needs from the repository (a copy with these builds the same site elsewhere)
BUILD_INPUTS = ("docs", "overrides", "scripts", "mkdocs.yml")


def repo_copy(dest: Path) -> Path:
    """Copy the build's inputs to `dest` (tests plant broken or extra pages there; the bench edits
    a page there), leaving this work tree untouched."""
    import shutil

    for name in BUILD_INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest
