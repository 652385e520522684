"""Make the site's web fonts: one WOFF2 file per face (Roboto 400/700, upright and italic; Roboto
Mono 400) with the characters of Russian and Kyrgyz text, written to docs/assets/fonts/ together
with docs/assets/stylesheets/fonts.css. Run `make fonts` after changing CHARS or the sources.

The sources are the @fontsource/roboto 5.3.0 subsets in scripts/fonts/ (latin, cyrillic,
cyrillic-ext: SIL OFL 1.1). As shipped, a Kyrgyz page downloaded all three subsets of each face,
115 KB, although cyrillic-ext served only ң ө ү. One merged file per face, cut to CHARS, is about
23 KB: half the bytes and three requests fewer on a slow connection (Lighthouse, mobile: the
fonts are on the path to the first drawing of the text). The output is deterministic, so the
files are committed, and tests/test_site.py checks that they are what this script makes and
that they carry every character the built pages use.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "fonts"
OUT = ROOT / "docs" / "assets" / "fonts"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
FAMILIES = {"roboto": "Roboto", "roboto-mono": "Roboto Mono"}

# Basic Latin and Latin-1; Russian Cyrillic with Ґґ Ўў; the Kyrgyz letters Ңң Өө Үү (and Ұұ, which
# Kazakh-trained keyboards type for Ү); typographic punctuation, ‰ ′ ″, €, №, ™, arrows, −, ✓.
CHARS = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x400, 0x460), 0x490, 0x491, 0x40E, 0x45E,
     0x4A2, 0x4A3, 0x4AE, 0x4AF, 0x4B0, 0x4B1, 0x4E8, 0x4E9, *range(0x2010, 0x2028), *range(0x2030, 0x203B),
     0x20AC, 0x2116, 0x2122, *range(0x2190, 0x2194), 0x2212, 0x2713, 0xFEFF, 0xFFFD]
)

CSS_HEAD = """/* Self-hosted fonts (SIL OFL 1.1, see ../fonts/OFL-Roboto.txt), made by scripts/build_fonts.py
   from the @fontsource/roboto 5.3.0 subsets: one file per face with the characters of Russian and
   Kyrgyz text (ң ө ү included), about 23 KB each. No third-party host.
   No light (300) face: Material's light headings use the regular face.
   font-display: optional: on a slow connection the page stays in the system font instead of
   jumping when Roboto arrives (the jump moved whole paragraphs: Lighthouse CLS 0.17); the font,
   once cached, is used from the next page on. */
"""


def faces() -> dict[tuple[str, str, str], list[Path]]:
    """(family, weight, style) of every face in the sources, with its subset files."""
    out: dict[tuple[str, str, str], list[Path]] = {}
    for f in sorted(SOURCES.glob("*.woff2")):
        m = re.fullmatch(r"(roboto(?:-mono)?)-(latin|cyrillic-ext|cyrillic)-(\d+)-(normal|italic)\.woff2", f.name)
        if m:
            out.setdefault((m[1], m[3], m[4]), []).append(f)
    return out


def make_face(files: list[Path]) -> bytes:
    """One face's subsets merged (latin first: its names and metrics win), cut to CHARS, as WOFF2."""
    merged = Merger().merge([str(f) for f in sorted(files, key=lambda f: ("-latin-" not in f.name, f.name))])
    merged.recalcTimestamp = False  # keep the sources' dates: the same input gives the same bytes
    buf = io.BytesIO()
    merged.save(buf)
    font = TTFont(io.BytesIO(buf.getvalue()), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # kerning, ligatures and the rest, as in the sources
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=CHARS)
    cutter.subset(font)
    source = TTFont(str(files[0]))["head"]
    font["head"].created, font["head"].modified = source.created, source.modified  # not today's date
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_name(family: str, weight: str, style: str) -> str:
    return f"{family}-{weight}-{style}.woff2"


def build(out: Path = OUT, css: Path = CSS) -> list[Path]:
    """Write every face and the stylesheet that declares them; return the font files."""
    out.mkdir(parents=True, exist_ok=True)
    written, rules = [], [CSS_HEAD]
    for (family, weight, style), files in sorted(faces().items(), key=lambda f: (f[0][0], f[0][1], f[0][2] != "normal")):
        dst = out / font_name(family, weight, style)
        dst.write_bytes(make_face(files))
        written.append(dst)
        rules.append(
            f"\n@font-face {{\n  font-family: '{FAMILIES[family]}';\n  font-style: {style};\n  font-weight: {weight};\n"
            f"  font-display: optional;\n  src: url('../fonts/{dst.name}') format('woff2');\n}}\n"
        )
    rules.append("\n:root {\n  --md-text-font: 'Roboto';\n  --md-code-font: 'Roboto Mono';\n}\n")  # Material's font variables
    css.write_text("".join(rules), encoding="utf-8")
    return written


def main() -> int:
    for f in build():
        print(f"fonts: {f.relative_to(ROOT)} {f.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
