"""Editors' checks of the Markdown sources, each problem with file, line and what to do.

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
from scripts.content import DOCS, ROOT, glossary, split_front_matter  # noqa: E402

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


def _lines(path: Path) -> list[tuple[int, str]]:
    """Prose lines with their numbers: front matter and code blocks left out, link targets removed."""
    text = path.read_text(encoding="utf-8")
    fm, body = split_front_matter(text)
    offset = text[: len(text) - len(body)].count("\n")
    out, fence = [], False
    for n, line in enumerate(body.splitlines(), offset + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if not fence:
            out.append((n, re.sub(r"\]\([^)]*\)|`[^`]*`|\{[^}]*\}|https?://\S+", " ", line)))
    return out


def terminology(path: Path, lang: str, entries: list[dict]) -> list[Finding]:
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    found = []
    rules = [(a, e[lang]) for e in entries for a in e[f"avoid_{lang}"]]
    for n, line in _lines(path):
        low = line.lower()
        for bad, good in rules:
            if re.search(rf"(?<![{CYR}\w]){re.escape(bad.lower())}(?![{CYR}\w])", low):
                found.append(Finding(rel, n, f"«{bad}» is not used on this site (glossary); write «{good}»."))
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
                found.append(Finding(rel, n, f"«{w}» mixes Latin letters {sorted(set(latin))} into a Cyrillic word; retype them in Cyrillic."))
                continue
            low = w.lower()
            for stem_plain, right in special.items():
                if low.startswith(stem_plain) and not re.search("[үөң]", low[: len(right)]):
                    found.append(Finding(rel, n, f"«{w}»: write «{right}…» with the Kyrgyz letters ү/ө/ң, not Russian у/о/н."))
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
