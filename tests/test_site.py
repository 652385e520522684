"""Promises about the built site: every page in both languages, Kyrgyz interface on Kyrgyz pages,
working links and anchors, a language switcher to the same page, nothing from other hosts."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from scripts import check_site, content
from scripts.content import DOCS, ROOT

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
KY_UI = ROOT / "overrides" / "partials" / "languages" / "ky.html"
KEY_RE = re.compile(r'^\s*"([^"]+)":\s*"(.*)",?\s*$', re.M)


def ui_strings(path: Path) -> dict[str, str]:
    return dict(KEY_RE.findall(path.read_text(encoding="utf-8")))


def built(site: Path, src: Path) -> Path:
    """The built HTML file of a Markdown source."""
    lang, *rest = src.relative_to(DOCS).parts
    return content.built_html(site, lang, "/".join(rest))


def h1(path: Path) -> str:
    tree = lxml.html.parse(str(path))
    return " ".join(tree.xpath("string(//article//h1)").split())


@pytest.mark.parametrize("lang", content.LANGS)
def test_every_source_page_is_built(site, lang):
    missing = [str(p.relative_to(DOCS)) for p in content.pages(lang) if not built(site, p).is_file()]
    assert not missing, f"pages not in the built site: {missing}"


def test_kyrgyz_pages_are_kyrgyz_not_the_russian_fallback(site):
    for src in content.pages("ky"):
        page = built(site, src)
        tree = lxml.html.parse(str(page))
        assert tree.getroot().get("lang") == "ky", f"{page}: <html lang> is not ky"
        meta, body = content.parse_page(src)
        want = next(h.text for h in content.headings(body) if h.level == 1)
        assert h1(page) == " ".join(re.sub(r"[*_`]", "", want).split()), (
            f"{page} does not show the H1 of {src}: the Kyrgyz page is missing or replaced by Russian"
        )


def test_kyrgyz_ui_translates_every_material_key():
    en, ky = ui_strings(MATERIAL / "en.html"), ui_strings(KY_UI)
    assert set(en) - set(ky) == set(), f"keys missing in {KY_UI}: {sorted(set(en) - set(ky))}"
    assert set(ky) - set(en) == set(), f"keys unknown to Material in {KY_UI}: {sorted(set(ky) - set(en))}"
    assert ky["language"] == "ky"
    untranslated = [k for k, v in ky.items() if v == en[k] and re.search(r"[A-Za-z]{3}", v) and not k.startswith("search.config") and k != "direction"]
    assert not untranslated, f"English left in {KY_UI}: {untranslated}"


def chrome_text(page: Path) -> str:
    """Interface text of a built page: everything but the article, plus attributes people hear/see."""
    tree = lxml.html.parse(str(page))
    for art in tree.xpath("//article"):
        art.getparent().remove(art)
    attrs = " ".join(v for e in tree.iter() if isinstance(e.tag, str) for k, v in e.attrib.items() if k in ("aria-label", "title", "placeholder", "alt"))
    cfg = " ".join(tree.xpath("//script[@id='__config']/text()"))
    return " ".join(tree.xpath("//body//text()[not(ancestor::script)]")) + " " + attrs + " " + cfg


def test_no_english_or_russian_interface_text_on_kyrgyz_pages(site):
    ky = ui_strings(KY_UI)
    foreign = set()
    for other in ("en", "ru"):
        for k, v in ui_strings(MATERIAL / f"{other}.html").items():
            if k.startswith("search.config") or k in ("language", "direction") or v == ky.get(k):
                continue
            if len(v.replace("#", "").strip()) >= 4:
                foreign.add(v.replace("#", "").strip())
    pages = content.built_pages(site, "ky")[:7]
    for page in pages:
        text = chrome_text(page)
        found = sorted(s for s in foreign if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text))
        assert not found, f"{page}: interface text not in Kyrgyz: {found}"


def test_internal_links_and_anchors_resolve(site):
    problems = check_site.check_links(site)
    assert not problems, "\n".join(map(str, problems[:30]))


def test_site_loads_nothing_from_other_hosts(site):
    problems = check_site.external_resources(site)
    assert not problems, "\n".join(map(str, problems[:30]))


def test_the_external_resource_scan_catches_a_cdn(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.org/x.js"></script></head><body>'
        '<a href="https://cbd.minjust.gov.kg">source</a></body></html>', encoding="utf-8")
    (tmp_path / "a.css").write_text("@import 'https://cdn.example.org/a.css'; /* https://ok.org */", encoding="utf-8")
    msgs = [p.message for p in check_site.external_resources(tmp_path)]
    assert len(msgs) == 3, msgs


def test_the_link_check_catches_a_broken_anchor(tmp_path):
    (tmp_path / "index.html").write_text('<a href="b/#nope">x</a><a href="c.html">y</a>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="yes">t</h2>', encoding="utf-8")
    assert len(check_site.check_links(tmp_path)) == 2


def test_no_page_contains_a_mermaid_diagram(site):
    """Material would fetch Mermaid from a CDN for such a page (see check_site.JS_CONDITIONAL_URLS)."""
    bad = [str(p) for p in site.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert not bad


@pytest.mark.parametrize("lang", content.LANGS)
def test_language_switcher_leads_to_the_same_page(site, lang):
    pages = [built(site, p) for p in content.pages(lang)]
    for page in pages:
        tree = lxml.html.parse(str(page))
        links = {a.get("hreflang"): a.get("href") for a in tree.xpath("//a[@hreflang]")}
        assert set(links) == {"ru", "ky"}, f"{page}: language switcher has {sorted(links)}"
        rel = page.relative_to(site if lang == "ru" else site / "ky").as_posix()
        for target_lang, href in links.items():
            target = check_site._target(site, page, href)
            want = (site if target_lang == "ru" else site / "ky") / rel
            assert target == want.resolve(), f"{page}: {target_lang} switcher goes to {href}, not the same page"


def test_fonts_are_self_hosted_and_carry_kyrgyz_letters(site):
    css = (site / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    files = re.findall(r"url\('\.\./fonts/([^']+)'\)", css)
    assert files and all((site / "assets" / "fonts" / f).is_file() for f in files)
    for f in files:
        cmap = TTFont(site / "assets" / "fonts" / f).getBestCmap()
        assert all(ord(c) in cmap for c in "ңөүҢӨҮ"), f"{f} lacks Kyrgyz letters: they would fall back to another font"
    assert len(files) == len(set(files)) == css.count("@font-face"), "one file per face (scripts/build_fonts.py)"
    home = (site / "ky" / "index.html").read_text(encoding="utf-8")
    assert "fonts.css" in home and "fonts.googleapis" not in home


def test_web_fonts_are_what_the_font_script_makes(tmp_path):
    """docs/assets/fonts/ and fonts.css are committed output of scripts/build_fonts.py: remade from
    scripts/fonts/, they come out byte for byte the same (run `make fonts` after a change)."""
    from scripts import build_fonts

    made = build_fonts.build(tmp_path / "fonts", tmp_path / "fonts.css")
    for f in made:
        committed = build_fonts.OUT / f.name
        assert committed.is_file() and committed.read_bytes() == f.read_bytes(), f"{committed}: out of date, run `make fonts`"
    assert (tmp_path / "fonts.css").read_text(encoding="utf-8") == build_fonts.CSS.read_text(encoding="utf-8"), (
        "docs/assets/stylesheets/fonts.css: out of date, run `make fonts`")
    shipped = {f.name for f in build_fonts.OUT.glob("*.woff2")}
    assert shipped == {f.name for f in made}, f"docs/assets/fonts/: files no face uses: {shipped - {f.name for f in made}}"


def test_web_fonts_carry_every_letter_the_pages_use(site):
    """Every character of the built pages' text that Roboto has is in the site's cut of it
    (scripts/build_fonts.py, CHARS): a new letter in the text would otherwise be drawn in another
    font. Characters Roboto lacks altogether (☐, ≈) fall back as they always did."""
    from scripts import build_fonts

    web = set()
    for f in (site / "assets" / "fonts").glob("roboto-[0-9]*.woff2"):
        web |= set(TTFont(f).getBestCmap())
    roboto = set()
    for files in build_fonts.faces().values():
        for f in files:
            if f.name.startswith("roboto-") and not f.name.startswith("roboto-mono"):
                roboto |= set(TTFont(f).getBestCmap())
    missing: dict[str, str] = {}
    for lang in content.LANGS:
        for page in content.built_pages(site, lang):
            text = lxml.html.parse(str(page)).getroot().text_content()
            for c in set(text) - missing.keys():
                if ord(c) in roboto and ord(c) not in web and not c.isspace():
                    missing[c] = str(page.relative_to(site))
    assert not missing, "letters missing from the web font (add them to CHARS in scripts/build_fonts.py): " + ", ".join(
        f"{c!r} U+{ord(c):04X} in {p}" for c, p in sorted(missing.items()))


def test_abbreviations_expand_in_the_page_language(site):
    for lang in content.LANGS:
        abbrs = content.abbreviations(lang)
        base = site if lang == "ru" else site / "ky"
        seen = {}
        for page in content.built_pages(site, lang):
            for a in lxml.html.parse(str(page)).xpath("//abbr"):
                seen[a.text] = a.get("title")
        assert seen, f"no <abbr> on any {lang} page"
        for text, title in seen.items():
            assert abbrs.get(text) == title, f"{lang}: <abbr>{text}</abbr> expands to {title!r}"


def test_the_404_page_is_russian_with_a_kyrgyz_part_and_links_both_homes(site):
    """One 404 page serves the whole site: Russian chrome (not the last language built), the
    message in both languages, both home pages linked, the search dialog named."""
    root = lxml.html.parse(str(site / "404.html")).getroot()
    assert root.get("lang") == "ru"
    assert root.xpath("//*[@lang='ky']//h2") and "Страница не найдена" in root.xpath("string(//article//h1)")
    hrefs = {a.get("href") for a in root.xpath("//article//a")}
    assert {"/index.html", "/ky/index.html"} <= hrefs, hrefs
    assert root.xpath("//div[@role='dialog'][@aria-label='Поиск']")


@pytest.mark.parametrize("lang", content.LANGS)
def test_test_options_stand_one_per_line_with_a_box_to_tick(site, lang):
    """The pre/post test is printed and filled in by pen: each answer option is its own line with
    a box (a task-list item), not four options run together in one paragraph."""
    root = lxml.html.parse(str(content.built_html(site, lang, "trainer-manual/pre-post-test.md"))).getroot()
    options = [" ".join(li.text_content().split()) for li in root.xpath("//article//li[contains(@class,'task-list-item')]")]
    assert len(options) >= 40 and all(re.match(r"^[абвг]\) ", o) for o in options), options[:6]
    run_together = [p.text_content()[:60] for p in root.xpath("//article//p") if re.search(r"(?m)^[абвг]\) .*\n[абвг]\) ", p.text_content())]
    assert not run_together, run_together
