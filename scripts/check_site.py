"""Independent checks of the *built* HTML site (not of MkDocs' own link validation).

- Links: every internal `href`/`src` of every page resolves to a built file, and every
  `#fragment` to an element id in the target page, in both languages.
- Privacy/offline: no HTML, CSS or JS file loads a resource from another host (scripts, styles,
  fonts, images, frames, preloads). Links to sources inside the text are fine.

Usage: python -m scripts.check_site [SITE_DIR]   (exit 1 and one line per problem)
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parent.parent

#: URLs inside Material's JavaScript bundle that it loads only in situations this site never
#: creates; each has a test that keeps the situation impossible.
JS_CONDITIONAL_URLS = {
    # Loaded only when a page contains a Mermaid diagram; the site has none (diagrams are SVG).
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    # Loaded only by browsers without ResizeObserver (released before 2020).
    "https://unpkg.com/resize-observer-polyfill",
    # Repository statistics, fetched only when `repo_url` points to GitHub; the site sets none.
    "https://api.github.com/repos/",
    "https://api.github.com/users/",
    "https://${e}/api/v4/projects/",  # the same for GitLab
}

RESOURCE_ATTRS = {
    "script": "src", "img": "src", "iframe": "src", "audio": "src", "video": "src",
    "source": "src", "embed": "src", "track": "src", "object": "data", "input": "src",
}
RESOURCE_RELS = {"stylesheet", "preload", "prefetch", "icon", "shortcut", "apple-touch-icon",
                 "manifest", "modulepreload", "preconnect", "dns-prefetch", "mask-icon"}
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
JS_URL_RE = re.compile(r"""["'`](https?://[^"'`\s]*|//[a-z0-9.-]+\.[a-z]{2,}/[^"'`\s]*)""", re.I)


@dataclass(frozen=True)
class Problem:
    """One failed check: the built file, what is wrong."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def is_external(url: str) -> bool:
    """True for an absolute URL to another host (http, https, protocol-relative)."""
    u = url.strip().lower()
    return u.startswith(("http://", "https://", "//"))


@lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    tree = lxml.html.parse(str(path))
    ids = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")}
    ids |= {e.get("name") for e in tree.iter("a") if e.get("name")}
    return frozenset(ids)


def _target(site: Path, page: Path, url: str) -> Path | None:
    """The built file an internal URL points to, or None if there is none."""
    path = unquote(urlsplit(url).path)
    base = site if path.startswith("/") else page.parent
    t = (base / path.lstrip("/")).resolve() if path else page
    if t.is_dir():
        t = t / "index.html"
    return t if t.is_file() else None


def check_links(site: Path) -> list[Problem]:
    """Every internal href/src resolves, and every #fragment names an id in its target."""
    problems: list[Problem] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        tree = lxml.html.parse(str(page))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src"):
                url = el.get(attr)
                if url is None or el.tag in ("base",):
                    continue
                url = url.strip()
                if not url or is_external(url) or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
                    continue  # external links, mailto:, tel:, data:, javascript:
                target = _target(site, page, url)
                if target is None:
                    problems.append(Problem(rel, f"<{el.tag} {attr}=\"{url}\"> points to a file that was not built"))
                    continue
                frag = unquote(urldefrag(url).fragment)
                if frag and target.suffix == ".html" and frag not in _ids(target):
                    problems.append(Problem(rel, f"<{el.tag} {attr}=\"{url}\">: no id \"{frag}\" in {target.relative_to(site).as_posix()}"))
    return problems


def external_resources(site: Path) -> list[Problem]:
    """Resources (not plain links) that a built HTML, CSS or JS file loads from another host."""
    problems: list[Problem] = []
    for f in sorted(site.rglob("*")):
        rel = f.relative_to(site).as_posix()
        if f.suffix == ".html":
            tree = lxml.html.parse(str(f))
            for el in tree.iter():
                if not isinstance(el.tag, str):
                    continue
                attr = RESOURCE_ATTRS.get(el.tag)
                urls = [el.get(attr)] if attr and el.get(attr) else []
                if el.tag == "link" and RESOURCE_RELS & set((el.get("rel") or "").lower().split()):
                    urls.append(el.get("href") or "")
                for s in (el.get("srcset") or "").split(","):
                    if s.strip():
                        urls.append(s.split()[0])
                css = el.get("style") or (el.text if el.tag == "style" else "") or ""
                urls += [a or b for a, b in CSS_URL_RE.findall(CSS_COMMENT_RE.sub("", css))]
                problems += [Problem(rel, f"<{el.tag}> loads {u} from another host") for u in urls if is_external(u)]
        elif f.suffix == ".css":
            css = CSS_COMMENT_RE.sub("", f.read_text(encoding="utf-8", errors="replace"))
            for a, b in CSS_URL_RE.findall(css):
                if is_external(a or b):
                    problems.append(Problem(rel, f"CSS loads {a or b} from another host"))
        elif f.suffix == ".js":
            js = CSS_COMMENT_RE.sub("", f.read_text(encoding="utf-8", errors="replace"))
            for u in JS_URL_RE.findall(js):
                if not any(u.startswith(ok) for ok in JS_CONDITIONAL_URLS):
                    problems.append(Problem(rel, f"JavaScript refers to {u} on another host"))
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default=str(ROOT / "site"), help="built site folder")
    args = ap.parse_args()
    site = Path(args.site)
    problems = check_links(site) + external_resources(site)
    for p in problems:
        print(p)
    print(f"check_site: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
