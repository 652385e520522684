"""The register of legal facts (docs/includes/legal-facts.yml) and the check of every page against it.

Pages state legal specifics in ordinary Markdown. This module finds them in the sources of both
languages — act numbers («№ 63»), dates of acts, article numbers («статья 24», «24-берене»),
time limits and quota percentages in legal sentences, phone numbers of services — and ties each
to a register entry by what the same line (or section) names. A specific the register does not
have, a date or title that differs from it, a wording the register marks as wrong, a repealed
rule stated as current, or an unverified one stated without "check" fails the build
(scripts/mkdocs_hooks.py) and `make check`, with file, line and what to do, in Russian (on Kyrgyz pages followed by the same in Kyrgyz).

The same scan gives, for every page, the facts it states: the hooks put "правовая информация
проверена: <date>" under its title and build the page «Изменения законодательства».

Usage: python -m scripts.legal_facts   (exit 1 on problems; stale facts are printed as warnings)
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.content import DOCS, LANGS, ROOT, ContentError, bilingual, split_front_matter  # noqa: E402

REGISTER_YML = DOCS / "includes" / "legal-facts.yml"
REGISTER_NAME = "docs/includes/legal-facts.yml"

KINDS = {"law", "code", "decree", "order", "international", "rule", "phone", "fact"}
STATUSES = {"current", "repealed", "replaced", "unverified", "draft"}
HISTORIC = {"repealed", "replaced"}
CONFIDENCE = {"S", "S2", "I", "NF"}
REQUIRED = ("key", "kind", "status", "ru", "ky", "source", "confidence", "checked")
OPTIONAL = ("title_ru", "title_ky", "number", "date", "dates", "articles", "durations", "percents",
            "names_ru", "names_ky", "avoid_ru", "avoid_ky", "says_ru", "says_ky", "source_kind",
            "updated", "change_ru", "change_ky", "changed_on")
UNITS = {"h", "d", "w", "m", "y"}
DURATION_RE = re.compile(r"^(\d+)(?:-(\d+))?([hdwmy])$")

# --- the register -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One register entry (see the comment at the top of docs/includes/legal-facts.yml)."""

    key: str
    kind: str
    status: str
    name: dict[str, str]
    title: dict[str, str]
    number: str
    dates: frozenset[dt.date]
    articles: frozenset[str]
    durations: frozenset[str]
    percents: frozenset[str]
    names: dict[str, tuple[re.Pattern[str], ...]]
    avoid: dict[str, tuple[str, ...]]
    says: dict[str, str]
    source: str
    confidence: str
    checked: dt.date
    updated: dt.date | None
    change: dict[str, str]
    changed_on: dt.date | None
    line: int

    @property
    def historic(self) -> bool:
        return self.status in HISTORIC


@dataclass(frozen=True)
class Register:
    """The register: its edition dates, review period and facts."""

    edition: dt.date
    previous_edition: dt.date
    review_months: int
    facts: tuple[Fact, ...]

    def by_key(self) -> dict[str, Fact]:
        return {f.key: f for f in self.facts}


def _date(value: Any, where: str, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(f"{where}: поле {name}: «{value}» — не дата. Пишите ГГГГ-ММ-ДД, например 2026-12-07.") from None


def _strs(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _fact(e: Any, line: int) -> Fact:
    where = f"{REGISTER_NAME}:{line}"
    if not isinstance(e, dict):
        raise ContentError(f"{where}: запись реестра должна быть словарём полей (key: …, kind: …).")
    where = f"{where} ({e.get('key', '?')})"
    missing = [k for k in REQUIRED if not e.get(k)]
    if missing:
        raise ContentError(f"{where}: нет обязательных полей {', '.join(missing)}. Добавьте их (описание полей — в начале файла).")
    unknown = sorted(set(e) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ContentError(f"{where}: неизвестные поля {', '.join(unknown)}. Допустимые поля описаны в начале файла.")
    for name, allowed in (("kind", KINDS), ("status", STATUSES), ("confidence", CONFIDENCE)):
        if str(e[name]) not in allowed:
            raise ContentError(f"{where}: {name}: «{e[name]}» — допустимо: {', '.join(sorted(allowed))}.")
    for d in _strs(e.get("durations")):
        if not DURATION_RE.match(d):
            raise ContentError(f"{where}: срок «{d}» записан неверно. Пишите число и единицу: 24h, 3d, 7-14d, 3m, 5-7y.")
    if e.get("updated") and not (e.get("change_ru") and e.get("change_ky")):
        raise ContentError(f"{where}: указано updated, но нет change_ru и change_ky — опишите изменение на обоих языках.")
    dates = {_date(d, where, "dates") for d in _strs(e.get("dates"))}
    if e.get("date"):
        dates.add(_date(e["date"], where, "date"))
    names = {}
    for lang in LANGS:
        pats = []
        for n in _strs(e.get(f"names_{lang}")):
            try:
                pats.append(re.compile(n.lower()))
            except re.error as exc:
                raise ContentError(f"{where}: names_{lang}: «{n}» — ошибка в шаблоне ({exc}).") from None
        names[lang] = tuple(pats)
    return Fact(
        key=str(e["key"]), kind=str(e["kind"]), status=str(e["status"]),
        name={lang: str(e[lang]) for lang in LANGS},
        title={lang: str(e.get(f"title_{lang}") or "") for lang in LANGS},
        number=str(e.get("number") or ""),
        dates=frozenset(dates),
        articles=frozenset(_strs(e.get("articles"))),
        durations=frozenset(_strs(e.get("durations"))),
        percents=frozenset(_strs(e.get("percents"))),
        names=names,
        avoid={lang: tuple(a.lower() for a in _strs(e.get(f"avoid_{lang}"))) for lang in LANGS},
        says={lang: str(e.get(f"says_{lang}") or "") for lang in LANGS},
        source=str(e["source"]), confidence=str(e["confidence"]),
        checked=_date(e["checked"], where, "checked"),
        updated=_date(e["updated"], where, "updated") if e.get("updated") else None,
        change={lang: str(e.get(f"change_{lang}") or "") for lang in LANGS},
        changed_on=_date(e["changed_on"], where, "changed_on") if e.get("changed_on") else None,
        line=line,
    )


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (for messages naming the entry)."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    m = loader.construct_mapping(node, deep=True)
    m["__line__"] = node.start_mark.line + 1
    return m


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@lru_cache(maxsize=4)
def _register_cached(path: str, mtime: float) -> Register:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise ContentError(f"{REGISTER_NAME}: файл реестра — неверный YAML ({exc}). Исправьте строку, которую называет ошибка.") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise ContentError(f"{REGISTER_NAME}: в файле должны быть edition, previous_edition, review_months и список facts.")
    facts = []
    for e in data["facts"]:
        line = e.pop("__line__", 0) if isinstance(e, dict) else 0
        facts.append(_fact(e, line))
    keys = [f.key for f in facts]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ContentError(f"{REGISTER_NAME}: ключи записей повторяются: {', '.join(dup)}. Ключ должен быть уникальным.")
    head = f"{REGISTER_NAME}:1"
    return Register(
        edition=_date(data.get("edition"), head, "edition"),
        previous_edition=_date(data.get("previous_edition"), head, "previous_edition"),
        review_months=int(data.get("review_months") or 12),
        facts=tuple(facts),
    )


def register(path: Path = REGISTER_YML) -> Register:
    """The register, validated (ContentError with file, line and fix on a bad entry)."""
    return _register_cached(str(path), path.stat().st_mtime)


# --- finding specifics in a page --------------------------------------------------------------

MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")
MONTHS_KY = ("январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр",
             "ноябр", "декабр")
DASH = r"\s*[–—-]\s*"

DATE_RE = {
    "ru": re.compile(rf"(?<!\d)(\d{{1,2}})(?:{DASH}(\d{{1,2}}))?\s+({'|'.join(MONTHS_RU)})\s+(\d{{4}})"),
    "ky": re.compile(rf"(\d{{4}})-жыл\w*\s+(\d{{1,2}})(?:{DASH}(\d{{1,2}}))?-({'|'.join(MONTHS_KY)})\w*"),
}
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{4})(?![\d.]\d)")
ACT_NO_RE = re.compile(r"№\s?(\d[\d/]*(?:-[IVXА-Я]+)?)")
DOC_SYMBOL_RE = re.compile(r"\bCEDAW/C/KGZ/CO/\d+\b")
NUMS = r"\d+(?:\s*(?:,|и|–|—|-)\s*\d+)*"
NUMS_KY = r"\d+(?:\s*(?:,|жана|–|—|-)\s*\d+)*"
ARTICLE_RE = {
    "ru": re.compile(rf"(?:\b[Сс]тат(?:ья|ьи|ье|ью|ьей|ьёй|ей|ьям|ьях)|\b[Сс]т\.)\s*({NUMS})"),
    "ky": re.compile(rf"({NUMS_KY})\s*-?\s*берене"),
}
UNIT_RU = {"час": "h", "сут": "d", "дн": "d", "ден": "d", "недел": "w", "месяц": "m", "год": "y", "лет": "y"}
UNIT_KY = {"саат": "h", "сутка": "d", "күн": "d", "жума": "w", "ай": "m", "жыл": "y"}
DURATION_TEXT_RE = {
    "ru": re.compile(r"(?<![\d.,])(\d+)(?:\s*(?:–|—|-|до)\s*(\d+))?\s+(час|сут|дн|ден|недел|месяц|год|лет)[а-яё]*", re.I),
    "ky": re.compile(r"(?<![\d.,])(\d+)(?:\s*(?:–|—|-)\s*(\d+))?\s+(саат|сутка|күн|жума|ай|жыл)(?![\w-]*[-]жыл)[а-яөүң]*", re.I),
}
PERCENT_RE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*%")
PHONE_RE = re.compile(r"(?<![\d.,№/\w-])(1\d\d)(?![\d\w]|[.,]\d|\s*%|\s*-?\s*берене|\s\d{3})")
BOLD_PHONE_RE = re.compile(r"\*\*(1\d\d)\*\*")

#: Words that make a sentence about law: then its time limits and percentages are legal specifics.
LEGAL_DURATION_WORDS = {
    "ru": re.compile(r"ордер|арест|лишени\w* свобод|обществен\w* работ|штраф|мониторинг|браслет|наказани|санкци"),
    "ky": re.compile(r"ордер|камак|эркинен ажырат|коомдук жумуш|айып пул|мониторинг|билерик|браслет|(?<!\w)жаза(?:сы\w*|га|лар\w*|ны|дан)?(?!\w)|санкция"),  # «жаза», not «жазат»
}
LEGAL_ACT_WORDS = {
    "ru": re.compile(r"закон|кодекс|конституц|указ|постановлен|приказ|конвенци"),
    "ky": re.compile(r"мыйзам|кодекс|конституц|жарлык|токтом|буйрук|конвенци"),
}
LEGAL_PERCENT_WORDS = {
    "ru": re.compile(r"квот|мандат|кенеш|одного пола|кандидат"),
    "ky": re.compile(r"квота|мандат|(?<!европа )кеңеш(?!ме)|бир жыныс|талапкер"),  # not «Европа Кеңеши», «кеңешме»
}
PHONE_WORDS = {
    "ru": re.compile(r"звон|телефон|номер|линия|линии|линию|горяч|набер|экстренн"),
    "ky": re.compile(r"чал|телефон|номер|линия|линиясы|шашылыш"),
}
#: Words that say a rule is history, not current law (required next to a repealed fact).
HISTORIC_WORDS = {
    "ru": re.compile(r"утратил|утративш|отмен|упраздн|прежн|предыдущ|ранее|раньше|до 20\d\d|бывш|заменил|заменён|заменен|"
                     r"больше не|не применя|уже не|перв(?:оначальн|ая редакц)|в редакции 20\d\d|текст\w* 20\d\d|"
                     r"действовал|действовало|действовали|"
                     r"применял|применялось|применялись|историческ"),
    "ky": re.compile(r"күчүн жогот|жокко чыгар|мурдагы|мурунку|мурда|буга чейин|20\d\d-жылга чейин|алмаштыр|"
                     r"мындан ары|колдонулбайт|колдонулган|баштапкы|20\d\d-жылдагы (?:текст|кодекс|мыйзам|редакц)|"
                     r"тарых|иштеген"),
}
KIND_KY = {"срок": "мөөнөт", "процент": "пайыз"}
CHECK_WORDS = {"ru": re.compile(r"провер|сверьте|cbd\.minjust"), "ky": re.compile(r"текшер|салыштыр|cbd\.minjust")}


@dataclass(frozen=True)
class Finding:
    """One problem in a page: where, and what to do (in Russian; on Kyrgyz pages also in Kyrgyz)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class PageScan:
    """What a page states: the facts its specifics are tied to, the facts it mentions, problems."""

    stated: set[str] = field(default_factory=set)
    mentioned: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _clean(line: str) -> str:
    """A Markdown line as the reader sees its words: link targets, code, attribute lists and
    addresses removed (the same cleaning as the terminology check)."""
    return re.sub(r"\]\([^)]*\)|`[^`]*`|\{[^}]*\}|https?://\S+|<[^>]+>", " ", line)


def source_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the prose of a Markdown page or of the text of an SVG drawing."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".svg":
        return [(n, " ".join(re.findall(r">([^<>]+)<", line))) for n, line in enumerate(text.splitlines(), 1)
                if re.search(r">[^<>]*\S[^<>]*<", line)]
    fm, body = split_front_matter(text)
    offset = text[: len(text) - len(body)].count("\n")
    out, fence = [], False
    for n, line in enumerate(body.splitlines(), offset + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if not fence and not re.match(r"\s*\*\[[^\]]+\]:", line):  # abbreviation definitions
            out.append((n, _clean(line)))
    return out


def _numbers(text: str) -> list[int]:
    """«25–27 и 29» → [25, 26, 27, 29]."""
    out: list[int] = []
    parts = re.split(r"\s*(?:,|и|жана)\s*", text)
    for p in parts:
        m = re.match(rf"(\d+){DASH}(\d+)$", p.strip())
        if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 20:
            out += range(int(m.group(1)), int(m.group(2)) + 1)
        else:
            out += [int(x) for x in re.findall(r"\d+", p)]
    return out


def _dates(text: str, lang: str) -> list[tuple[dt.date, tuple[int, int]]]:
    out = []
    for m in DATE_RE[lang].finditer(text):
        if lang == "ru":
            d1, d2, mon, year = m.group(1), m.group(2), MONTHS_RU.index(m.group(3)) + 1, int(m.group(4))
        else:
            year, d1, d2, mon = int(m.group(1)), m.group(2), m.group(3), MONTHS_KY.index(m.group(4)) + 1
        for d in filter(None, (d1, d2)):
            try:
                out.append((dt.date(year, mon, int(d)), m.span()))
            except ValueError:
                pass
    for m in NUMERIC_DATE_RE.finditer(text):
        try:
            out.append((dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.span()))
        except ValueError:
            pass
    return out


def _durations(text: str, lang: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(normalised duration such as '7-14d', as written, span) of each time limit in a line."""
    units = UNIT_RU if lang == "ru" else UNIT_KY
    out = []
    for m in DURATION_TEXT_RE[lang].finditer(text):
        a, b, unit = m.group(1), m.group(2), m.group(3).lower()
        if int(a) >= 1900 or (b and int(b) >= 1900):
            continue  # a year, not a duration
        u = next(v for k, v in units.items() if unit.startswith(k))
        out.append((f"{a}-{b}{u}" if b else f"{a}{u}", m.group(0), m.span()))
    return out


#: Words that make a date the date of a legal act or event (adopted, signed, in force, repealed),
#: not of a publication: before the date in Russian, after it in Kyrgyz.
ACT_EVENT = {
    "ru": re.compile(r"(?:\bот|принят\w*|подписа\w*|утвержд\w*|вступ\w*|введ\w*|отмен\w*|рассмотр\w*|изменени\w*)\s+(?:\S+\s+){0,2}$"),
    "ky": re.compile(r"^\s*(?:\S+\s+)?(?:кабыл ал|кол кой|бекит|күчүнө кир|колдонууга кир|жокко чыгар|карал|өзгөрт)"),
}
KY_DATED = re.compile(r"(?:дагы|деги|догу|дөгү|тагы|теги)$")  # «27-апрелиндеги» — the date of an act


def _act_event(low: str, span: tuple[int, int], lang: str) -> bool:
    """Whether the date at `span` of a line is an act's date rather than a publication date."""
    if lang == "ru":
        return bool(ACT_EVENT["ru"].search(low[max(0, span[0] - 40): span[0]]))
    return bool(KY_DATED.search(low[span[0]: span[1]]) or ACT_EVENT["ky"].search(low[span[1]: span[1] + 40]))


def _fmt_date(d: dt.date, lang: str) -> str:
    if lang == "ru":
        return f"{d.day} {MONTHS_RU[d.month - 1]} {d.year} г."
    return f"{d.year}-жылдын {d.day}-{KY_MONTHS_FULL[d.month - 1]}"


KY_MONTHS_FULL = ("январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры",
                  "октябры", "ноябры", "декабры")


def _norm_title(t: str) -> str:
    return re.sub(r"\s+", " ", t.lower().replace("ё", "е")).strip(" «»\"")


class Scanner:
    """Finds the legal specifics of pages and ties them to the register (one per language)."""

    def __init__(self, reg: Register, lang: str) -> None:
        self.reg, self.lang = reg, lang
        self.by_number: dict[str, list[Fact]] = {}
        for f in reg.facts:
            if f.number:
                self.by_number.setdefault(f.number.lower(), []).append(f)

    # facts named by a piece of text
    def mentions(self, text: str) -> set[str]:
        low = text.lower()
        out = {f.key for f in self.reg.facts if any(p.search(low) for p in f.names[self.lang])}
        for m in ACT_NO_RE.finditer(text):
            out |= {f.key for f in self.by_number.get(m.group(1).lower(), []) if f.kind != "phone"}
        for m in DOC_SYMBOL_RE.finditer(text):
            out |= {f.key for f in self.by_number.get(m.group(0).lower(), [])}
        return out

    def scan(self, path: Path) -> PageScan:
        lang, reg = self.lang, self.reg
        facts = reg.by_key()
        res = PageScan()
        rel = _rel(path)
        lines = source_lines(path)
        page_mentions = set().union(*(self.mentions(t) for _, t in lines)) if lines else set()
        sections: list[tuple[int, set[str], str]] = []  # per line: section id, mentions in the section, section text
        sec_start, buf = 0, []
        bounds = []
        for i, (_, t) in enumerate(lines):
            if t.lstrip().startswith("#") and buf:
                bounds.append((sec_start, i))
                sec_start = i
                buf = []
            buf.append(t)
        bounds.append((sec_start, len(lines)))
        sec_of = [0] * len(lines)
        for s, (a, b) in enumerate(bounds):
            text = "\n".join(t for _, t in lines[a:b])
            sections.append((s, self.mentions(text), text.lower()))
            for i in range(a, b):
                sec_of[i] = s

        def problem(n: int, ru: str, ky: str) -> None:
            """A finding in Russian; on a Kyrgyz page followed by the same in Kyrgyz for its editor."""
            res.findings.append(Finding(rel, n, ru if lang == "ru" else bilingual(ru, ky)))

        def names(keys: Iterable[str]) -> str:
            return ", ".join(sorted(keys))

        for i, (n, text) in enumerate(lines):
            low = text.lower()
            here = self.mentions(text)
            res.mentioned |= here
            _, sec_mentions, sec_text = sections[sec_of[i]]
            masked = text
            stated: set[str] = set()

            def mask(span: tuple[int, int]) -> None:
                nonlocal masked
                masked = masked[: span[0]] + " " * (span[1] - span[0]) + masked[span[1]:]

            dates = _dates(text, lang)
            # act numbers, their dates and titles
            for m in list(ACT_NO_RE.finditer(text)) + list(DOC_SYMBOL_RE.finditer(text)):
                num = (m.group(1) if m.re is ACT_NO_RE else m.group(0))
                shown = m.group(0)
                cands = [f for f in self.by_number.get(num.lower(), []) if f.kind != "phone"]
                mask(m.span())
                if not cands:
                    problem(n, f"«{shown}»: такого номера акта нет в реестре правовых фактов ({REGISTER_NAME}). "
                               "Проверьте номер по cbd.minjust.gov.kg; если он верен, добавьте акт в реестр с источником и датой проверки.",
                            f"«{shown}»: укуктук фактылардын реестринде ({REGISTER_NAME}) мындай актынын номери жок. "
                            "Номерди cbd.minjust.gov.kg сайтынан текшериңиз; туура болсо, актыны булагы жана текшерилген күнү менен реестрге кошуңуз.")
                    continue
                near = [d for d, (a, b) in dates if 0 <= m.start() - b <= 12 or 0 <= a - m.end() <= 3]
                if near:
                    fit = [f for f in cands if any(d in f.dates for d in near)]
                    if not fit:
                        none = "дата не указана" if lang == "ru" else "датасы көрсөтүлгөн эмес"
                        want = "; ".join(f"{f.key}: {', '.join(sorted(_fmt_date(d, lang) for d in f.dates)) or none}" for f in cands)
                        problem(n, f"«{shown}» с датой {_fmt_date(near[0], lang)}: в реестре у этого номера другая дата ({want}). "
                                   "Исправьте дату в тексте или, если ошибается реестр, запись в реестре.",
                                f"«{shown}», датасы {_fmt_date(near[0], lang)}: реестрде бул номердин датасы башка ({want}). "
                                "Тексттеги датаны оңдоңуз же, реестр ката болсо, реестрдеги жазууну оңдоңуз.")
                        continue
                    cands = fit
                elif len(cands) > 1:
                    named = [f for f in cands if f.key in self.mentions(_strip_numbers(text))]
                    cands = named or cands
                f = next((c for c in cands if not c.historic), cands[0])
                stated.add(f.key)
                title_m = None
                for t in re.finditer(r"«([^«»]{8,})»", text[: m.start()]):
                    title_m = t
                # a title just before the number names it unless another number, a list separator
                # or an act's noun stands between («… № 184 «…» Мыйзамы жана … № 63»: that title is 184's)
                between = text[title_m.end(): m.start()].lower() if title_m else ""
                if title_m and m.start() - title_m.end() <= 60 and not re.search(r"[№,;]|мыйзам|закон|кодекс|токтом|постановлени|указ|жарлык", between) \
                        and f.title[lang] and re.match(r"(о|об|обо)\s|.*жөнүндө\s*$", title_m.group(1).lower()):
                    if _norm_title(title_m.group(1)) != _norm_title(f.title[lang]):
                        problem(n, f"название «{title_m.group(1)}» рядом с «{shown}» не совпадает с реестром ({f.key}): "
                                   f"«{f.title[lang]}». Приведите название как в реестре.",
                                f"«{shown}» жанындагы «{title_m.group(1)}» аталышы реестрге дал келбейт ({f.key}): "
                                f"«{f.title[lang]}». Аталышты реестрдегидей жазыңыз.")
            # dates of the acts the line names
            named_dates = {d for k in here for d in facts[k].dates}
            if here and named_dates:
                for d, span in dates:
                    if d not in named_dates and _act_event(low, span, lang):
                        problem(n, f"дата {_fmt_date(d, lang)}: в реестре её нет у актов, о которых говорит строка ({names(here)}). "
                                   "Проверьте дату по источнику; если она верна, добавьте её в поле dates записи реестра.",
                                f"{_fmt_date(d, lang)} датасы: сап айткан актыларда ({names(here)}) реестрде мындай дата жок. "
                                "Датаны булагы боюнча текшериңиз; туура болсо, аны реестр жазуусунун dates талаасына кошуңуз.")
            for _, span in dates:
                mask(span)
            # articles
            legal_line = bool(here or sec_mentions or LEGAL_ACT_WORDS[lang].search(low))
            for m in (ARTICLE_RE[lang].finditer(masked) if legal_line else ()):  # not «статьи бюджета»
                for num in map(str, _numbers(m.group(1))):
                    cands = {f.key for f in reg.facts if num in f.articles}
                    if not cands:
                        problem(n, f"статья {num}: ни у одного акта в реестре нет такой статьи ({REGISTER_NAME}). "
                                   "Проверьте номер статьи по действующему тексту акта и добавьте его в поле articles записи реестра.",
                                f"{num}-берене: реестрдеги бир да актыда мындай берене жок ({REGISTER_NAME}). "
                                "Берененин номерин актынын колдонуудагы тексти боюнча текшерип, аны реестр жазуусунун articles талаасына кошуңуз.")
                        continue
                    scope = (cands & here) or (cands & sec_mentions) or (cands & page_mentions)
                    if not scope:
                        problem(n, f"статья {num}: в реестре она есть у {names(cands)}, но этот акт не назван на странице. "
                                   "Назовите акт рядом со статьёй.",
                                f"{num}-берене: реестрде ал {names(cands)} актысында бар, бирок бул акт баракта аталган эмес. "
                                "Актыны берененин жанында атаңыз.")
                        continue
                    stated |= scope
                    if all(facts[k].historic for k in scope) and not HISTORIC_WORDS[lang].search(low):
                        problem(n, f"статья {num} относится к {names(scope)}, который в реестре отмечен как утративший силу. "
                                   "Скажите в этом же предложении, что это прежняя норма («утратил силу», «прежний Кодекс»), или назовите действующую статью.",
                                f"{num}-берене {names(scope)} актысына тиешелүү, ал реестрде күчүн жоготкон деп белгиленген. "
                                "Ошол эле сүйлөмдө бул мурунку ченем экенин айтыңыз («күчүн жоготкон», «мурунку кодекс») же колдонуудагы беренени атаңыз.")
                mask(m.span())
            # time limits and percentages in legal sentences
            for kind, found, words, attr in (
                ("срок", [(v, w, s) for v, w, s in _durations(masked, lang)], LEGAL_DURATION_WORDS[lang], "durations"),
                ("процент", [(m.group(1).replace(",", "."), m.group(0), m.span()) for m in PERCENT_RE.finditer(masked)],
                 LEGAL_PERCENT_WORDS[lang], "percents"),
            ):
                with_values = {k for k in here if getattr(facts[k], attr)}
                if not found or not (with_values or words.search(low)):
                    continue
                scope = with_values | {k for k in sec_mentions if getattr(facts[k], attr)}
                for value, written, span in found:
                    mask(span)
                    ok = {k for k in scope if value in getattr(facts[k], attr)}
                    if not ok:
                        where = f"для актов, о которых говорит строка или раздел ({names(scope)})" if scope else "для актов, названных рядом"
                        where_ky = f"сап же бөлүм айткан актылар үчүн ({names(scope)})" if scope else "жанында аталган актылар үчүн"
                        problem(n, f"{kind} «{written.strip()}»: его нет в реестре {where}. Проверьте его по действующему тексту; "
                                   f"если он верен, добавьте его в поле {attr} нужной записи реестра, иначе исправьте текст.",
                                f"{KIND_KY[kind]} «{written.strip()}»: реестрде {where_ky} мындай маани жок. Аны колдонуудагы текст боюнча "
                                f"текшериңиз; туура болсо, реестрдин тиешелүү жазуусунун {attr} талаасына кошуңуз, болбосо текстти оңдоңуз.")
                        continue
                    stated |= ok
                    unverified = [k for k in ok if facts[k].status == "unverified"]
                    if unverified and not CHECK_WORDS[lang].search(sec_text):
                        problem(n, f"{kind} «{written.strip()}» ({names(unverified)}): в реестре не подтверждено, что он действует сейчас. "
                                   "Скажите в этом разделе, что проверить и где («проверьте действующий текст на cbd.minjust.gov.kg»).",
                                f"{KIND_KY[kind]} «{written.strip()}» ({names(unverified)}): реестрде анын азыр колдонулары тастыкталган эмес. "
                                "Бул бөлүмдө эмнени жана кайдан текшерүү керектигин айтыңыз («колдонуудагы текстти cbd.minjust.gov.kg сайтынан текшериңиз»).")
            # phone numbers
            phone_spans = []
            if PHONE_WORDS[lang].search(low) or BOLD_PHONE_RE.search(masked):
                phone_spans = [(m.group(1), m.span(1)) for m in PHONE_RE.finditer(masked)]
            for j, (num, (a, b)) in enumerate(phone_spans):
                cands = [f for f in self.by_number.get(num, []) if f.kind == "phone"]
                if not cands:
                    problem(n, f"телефон {num}: такого номера нет в реестре ({REGISTER_NAME}). "
                               "Проверьте номер; если он верен, добавьте его в реестр (kind: phone) с источником.",
                            f"{num} телефону: реестрде ({REGISTER_NAME}) мындай номер жок. "
                            "Номерди текшериңиз; туура болсо, аны булагы менен реестрге (kind: phone) кошуңуз.")
                    continue
                f = cands[0]
                stated.add(f.key)
                end = phone_spans[j + 1][1][0] if j + 1 < len(phone_spans) else len(text)
                start = phone_spans[j - 1][1][1] if j else 0
                before = re.split(r"[;,|]|(?<=[.!?])\s", low[start:a])[-1]
                segment = before + low[a:end]
                for bad in f.avoid[lang]:
                    if bad in segment:
                        problem(n, f"номер {num} описан словами «{bad}», а в реестре ({f.key}): «{f.says[lang]}». Исправьте описание.",
                                f"{num} номери «{bad}» деген сөздөр менен сүрөттөлгөн, ал эми реестрде ({f.key}): «{f.says[lang]}». Сүрөттөмөнү оңдоңуз.")
            # wordings the register marks as wrong, repealed rules stated as current
            for k in sorted(here | stated):
                f = facts[k]
                if f.kind != "phone":
                    for bad in f.avoid[lang]:
                        if bad in low:
                            problem(n, f"о «{f.name[lang]}» ({k}) строка говорит «{bad}», а реестр: «{f.says[lang]}». Исправьте формулировку.",
                                    f"«{f.name[lang]}» ({k}) жөнүндө сапта «{bad}» деп жазылган, ал эми реестрде: «{f.says[lang]}». Жазылышын оңдоңуз.")
                if f.historic and k in here and not HISTORIC_WORDS[lang].search(low):
                    problem(n, f"строка говорит о «{f.name[lang]}» ({k}) как о действующей норме, а в реестре она отмечена "
                               f"как {'утратившая силу' if f.status == 'repealed' else 'заменённая'}: {f.says[lang]} "
                               "Скажите это в том же предложении («утратил силу», «до 2025 года», «прежний») или уберите упоминание.",
                            f"сап «{f.name[lang]}» ({k}) жөнүндө колдонуудагы ченем катары айтат, ал эми реестрде ал "
                            f"{'күчүн жоготкон' if f.status == 'repealed' else 'алмаштырылган'} деп белгиленген: {f.says[lang]} "
                            "Муну ошол эле сүйлөмдө айтыңыз («күчүн жоготкон», «2025-жылга чейин», «мурунку») же эскерүүнү алып салыңыз.")
            res.stated |= stated
        return res


def _strip_numbers(text: str) -> str:
    return ACT_NO_RE.sub(" ", text)


def page_paths(docs: Path = DOCS) -> list[tuple[str, Path]]:
    """(language, path) of every page and drawing the check reads, both languages."""
    out = []
    for lang in LANGS:
        for p in sorted((docs / lang).rglob("*")):
            if p.suffix in (".md", ".svg"):
                out.append((lang, p))
    return out


@dataclass
class Report:
    """The check over all pages: problems, and per page the facts it states and mentions."""

    findings: list[Finding]
    pages: dict[Path, PageScan]


def check(docs: Path = DOCS, reg: Register | None = None) -> Report:
    reg = reg or register()
    scanners = {lang: Scanner(reg, lang) for lang in LANGS}
    pages = {p: scanners[lang].scan(p) for lang, p in page_paths(docs)}
    return Report([f for s in pages.values() for f in s.findings], pages)


def usage(report: Report, docs: Path = DOCS) -> dict[str, list[tuple[str, str]]]:
    """Fact key → [(language, page path under docs/<lang>/)] of the Markdown pages that state or name it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for p, s in report.pages.items():
        if p.suffix != ".md":
            continue
        lang, rel = p.relative_to(docs).parts[0], "/".join(p.relative_to(docs).parts[1:])
        for k in sorted(s.stated | s.mentioned):
            out.setdefault(k, []).append((lang, rel))
    return out


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def stale(reg: Register, report: Report, today: dt.date | None = None, docs: Path = DOCS) -> list[str]:
    """Warnings for facts checked longer ago than the review period, each naming the pages using it."""
    today = today or dt.date.today()
    used = usage(report, docs)
    out = []
    for f in reg.facts:
        if _months_between(f.checked, today) >= reg.review_months:
            pages = ", ".join(f"docs/{lang}/{rel}" for lang, rel in used.get(f.key, [])) or "ни одна страница"
            out.append(f"{REGISTER_NAME}:{f.line}: правовой факт «{f.key}» проверен {f.checked.isoformat()}, больше "
                       f"{reg.review_months} мес. назад. Проверьте его по источнику ({f.source}) и обновите поле checked. "
                       f"Его используют: {pages}.")
    return out


# --- what the hooks write into pages ----------------------------------------------------------

CHANGES_PAGE = "legal-changes.md"
WORDS = {
    "ru": {"checked": "Правовая информация проверена", "changes": "Изменения законодательства",
           "fact": "Что изменилось", "when": "Когда", "pages": "Какие главы затрагивает", "conf": "Достоверность",
           "none": "—", "edition": "Изменения в издании от"},
    "ky": {"checked": "Укуктук маалымат текшерилген", "changes": "Мыйзамдардагы өзгөрүүлөр",
           "fact": "Эмне өзгөрдү", "when": "Качан", "pages": "Кайсы бөлүмдөргө тиешелүү", "conf": "Ишенимдүүлүгү",
           "none": "—", "edition": "Басылмадагы өзгөрүүлөр:"},
}
CONFIDENCE_WORDS = {
    "ru": {"S": "проверено по источнику", "S2": "по вторичному источнику", "I": "вывод, не проверено", "NF": "не найдено"},
    "ky": {"S": "булак боюнча текшерилген", "S2": "экинчилик булак боюнча", "I": "жыйынтык, текшерилген эмес", "NF": "табылган жок"},
}


def checked_date(reg: Register, keys: Iterable[str]) -> dt.date | None:
    """The date to show under a page's title: the oldest check of the facts it states."""
    facts = reg.by_key()
    dates = [facts[k].checked for k in keys if k in facts]
    return min(dates) if dates else None


def checked_line(lang: str, reg: Register, keys: Iterable[str], link: str) -> str:
    """The Markdown paragraph the hooks put under the H1 of a page that states legal specifics."""
    d = checked_date(reg, keys)
    if d is None:
        return ""
    w = WORDS[lang]
    return f"{w['checked']}: {_fmt_date(d, lang)} · [{w['changes']}]({link})\n{{: .legal-checked data-search-exclude }}"


def changes_table(lang: str, reg: Register, report: Report, titles: dict[tuple[str, str], str], docs: Path = DOCS) -> str:
    """Markdown table of the register entries changed since the previous edition, with the pages
    (of this language) that state or name each. `titles` maps (lang, page) to its title."""
    used = usage(report, docs)
    w, conf = WORDS[lang], CONFIDENCE_WORDS[lang]
    rows = [f"| {w['fact']} | {w['when']} | {w['conf']} | {w['pages']} |", "|---|---|---|---|"]
    changed = sorted((f for f in reg.facts if f.updated and f.updated > reg.previous_edition),
                     key=lambda f: (f.changed_on or f.updated or reg.edition), reverse=True)
    for f in changed:
        groups: dict[str, list[str]] = {}
        for lg, p in used.get(f.key, []):
            if lg == lang and p != CHANGES_PAGE:
                guide = p.split("/")[0] if "/" in p else ""
                groups.setdefault(guide, []).append(f"[{titles.get((lg, p), p)}]({p})")
        links = [(f"{titles.get((lang, g + '/index.md'), g)}: " if g else "") + ", ".join(ls) for g, ls in groups.items()]
        when = _fmt_date(f.changed_on, lang) if f.changed_on else w["none"]
        rows.append(f"| **{_cell(f.name[lang])}**<br>{_cell(f.change[lang])} | {when} | "
                    f"{conf[f.confidence]} | {'<br>'.join(links) or w['none']} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> int:
    try:
        reg = register()
        report = check(reg=reg)
    except ContentError as exc:
        print(exc)
        return 1
    for f in report.findings:
        print(f)
    for warning in stale(reg, report):
        print(f"ПРЕДУПРЕЖДЕНИЕ: {warning}")
    print(f"legal_facts: {len(reg.facts)} фактов в реестре, {len(report.findings)} ошибок")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
