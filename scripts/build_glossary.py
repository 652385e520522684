"""Generate the glossary pages `docs/<lang>/glossary.md` from `docs/includes/glossary.yml`.

The YAML file is the single source of ru↔ky terminology: the pages, the hover expansions of
abbreviations (see mkdocs_hooks.py) and the terminology check all read it. Editors change the
YAML; `make site` regenerates the pages, and a test fails when the committed pages are stale.

Usage: python -m scripts.build_glossary [--check]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DOCS, GENERATED_MARK, LANGS, ContentError, glossary, hand_edit, hand_edit_message, stamp  # noqa: E402

CELL = "cell:"  # an avoided form flagged only as the whole text of a table cell (scripts/check_sources.py)
CELL_WORDS = "в ячейке таблицы / таблицанын уячасында"
OK = "ok:"  # a phrase in which an avoided form is right («ok:жер тилке» for the rejected «тилке»); not shown

FIELDS = {"id", "ru", "ky", "ru_definition", "ky_definition", "abbr_ru", "abbr_ky", "avoid_ru", "avoid_ky"}

TEXT = {
    "ru": {
        "title": "Глоссарий",
        "description": "Термины руководств на русском и кыргызском языках с простыми определениями.",
        "intro": (
            "Глоссарий — единый источник терминов сайта на русском и кыргызском языках. "
            "Авторы и переводчики используют термины отсюда; сокращения из глоссария "
            "расшифровываются на всех страницах при наведении указателя."
        ),
        "other": "По-кыргызски",
        "abbr": "Сокращение",
        "avoid": "Не используйте",
        "abbrs": "Сокращения",
        "terms": "Термины",
    },
    "ky": {
        "title": "Глоссарий",
        "description": "Колдонмолордун терминдери орус жана кыргыз тилдеринде, жөнөкөй аныктамалары менен.",
        "intro": (
            "Глоссарий — сайттын орус жана кыргыз тилдериндеги терминдеринин бирдиктүү булагы. "
            "Авторлор жана котормочулар терминдерди ушул жерден алышат; глоссарийдеги "
            "кыскартуулар бардык барактарда көрсөткүч алып барганда ачылып көрсөтүлөт."
        ),
        "other": "Орусча",
        "abbr": "Кыскартуу",
        "avoid": "Колдонбоңуз",
        "abbrs": "Кыскартуулар",
        "terms": "Терминдер",
    },
}


def term_shown(avoid: str) -> str:
    """An avoided form as the glossary page shows it: «полици*» → «полици…», «cell:итог» → «итог (в ячейке таблицы)»."""
    if avoid.startswith(CELL):
        return f"{avoid[len(CELL):]} ({CELL_WORDS})"
    return avoid[:-1] + "…" if avoid.endswith("*") else avoid


def validate(entries: list[dict[str, Any]]) -> None:
    """Check the glossary's shape; raise ContentError naming the entry and the fix."""
    seen: set[str] = set()
    for n, e in enumerate(entries, 1):
        where = f"docs/includes/glossary.yml, entry {n} ({e.get('id', '?')})"
        if set(e) != FIELDS:
            raise ContentError(f"{where}: fields must be exactly {sorted(FIELDS)}; got {sorted(e)}.")
        if e["id"] in seen:
            raise ContentError(f"{where}: duplicate id '{e['id']}'. Give each term its own id.")
        seen.add(e["id"])
        for lang in LANGS:
            if not e[lang] or not e[f"{lang}_definition"]:
                raise ContentError(f"{where}: '{lang}' term and '{lang}_definition' must not be empty.")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render(lang: str, entries: list[dict[str, Any]]) -> str:
    """Markdown of the glossary page in `lang`."""
    t = TEXT[lang]
    other = "ky" if lang == "ru" else "ru"
    terms = sorted((e for e in entries if not e[f"abbr_{lang}"]), key=lambda e: e[lang].lower())
    abbrs = sorted((e for e in entries if e[f"abbr_{lang}"]), key=lambda e: e[f"abbr_{lang}"].lower())
    out = [
        "---",
        f"title: {t['title']}",
        f"description: {t['description']}",
        "---",
        "",
        f"{GENERATED_MARK} by scripts/build_glossary.py from docs/includes/glossary.yml: edit the YAML, not this file. -->",
        "",
        f"# {t['title']} {{#glossary}}",
        "",
        t["intro"],
        "",
        f"## {t['terms']} {{#terms}}",
        "",
    ]

    def entry(e: dict[str, Any], head: str) -> list[str]:
        lines = [f"### {head} {{#{e['id']}}}", "", e[f"{lang}_definition"].strip(), ""]
        lines.append(f"{t['other']}: *{e[other]}*{{ lang={other} }}")
        avoid = e[f"avoid_{lang}"]
        if avoid:
            lines[-1] += "  "
            lines.append(f"{t['avoid']}: " + ", ".join(f"~~{term_shown(a)}~~" for a in avoid if not a.startswith(OK)))
        return lines + [""]

    for e in terms:
        out += entry(e, _cap(e[lang]))
    out += [f"## {t['abbrs']} {{#abbreviations}}", ""]
    for e in abbrs:
        out += entry(e, f"{e[f'abbr_{lang}']} — {e[lang]}")
    return "\n".join(out).rstrip() + "\n"


def outputs() -> dict[Path, str]:
    """Each generated page path with its expected content."""
    entries = glossary()
    validate(entries)
    return {DOCS / lang / "glossary.md": stamp(render(lang, entries)) for lang in LANGS}


SOURCE = "docs/includes/glossary.yml"


def hand_edits(outs: dict[Path, str]) -> list[str]:
    """Messages for glossary pages an editor changed by hand (their edit would be overwritten)."""
    return [hand_edit_message(p, line, SOURCE, "make glossary") for p, text in outs.items() if (line := hand_edit(p, text))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed pages are stale")
    ap.add_argument("--force", action="store_true", help="overwrite glossary pages even if edited by hand")
    args = ap.parse_args()
    try:
        outs = outputs()
    except ContentError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    edited = hand_edits(outs)
    if edited and not args.force:
        print("ERROR: " + "\nERROR: ".join(edited), file=sys.stderr)
        return 1
    stale = [p for p, text in outs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"ERROR: {p.relative_to(DOCS.parent)} is stale: run `make glossary` and commit it.", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(outs[p], encoding="utf-8")
        print(f"wrote {p.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
