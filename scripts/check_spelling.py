"""Russian spelling check of the Russian pages with Hunspell (Debian's hunspell-ru dictionary).

Words the dictionary does not know but the project uses on purpose (Kyrgyz terms such as
«айыл өкмөтү», abbreviations, names, loanwords like «флипчарт») are listed one per line in
`.spelling-ru.txt`. A typo is reported with file, line and what to do.

Usage: python -m scripts.check_spelling   (exit 1 when a word is unknown)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.check_sources import WORD, Finding, _lines, report  # noqa: E402
from scripts.content import DOCS, ROOT  # noqa: E402

WORDLIST = ROOT / ".spelling-ru.txt"


def known_words() -> set[str]:
    if not WORDLIST.exists():
        return set()
    return {w.strip().lower() for w in WORDLIST.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}


def unknown(words: list[str]) -> set[str]:
    """Words Hunspell's Russian dictionary does not accept."""
    if not shutil.which("hunspell"):
        raise SystemExit("hunspell is not installed: run `make setup` (Debian packages hunspell, hunspell-ru).")
    r = subprocess.run(["hunspell", "-d", "ru_RU", "-l", "-i", "utf-8"], input="\n".join(words),
                       capture_output=True, text=True, check=True)
    return set(r.stdout.split())


def check(docs: Path = DOCS) -> list[Finding]:
    pages = [(p, _lines(p, drop_ky=True)) for p in sorted((docs / "ru").rglob("*.md"))]
    words = sorted({w for _, lines in pages for _, line in lines for w in WORD.findall(line)})
    known = known_words()
    bad = {w for w in unknown(words) if w.lower() not in known}
    out = []
    for p, lines in pages:
        rel = str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
        for n, line in lines:
            for w in WORD.findall(line):
                if w in bad:
                    out.append(Finding(rel, n, f"«{w}» is not in the Russian dictionary: fix the spelling, or add the word to .spelling-ru.txt if it is a term or a name."))
    return out


def main() -> int:
    return report(check(), "check_spelling")


if __name__ == "__main__":
    sys.exit(main())
