"""Pack the built site into one ZIP per language, for reading without internet.

Trainers travel to villages without a connection: each ZIP holds one language's pages, its PDFs,
its search index (with the `search_index.js` that makes search work from file://) and the shared
assets, under one folder (`gender-guides-ru/`, `gender-guides-ky/`). Inside the ZIP the language
switcher drops the other language and links to the other language's pages become plain text, so
that no link in the copy leads nowhere. The Kyrgyz ZIP gets a start page at its root that opens
`ky/index.html`. Afterwards the downloads page of each language (paragraph `{#offline-copy}`)
links its ZIP with the size; inside the ZIP that paragraph says the reader has the copy already.

Runs after scripts/build_pdfs.py (the PDFs go into the ZIPs). Output: site/offline/gender-guides-ru.zip
and site/ky/offline/gender-guides-ky.zip.

Usage: python -m scripts.build_offline [SITE_DIR]
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DEFAULT_LANG, LANGS, ROOT, built_html  # noqa: E402

NAME = "gender-guides-{lang}"
SKIP = {"404.html", "sitemap.xml", "sitemap.xml.gz"}  # for web servers only
WORDS = {
    "ru": {"link": "Скачать весь сайт на русском языке одним архивом (ZIP, с PDF)",
           "inside": "Вы читаете копию сайта из архива: она работает без интернета. Новые версии — на сайте."},
    "ky": {"link": "Кыргызча сайтты толугу менен бир архив катары жүктөп алуу (ZIP, PDF менен)",
           "inside": "Сиз сайттын архивдеги көчүрмөсүн окуп жатасыз: ал интернетсиз иштейт. Жаңы версиялары — сайтта."},
}
MARK_RE = re.compile(r'<p id="offline-copy">.*?</p>|<div id="offline-copy">.*?</div>', re.S)


class OfflineBuildError(RuntimeError):
    """The built site lacks something the ZIPs need; the message says what."""


def zip_path(site: Path, lang: str) -> Path:
    return (site if lang == DEFAULT_LANG else site / lang) / "offline" / (NAME.format(lang=lang) + ".zip")


def members(site: Path, lang: str) -> list[Path]:
    """Files of one language's copy: its pages, images, PDFs and search index, plus assets/."""
    others = [site / other for other in LANGS if other != DEFAULT_LANG]
    offline = {zip_path(site, other).parent for other in LANGS}
    out = []
    for f in sorted(site.rglob("*")):
        if not f.is_file() or f.name in SKIP or any(f.is_relative_to(d) for d in offline):
            continue
        if f.is_relative_to(site / "assets") or (
                f.is_relative_to(site / lang) if lang != DEFAULT_LANG else not any(f.is_relative_to(d) for d in others)):
            out.append(f)
    return out


def localize(text: str, lang: str) -> str:
    """The copy of one page for a one-language ZIP: no links into the other language."""
    other = "|".join(re.escape(x) for x in LANGS if x != lang)
    text = re.sub(rf'\s*<li class="md-select__item">\s*<a [^>]*hreflang="(?:{other})"[^>]*>.*?</a>\s*</li>', "", text, flags=re.S)
    text = re.sub(rf'<a [^>]*hreflang="(?:{other})"[^>]*>(.*?)</a>', r"\1", text, flags=re.S)
    return MARK_RE.sub(f'<p id="offline-copy"><strong>{html.escape(WORDS[lang]["inside"])}</strong></p>', text)


def start_page(lang: str) -> str:
    """Root index.html of a ZIP whose pages live under <lang>/: opens them at once."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={lang}/index.html"><title>{NAME.format(lang=lang)}</title></head>'
            f'<body><p><a href="{lang}/index.html">{lang}/index.html</a></p></body></html>')


def build_zip(site: Path, lang: str) -> Path:
    top = NAME.format(lang=lang)
    out = zip_path(site, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for f in members(site, lang):
            arc = f"{top}/{f.relative_to(site).as_posix()}"
            if f.suffix == ".html":
                z.writestr(arc, localize(f.read_text(encoding="utf-8"), lang))
            elif f.suffix in (".pdf", ".woff2", ".png", ".jpg", ".gz"):
                z.write(f, arc, compress_type=zipfile.ZIP_STORED)  # already compressed
            else:
                z.write(f, arc)
        if lang != DEFAULT_LANG:
            z.writestr(f"{top}/index.html", start_page(lang))
    tmp.replace(out)
    return out


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} МБ".replace(".", ",")


def link_from_downloads(site: Path, lang: str, zipfile_: Path) -> None:
    page = built_html(site, lang, "downloads.md")
    text = page.read_text(encoding="utf-8")
    rel = zipfile_.relative_to(page.parent).as_posix()
    new, n = MARK_RE.subn(
        f'<p id="offline-copy"><a class="md-button md-button--primary" href="{rel}" download>{html.escape(WORDS[lang]["link"])}</a> '
        f"{human_size(zipfile_.stat().st_size)}</p>", text)
    if n != 1:
        raise OfflineBuildError(f"docs/{lang}/downloads.md: needs one paragraph marked {{#offline-copy}} for the ZIP link")
    page.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default=str(ROOT / "site"))
    site = Path(ap.parse_args().site)
    start = time.perf_counter()
    try:
        for lang in LANGS:
            if not (built_html(site, lang, "index.md").is_file() and (site / "search" / "search_index.js").is_file()):
                raise OfflineBuildError(f"{site}: build the site first (make site)")
        zips = {lang: build_zip(site, lang) for lang in LANGS}
        for lang, z in zips.items():
            link_from_downloads(site, lang, z)
    except OfflineBuildError as exc:
        print(f"offline build failed: {exc}", file=sys.stderr)
        return 1
    sizes = ", ".join(f"{z.relative_to(site)} {z.stat().st_size / 1e6:.1f} MB" for z in zips.values())
    print(f"offline: {sizes} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
