"""The PDF build's three patches into its dependencies' internals, in one place.

Each one names what it fixes and the exact version of the package it was written for; it checks
the installed version before it touches anything and stops with an error naming the patch when
the version differs (then: re-read the dependency's code, re-measure, update the version here).

- `renumber_footer` (WeasyPrint 70.0): a chapter's own PDF, cut from the laid-out book, gets its
  own page numbers («Страница 2 из 5») without laying the chapter out again.
- `cache_page_references` (pydyf 0.13.0): pydyf rebuilds the tuple of all page references each
  time one is asked for, and a tagged PDF asks once per structure element: quadratic in pages.
- `page_name` (WeasyPrint 70.0): the CSS named page (`page: certificate`) a laid-out page got,
  read from the page box, so that a certificate's own PDF holds its sheet alone.
- `sized_arrays_by_length` (WeasyPrint 70.0 with cffi 2.1.1): cffi runs its C parser for every
  new array length WeasyPrint asks for (`hb_codepoint_t[708]`), about 0.2 s a book.
"""
from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

#: patch -> {distribution: version it was written for}
WRITTEN_FOR: dict[str, dict[str, str]] = {
    "renumber_footer": {"weasyprint": "70.0"},
    "cache_page_references": {"pydyf": "0.13.0"},
    "sized_arrays_by_length": {"weasyprint": "70.0", "cffi": "2.1.1"},
    "page_name": {"weasyprint": "70.0"},
}


class PatchVersionError(RuntimeError):
    """An installed dependency is not the version a patch was written for."""


def require(patch: str) -> None:
    """Stop, naming the patch, when an installed package differs from the version it was written for."""
    for dist, want in WRITTEN_FOR[patch].items():
        have = version(dist)
        if have != want:
            raise PatchVersionError(
                f"scripts/pdf_patches.py: patch '{patch}' was written for {dist} {want}, but {dist} {have} is installed. "
                f"Read {dist}'s code the patch relies on, check the PDFs and the timings, then update WRITTEN_FOR.")


def renumber_footer(page: Any, text: str) -> bool:
    """Replace the laid-out footer text of a page («Страница 12 из 97») by `text`, centred as
    before: the one text box of the `@bottom-center` margin box gets a new Pango layout.
    Returns False when the page has no such footer."""
    require("renumber_footer")
    from weasyprint.formatting_structure.boxes import TextBox
    from weasyprint.text.line_break import create_layout, line_size

    for margin in page._page_box.children[1:]:
        if getattr(margin, "at_keyword", None) != "@bottom-center":
            continue
        for line in margin.children:
            for box in line.children:
                if isinstance(box, TextBox):
                    layout = create_layout(text, box.style, None, None, 0)
                    width = line_size(layout.get_first_line()[0], box.style)[0]
                    shift = (box.width - width) / 2
                    box.text, box.pango_layout, box.width = text, layout, width
                    box.position_x += shift
                    line.position_x += shift
                    line.width = width
                    return True
    return False


def page_name(page: Any) -> str:
    """The named page (CSS `page:`) of a laid-out WeasyPrint page; "" for the default page."""
    require("page_name")
    return page._page_box.page_type.name or ""


def cache_page_references() -> None:
    """Keep pydyf's tuple of page references until a page is added (the same bytes are written)."""
    require("cache_page_references")
    import pydyf

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        cached = pdf.__dict__.get("_page_references")
        if cached is None or len(cached) * 3 != len(kids):
            cached = pdf._page_references = tuple(f"{n} 0 R".encode("ascii") for n in kids[::3])
        return cached

    pydyf.PDF.page_references = property(page_references)


def sized_arrays_by_length() -> None:
    """Make WeasyPrint's `T[n]` arrays as `T[]` of length n, which cffi parses once."""
    require("sized_arrays_by_length")
    from weasyprint.text.ffi import ffi

    if getattr(ffi.new, "_by_length", False):
        return
    new = ffi.new
    sized = re.compile(r"(\w[\w ]*)\[(\d+)\]")

    def new_array(cdecl: str, init: Any = None) -> Any:
        m = sized.fullmatch(cdecl)
        if m is None or (init is not None and len(init) != int(m[2])):
            return new(cdecl, init)
        return new(m[1] + "[]", int(m[2]) if init is None else init)

    new_array._by_length = True  # type: ignore[attr-defined]
    ffi.new = new_array
