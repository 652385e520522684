"""MkDocs hooks of the project (registered in mkdocs.yml under `hooks:`).

- Fail the build, naming the file, when a page exists in one language only (mkdocs-static-i18n
  would otherwise quietly leave it out or fill it in) or when a page's front matter is malformed
  or incomplete (MkDocs itself silently renders broken YAML as text).
- Mark Kyrgyz pages whose Russian source changed since translation (`translation_of`), so the
  template shows readers a notice; fill the translation-status page with the state of every page.
- Give task-list checkboxes an accessible name (the item's text), which Markdown does not, and
  Material's search dialog a name in the page's language.
- Append the glossary's abbreviations *in the page's language* to every page, so that the
  Markdown `abbr` extension shows e.g. ОМСУ / ЖӨБ expansions on hover across the site.
- Wrap each table in the theme's scrolling wrapper at build time (`wrap_tables`), so that the
  theme's script does not move the tables when it starts (overrides/partials/quiet-start.html).
- Check every page of both languages against the register of legal facts
  (docs/includes/legal-facts.yml, scripts/legal_facts.py) before rendering, and fail naming each
  file and line; put "правовая информация проверена: <date>" under the title of each page that
  states legal specifics, and the table of changed facts on the page «Изменения законодательства».
- Make Russian search queries find every word form: append scripts/search/lunr.ru.query.js to the
  theme's lunr.ru.min.js in the built site (`on_post_build`), so the search worker stems each query term before
  Material's trailing `*` makes lunr skip the stemmer.
"""
from __future__ import annotations

import logging
import posixpath
import re
import sys
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts import legal_facts  # noqa: E402
from scripts.content import DOCS, LANGS, ContentError, abbreviations, blanks, for_editor, guides, pages, parity_problems, parse_page, wrap_tables  # noqa: E402
from scripts.translations import page_state  # noqa: E402
from scripts.translations import status as translation_status  # noqa: E402

STATUS_PAGE = "translation-status.md"
STATES = {
    "ru": {"current": "актуален", "outdated": "устарел (русский текст изменён)", "missing": "нет перевода",
           "generated": "создаётся автоматически", "page": "Страница", "state": "Перевод на кыргызский"},
    "ky": {"current": "актуалдуу", "outdated": "эскирген (орусча текст өзгөргөн)", "missing": "котормосу жок",
           "generated": "автоматтык түрдө түзүлөт", "page": "Барак", "state": "Кыргызча котормо"},
}


def _status_table(lang: str) -> str:
    w = STATES[lang]
    rows = [f"| {w['page']} | {w['state']} |", "|---|---|"]
    for r in translation_status():
        rows.append(f"| [{r.page}]({r.page}) | {w[r.state]} |")
    return "\n".join(rows)


LINK_NOT_FOUND = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the target(?: '(?P<target>[^']+)')? is not found among documentation files\.$")
LINK_NO_ANCHOR = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but (?:the doc '(?P<to>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'|there is no such anchor on this page)\.")


def _link_line(src: str, url: str) -> int:
    """Line of docs/<src> where the link `url` is written (1 if not found)."""
    try:
        lines = (DOCS / src).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if f"({url}" in line or f'"{url}"' in line), 1)


def editor_message(msg: str) -> str | None:
    """The engine's English warning about a broken link or anchor, as an editor's message in
    Russian (and Kyrgyz for a Kyrgyz page) naming the file and line; None for other messages.
    Written for the wording of MkDocs 1.6.1 / ProperDocs 1.6.7 (structure/pages.py); other
    wordings pass through unchanged."""
    if m := LINK_NOT_FOUND.match(msg):
        src, url = m["src"], m["url"]
        where = f"docs/{src}:{_link_line(src, url)}"
        target = f"docs/{m['target'] or url}"
        ru = f"{where}: ссылка «{url}» ведёт на файл, которого нет ({target}). Исправьте адрес: путь считается от папки этой страницы."
        ky = f"«{url}» шилтемеси жок файлга алып барат ({target}). Даректи оңдоңуз: жол ушул барактын папкасынан эсептелет."
    elif m := LINK_NO_ANCHOR.match(msg):
        src, url = m["src"], m["url"]
        where = f"docs/{src}:{_link_line(src, url)}"
        anchor = m["anchor"] or url.split("#", 1)[-1]
        page_ru = f"на странице docs/{m['to']}" if m["to"] else "на этой странице"
        page_ky = f"docs/{m['to']} барагында" if m["to"] else "бул баракта"
        ru = f"{where}: ссылка «{url}»: {page_ru} нет раздела с id «{anchor}». Проверьте id в заголовке ({{#…}}) или исправьте ссылку."
        ky = f"«{url}» шилтемеси: {page_ky} «{anchor}» id'лүү бөлүм жок. Аталыштагы id'ни ({{#…}}) текшериңиз же шилтемени оңдоңуз."
    else:
        return None
    return for_editor(where, ru, ky)


class _EditorMessages(logging.Filter):
    """Rewrites the engine's link warnings for editors (see `editor_message`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING and isinstance(record.msg, str) and not record.args:
            new = editor_message(record.msg)
            if new:
                record.msg = new
        return True


def on_config(config: Any) -> Any:
    """Without a repository URL (SITE_REPO_URL) there are no "edit this page" links. Editors read
    the engine's link warnings in Russian (and Kyrgyz) with file and line."""
    if not config.get("repo_url"):
        config["edit_uri"] = None
    config["extra"]["guides"] = list(guides())
    for name in ("properdocs", "mkdocs"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, _EditorMessages) for f in handler.filters):
                handler.addFilter(_EditorMessages())
    return config


#: The register and the check of all pages against it, made once per build in on_pre_build.
LEGAL: dict[str, Any] = {}


RU_QUERY = Path(__file__).resolve().parent / "search" / "lunr.ru.query.js"
RU_LUNR = "assets/javascripts/lunr/min/lunr.ru.min.js"


def on_post_build(config: Any) -> None:
    """Write the theme's lunr.ru.min.js followed by the Russian query hook into the built site
    (from the theme's own copy each time, so a rebuild never appends twice)."""
    theme = next((Path(d) / RU_LUNR for d in config["theme"].dirs if (Path(d) / RU_LUNR).is_file()), None)
    if theme is None:
        raise PluginError(f"{RU_LUNR} is not in the theme any more: the Russian query hook (scripts/search/lunr.ru.query.js) needs a new home")
    out = Path(config["site_dir"]) / RU_LUNR
    out.write_text(theme.read_text(encoding="utf-8") + "\n" + RU_QUERY.read_text(encoding="utf-8"), encoding="utf-8")


def on_pre_build(config: Any) -> None:
    """Stop before rendering if a page lacks its twin in the other language, or if a page states a
    legal specific the register of legal facts does not have (all problems at once)."""
    problems = parity_problems()
    if problems:
        raise PluginError("Страница есть только на одном языке:\n  " + "\n  ".join(problems))
    from scripts import build_glossary  # a generated page edited by hand: say so, never overwrite it silently

    try:
        edited = build_glossary.hand_edits(build_glossary.outputs())
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    if edited:
        raise PluginError("Страница, которая создаётся автоматически, изменена вручную:\n  " + "\n  ".join(edited))
    try:
        reg = legal_facts.register()
        report = legal_facts.check(reg=reg)
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    if report.findings:
        raise PluginError(
            f"Правовые факты: {len(report.findings)} расхождений с реестром ({legal_facts.REGISTER_NAME}). "
            "Исправьте текст страницы или, если факт проверен по источнику, запись реестра:\n  "
            + "\n  ".join(map(str, report.findings))
        )
    try:
        titles = {(lang, p.relative_to(DOCS / lang).as_posix()): parse_page(p)[0]["title"] for lang in LANGS for p in pages(lang)}
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    LEGAL.update(reg=reg, report=report, titles=titles)


def _legal_markdown(markdown: str, lang: str, rel: str, src: Path) -> str:
    """Put the "checked on" line under the H1 of a page that states legal specifics; fill the
    changes page with the table of changed facts."""
    reg, report = LEGAL["reg"], LEGAL["report"]
    if rel == legal_facts.CHANGES_PAGE:
        return f"{markdown}\n\n{legal_facts.changes_table(lang, reg, report, LEGAL['titles'])}\n"
    scan = report.pages.get(src)
    if not scan or not scan.stated:
        return markdown
    link = posixpath.relpath(legal_facts.CHANGES_PAGE, posixpath.dirname(rel) or ".")
    line = legal_facts.checked_line(lang, reg, scan.stated, link)
    return re.sub(r"^(# .*)$", lambda m: f"{m.group(1)}\n\n{line}\n", markdown, count=1, flags=re.M)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Validate front matter, keep the forms' blanks (`blanks`) and append the language's
    abbreviation definitions."""
    try:  # the source file itself: MkDocs renders broken YAML as text, and plugins add meta keys
        parse_page(Path(page.file.abs_src_path))
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    lang = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    rel = page.file.src_uri.split("/", 1)[1]
    if lang == "ky" and page_state(DOCS / "ru" / rel) == "outdated":
        page.meta["translation_outdated"] = True
    if rel == STATUS_PAGE:
        markdown = f"{markdown}\n\n{_status_table(lang)}\n"
    if LEGAL:
        markdown = _legal_markdown(markdown, lang, rel, Path(page.file.abs_src_path))
    markdown = blanks(markdown)
    defs = "\n".join(f"*[{a}]: {full}" for a, full in sorted(abbreviations(lang).items()))
    return f"{markdown}\n\n{defs}\n" if defs else markdown


TASK_RE = re.compile(r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox"[^>]*?)(\s*/?>)(.*?)</li>', re.S)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Label each task-list checkbox with the text of its item (screen readers, axe "label");
    wrap the tables (`wrap_tables`)."""

    def label(m: re.Match[str]) -> str:
        text = " ".join(re.sub(r"<[^>]+>", " ", m.group(3)).split())[:150]
        return f'{m.group(1)} aria-label="{escape(text, quote=True)}"{m.group(2)}{m.group(3)}</li>'

    return wrap_tables(TASK_RE.sub(label, html))


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = {"ru": "Поиск", "ky": "Издөө"}


def _name_search_dialog(output: str, lang: str) -> str:
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{SEARCH_NAME.get(lang, SEARCH_NAME["ru"])}">', 1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Name Material's search dialog (role="dialog" without a name: Lighthouse aria-dialog-name)."""
    lang = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    return _name_search_dialog(output, lang)


#: The Russian 404 page, kept while the Kyrgyz build runs (mkdocs-static-i18n writes each
#: language's 404.html to the same file; the last one, Kyrgyz, would win: static-i18n issue #284).
NOT_FOUND: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Name the search dialog on the theme's own pages too (404.html: on_post_page does not see
    them), and keep the site's one 404 page in the default language (Russian)."""
    lang = config["theme"]["language"] if "language" in config["theme"] else "ru"
    output = _name_search_dialog(output, lang)
    if template_name == "404.html":
        if lang == "ru":
            NOT_FOUND["ru"] = output
        elif "ru" in NOT_FOUND:
            return NOT_FOUND["ru"]
    return output
