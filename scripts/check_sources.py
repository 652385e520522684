"""Editors' checks of the Markdown sources, each problem with file, line and what to do.

Messages are in Russian; on Kyrgyz pages they are followed by the same in Kyrgyz.

- Terminology: forms the glossary (docs/includes/glossary.yml) marks as wrong or deprecated
  (`avoid_ru` in Russian pages, `avoid_ky` in Kyrgyz pages), as whole words, any case.
- Kyrgyz letters: inside Kyrgyz pages, a word mixing Cyrillic with Latin look-alikes
  (Latin o, y, a, e, c, p, x, k, m, t, h, b instead of Cyrillic), and a word written with Russian
  у/о/н where the glossary's term has ү/ө/ң (e.g. «тушунук» for «түшүнүк»). The second check
  only flags spellings of glossary words, so it never fires on a correct Kyrgyz word.

Usage: python -m scripts.check_sources   (exit 1 when anything is found)
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DOCS, ROOT, bilingual, glossary, split_front_matter  # noqa: E402

CYR = "А-Яа-яЁёҢңӨөҮү"
WORD = re.compile(rf"[{CYR}A-Za-z]+")
LATIN_LOOKALIKES = set("oyaecpxkmthbOYAECPXKMTHB")
TO_PLAIN = str.maketrans("үөңҮӨҢ", "уонУОН")


@dataclass(frozen=True)
class Finding:
    """One problem: where, and what to do."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


#: Text marked as the other language: «*анонимдүү*{ lang=ky }» (the Russian glossary gives the
#: Kyrgyz term) or an element with lang="ky", and struck-out rejected forms (~~полици…~~, on the
#: glossary pages): the Russian spelling check leaves them out.
KY_SPAN = re.compile(r"\*[^*\n]+\*\{\s*lang=ky\s*\}|<(\w+)[^>]*\blang=\"?ky\"?[^>]*>.*?</\1>|~~[^~\n]+~~")


def _lines(path: Path, keep_tables: bool = False, drop_ky: bool = False) -> list[tuple[int, str]]:
    """Prose lines with their numbers: front matter and code blocks left out, link targets and HTML
    tags removed (and, with `drop_ky`, text marked as Kyrgyz)."""
    text = path.read_text(encoding="utf-8")
    fm, body = split_front_matter(text)
    offset = text[: len(text) - len(body)].count("\n")
    out, fence = [], False
    for n, line in enumerate(body.splitlines(), offset + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if not fence:
            if drop_ky:
                line = KY_SPAN.sub(" ", line)
            out.append((n, re.sub(r"\]\([^)]*\)|`[^`]*`|\{[^}]*\}|https?://\S+|<[^>]+>", " ", line)))  # keeps table pipes
    return out


CELL = "cell:"
OK = "ok:"  # an allowed phrase containing a rejected form («ok:жер тилке»)


def avoid_pattern(bad: str, lang: str) -> re.Pattern[str]:
    """How a form the glossary rejects is found: as whole words, any case. A trailing `*` makes
    the last word a stem («полици*» finds «полиции»); in Kyrgyz the last word always takes
    suffixes («индикатор» finds «индикаторлордун»). `cell:` forms count only as a table cell's
    whole text («cell:жыйынтыгы» for a total row)."""
    if bad.startswith(CELL):
        return re.compile(rf"\|\s*(?:\*\*)?{re.escape(bad[len(CELL):].lower())}(?:\*\*)?\s*\|")
    stem = bad.endswith("*") or lang == "ky"
    body = re.escape(bad.rstrip("*").lower())
    return re.compile(rf"(?<![{CYR}\w]){body}" + (rf"[{CYR}\w-]*" if stem else rf"(?![{CYR}\w])"))


def terminology(path: Path, lang: str, entries: list[dict]) -> list[Finding]:
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    found = []
    rules = [(a.removeprefix(CELL).rstrip("*"), avoid_pattern(a, lang), e[lang], [o[len(OK):].lower() for o in e[f"avoid_{lang}"] if o.startswith(OK)])
             for e in entries for a in e[f"avoid_{lang}"] if not a.startswith(OK)]
    for n, line in _lines(path, keep_tables=True):
        low = line.lower()
        for bad, pattern, good, oks in rules:
            fine = [range(m.start(), m.end()) for ok in oks for m in re.finditer(re.escape(ok), low)]
            for m in pattern.finditer(low):
                if any(m.start() in r for r in fine):
                    continue  # a phrase the glossary allows («жер тилкеси», a land plot)
                if low.startswith(good.lower(), m.start()) or low.startswith(good.lower(), m.start() + (low[m.start()] == "|")):
                    continue  # the preferred term itself («анонимдүү» for the rejected «аноним»)
                word = m.group(0).strip(' |*')
                ru = f"«{word}»: на сайте так не пишут (глоссарий, «{bad}»); пишите «{good}»."
                found.append(Finding(rel, n, ru if lang == "ru" else bilingual(ru, f"«{word}»: сайтта минтип жазылбайт (глоссарий, «{bad}»); «{good}» деп жазыңыз.")))
                break
    return found


BOYS = re.compile(r"(?<!эркек )(?<![{0}\w])балдар[{0}\w]*".format(CYR))


def boys_meant(path: Path) -> list[Finding]:
    """«балдар» next to «кыздар» (a contrast or a data cell, «кыздар / балдар») reads "children":
    where boys are meant, Kyrgyz says «эркек балдар»."""
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    found = []
    for n, line in _lines(path, keep_tables=True):
        low = line.lower()
        for m in BOYS.finditer(low):
            before, after = low[max(0, m.start() - 25): m.start()], low[m.end(): m.end() + 25]
            girls = r"кыз(?:дар\w*|ы|ын|га)?(?!\w)"  # «кыздар», not «кызматкер»
            near = re.search(rf"{girls}\s*(?:/|,|жана|менен|же|ва|—|-)\s*$", before) or \
                re.match(rf"^\s*(?:/|,|жана|менен|же|—|-)\s*{girls}", after)
            if near:
                found.append(Finding(rel, n, bilingual(
                    f"«{m.group(0)}» рядом с «кыздар» читается как «дети»: если речь о мальчиках, пишите «эркек {m.group(0)}».",
                    f"«{m.group(0)}» «кыздар» менен катар жалпы эле балдар деп окулат: эркек балдар жөнүндө сөз болсо, «эркек {m.group(0)}» деп жазыңыз.")))
    return found


def kyrgyz_letters(path: Path, entries: list[dict]) -> list[Finding]:
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    # glossary words that carry ү/ө/ң, keyed by their spelling with Russian у/о/н instead
    special = {}
    for e in entries:
        for w in WORD.findall(e["ky"].lower()):
            if re.search("[үөң]", w) and len(w) >= 4:
                special.setdefault(w.translate(TO_PLAIN), w)
    found = []
    for n, line in _lines(path):
        for w in WORD.findall(line):
            has_cyr = re.search(f"[{CYR}]", w)
            latin = [c for c in w if c in LATIN_LOOKALIKES or ("a" <= c.lower() <= "z")]
            if has_cyr and latin:
                found.append(Finding(rel, n, bilingual(f"в слове «{w}» латинские буквы ({', '.join(sorted(set(latin)))}): наберите их кириллицей.",
                                                       f"«{w}» сөзүндө латын тамгалары бар ({', '.join(sorted(set(latin)))}): аларды кириллица менен кайра териңиз.")))
                continue
            low = w.lower()
            for stem_plain, right in special.items():
                if low.startswith(stem_plain) and not re.search("[үөң]", low[: len(right)]):
                    found.append(Finding(rel, n, bilingual(f"«{w}»: пишите «{right}…» кыргызскими буквами ү/ө/ң, а не русскими у/о/н.",
                                                           f"«{w}»: «{right}…» деп кыргыз тамгалары ү/ө/ң менен жазыңыз, орус у/о/н менен эмес.")))
                    break
    return found


def check(docs: Path = DOCS) -> list[Finding]:
    entries = glossary()
    out: list[Finding] = []
    for lang in ("ru", "ky"):
        for p in sorted((docs / lang).rglob("*.md")):
            if p.name == "glossary.md":
                continue  # the glossary lists the forms to avoid on purpose
            out += terminology(p, lang, entries)
            if lang == "ky":
                out += kyrgyz_letters(p, entries)
                out += boys_meant(p)
    return out


def report(findings: list[Finding], name: str) -> int:
    """Print one line per finding and a count; the exit code for the command."""
    for f in findings:
        print(f)
    print(f"{name}: {len(findings)} problem(s)")
    return 1 if findings else 0


def main() -> int:
    return report(check(), "check_sources")


if __name__ == "__main__":
    sys.exit(main())
