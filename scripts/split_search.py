"""Split the search index per language, after the HTML build.

mkdocs-static-i18n with Material writes one `search/search_index.json` holding both languages,
so Kyrgyz readers got Russian results and everybody downloaded both languages. This writes
`search/search_index.json` with the Russian pages only and `ky/search/search_index.json` with the
Kyrgyz pages only (locations relative to /ky/, which overrides/main.html makes the search base
on Kyrgyz pages), declaring lang ["ky"] so Material's search worker loads our Kyrgyz stemmer
(docs/assets/javascripts/lunr/min/lunr.ky.min.js). Next to each it writes `search_index.js`
(`var __index = …`), which Material loads instead when the site is opened from file:// — the
offline step of Material's offline plugin, done here because the plugin knows one index only.

Usage: python -m scripts.split_search [SITE_DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def with_parents(docs: list[dict]) -> list[dict]:
    """Add a page entry wherever only section entries ("page/#id") exist.

    Material groups results under their page's entry; without it a result shows as an empty
    link to "undefined" (seen for the Kyrgyz glossary, whose page entry the i18n merge drops).
    """
    pages = {d["location"] for d in docs if "#" not in d["location"]}
    out: list[dict] = []
    for d in docs:
        page = d["location"].split("#", 1)[0]
        if "#" in d["location"] and page not in pages:
            pages.add(page)
            out.append({"location": page, "title": d["title"], "text": ""})
        out.append(d)
    return out


def split(site: Path) -> dict[str, int]:
    """Rewrite both indexes; return the number of entries per language."""
    src = site / "search" / "search_index.json"
    index = json.loads(src.read_text(encoding="utf-8"))
    ru = [d for d in index["docs"] if not d["location"].startswith("ky/")]
    ky = with_parents([{**d, "location": d["location"][3:]} for d in index["docs"] if d["location"].startswith("ky/")])
    ru = with_parents(ru)
    if not ky or not ru:
        raise SystemExit(f"{src}: expected pages of both languages, found ru={len(ru)} ky={len(ky)}")
    ru_cfg = {**index["config"], "lang": ["ru"]}
    ky_cfg = {**index["config"], "lang": ["ky"], "pipeline": ["trimmer", "stopWordFilter", "stemmer"]}
    for out, data in ((src, {"config": ru_cfg, "docs": ru}), (site / "ky" / "search" / "search_index.json", {"config": ky_cfg, "docs": ky})):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        out.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
    return {"ru": len(ru), "ky": len(ky)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default=str(ROOT / "site"))
    counts = split(Path(ap.parse_args().site))
    print(f"search: {counts['ru']} ru and {counts['ky']} ky index entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
