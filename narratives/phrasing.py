"""The words a narrative adds around its evidence: attribution, a figure's trend and comparator,
a judgement, an audit's results, a recommendation and its progress.

Every number a composed sentence states is copied from a passage the sentence cites, as written
there; the composer checks that with `facts.figures_supported` before it keeps a sentence. Direction
words say only what the numbers do ("fell from 23.1% to 19.4%"), never whether that is better: a
measure's good direction is not something the text tells us.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from core.model import Passage, parse_iso_date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Words that keep their capital at the start of a clause moved after "found that".
_KEEP_CAPITAL = {"ofsted", "england", "english", "i", "cafcass", "council", "councillors", "mps", "nhs", "ofsted's"}
_VALUE = re.compile(r"^\s*[£]?\s*-?\d[\d,]*(?:\.\d+)?\s*(?:%|per\s?cent)?\s*$", re.I)
_COMPARATOR_HEADER = (
    (re.compile(r"\bengland\b|\bnational(?:ly)?\b|\ball england\b", re.I), "England"),
    (re.compile(r"\bstatistical neighbou?rs?\b|\bstat(?:istical)?\.? ?n(?:eighbours?)?\b|\bsimilar (?:councils|authorities|areas)\b", re.I),
     "statistical neighbours"),
    (re.compile(r"\bregion(?:al)?\b", re.I), "the region"),
    (re.compile(r"\btarget\b", re.I), "target"),
)
_SPLIT_YEAR = re.compile(r"(?<![\w/])((?:19|20)\d{0,2}) (\d{0,2}(?:/\d\d)?)(?![\w])")
_GENERIC_MEASURE = {"rate", "number", "percentage", "proportion", "total", "per", "average", "of", "in", "%"}


def month_year(iso: str | None) -> str | None:
    day = parse_iso_date(iso)
    return f"{MONTHS[day.month - 1]} {day.year}" if day else None


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    try:
        from redaction.vocabulary import english_words

        return english_words()
    except Exception:  # the word list is optional: keep capitals when it is missing
        return frozenset()


def lower_first(sentence: str) -> str:
    """The sentence with its first word in lower case when that word is an ordinary word, so it
    reads inside "Inspectors found that …". Names, acronyms and places keep their capitals."""
    match = re.match(r"^([A-Za-z][\w'’-]*)", sentence)
    if not match:
        return sentence
    word = match.group(1)
    plain = word.lower().replace("’", "'")
    if word.isupper() or any(ch.isupper() for ch in word[1:]) or plain in _KEEP_CAPITAL:
        return sentence
    words = _dictionary()
    base = plain[:-2] if plain.endswith("'s") else plain
    base = base.split("-")[0] or base
    stems = {base, base.rstrip("s"), base[:-2] if base.endswith("es") else base, base[:-3] + "y" if base.endswith("ies") else base,
             base[:-3] if base.endswith("ing") else base, base[:-2] if base.endswith("ed") else base,
             base[:-2] if base.endswith("ly") else base}
    if words and not (stems & words):
        return sentence  # a name: "Norfolk's", "Kent"
    if _starts_with_place(sentence):
        return sentence
    return word[0].lower() + sentence[1:]


def _starts_with_place(sentence: str) -> bool:
    try:
        from facts.authorities import find_authorities
    except Exception:
        return False
    head = " ".join(sentence.split()[:4])
    return any(head.lower().startswith(name.lower()) for name in find_authorities(head))


def as_clause(sentence: str) -> str:
    """A sentence without its final full stop, first word lowered where that is safe."""
    return lower_first(sentence.rstrip().rstrip("."))


def finish(text: str) -> str:
    text = " ".join(text.split()).rstrip()
    return text if text.endswith((".", "!", "?", ".”", ".\"")) else text + "."


# ----------------------------------------------------------------------------- attribution
def inspection_phrase(kind: str | None) -> str:
    """"standard inspection", "focused visit", ...: what kind of event a report reports."""
    return {
        "standard": "inspection", "short": "short inspection", "ilacs inspection": "inspection",
        "focused visit": "focused visit", "monitoring visit": "monitoring visit",
        "joint targeted area inspection": "joint targeted area inspection", "single inspection": "inspection",
        "safeguarding and looked after children inspection": "inspection", "looked after children": "inspection",
        "child protection": "inspection",
    }.get(kind or "", "inspection")


def attribute(sentence: str, who: str, first: bool, turn: int = 0) -> str:
    """An external finding in reported speech: "Ofsted's inspection (February 2026) found that …"
    the first time a paragraph cites that source, then "Inspectors also found that …"."""
    clause = as_clause(sentence)
    if first:
        return finish(f"{who} found that {clause}")
    lead = ("Inspectors also found that", "The inspection also found that", "Inspectors reported that")[turn % 3]
    return finish(f"{lead} {clause}")


def quote(sentence: str, who: str) -> str:
    """A short finding in the inspector's own words."""
    return f"{who} reported: “{sentence.rstrip()}”"


# ----------------------------------------------------------------------------- tables
def join_split_years(text: str) -> str:
    """"Q1 20 25/26" -> "Q1 2025/26", "2024/ 25" -> "2024/25": a year a PDF's text layer split."""
    def mend(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        return joined if re.fullmatch(r"(?:19|20)\d\d(?:/\d\d)?", joined) else match.group(0)

    text = re.sub(r"\b((?:19|20)\d\d)\s*/\s+(\d\d)\b", r"\1/\2", text)
    return _SPLIT_YEAR.sub(mend, text)


def _cell_value(cell: str) -> str | None:
    cell = " ".join(cell.split())
    if not _VALUE.match(cell):
        return None
    return re.sub(r"\s+%", "%", re.sub(r"\s*per\s?cent", "%", cell, flags=re.I)).strip()


def _number(value: str) -> float:
    return float(re.sub(r"[^\d.\-]", "", value) or 0)


def is_header_row(cells: tuple[str, ...] | None) -> bool:
    return bool(cells) and len(cells) >= 2 and all(_cell_value(c) is None for c in cells[1:])


def table_statement(row: Passage, header: Passage | None, heading: str | None = None) -> str | None:
    """A sentence from one row of a performance table: the trend across the council's own columns
    and the comparators' figures, each figure as the row prints it.

    "Re-referrals within 12 months fell from 23.1% in Q1 2025/26 to 19.4% in Q3 2025/26, compared
    with 22.4% for England (2024/25) and 21.8% for statistical neighbours (2024/25)." """
    cells = row.cells
    if not cells or len(cells) < 2 or header is None or not header.cells or len(header.cells) != len(cells):
        return None
    measure = " ".join(cells[0].split()).strip(" :")
    if not measure or _cell_value(measure) is not None or len(measure.split()) > 14:
        return None
    own: list[tuple[str, str]] = []  # (value, column label)
    others: list[tuple[str, str, str]] = []  # (value, comparator, period)
    for cell, label in zip(cells[1:], header.cells[1:]):
        value = _cell_value(cell)
        if value is None:
            continue
        label = join_split_years(" ".join(label.split()))
        comparator = next((name for pattern, name in _COMPARATOR_HEADER if pattern.search(label)), None)
        if comparator is None:
            own.append((value, label))
        else:
            period = _COMPARATOR_HEADER_STRIP(label, comparator)
            others.append((value, comparator, period))
    if not own:
        return None
    subject = measure[0].upper() + measure[1:]
    first_word = measure.split()[0].lower().strip(",")
    if first_word in _GENERIC_MEASURE and heading:
        subject = f"{_heading_text(heading)}: {measure[0].lower() + measure[1:]}"
    (first_value, first_label), (last_value, last_label) = own[0], own[-1]
    if len(own) == 1:
        text = f"{subject} was {last_value} in {last_label}"
    else:
        a, b = _number(first_value), _number(last_value)
        if b < a:
            text = f"{subject} fell from {first_value} in {first_label} to {last_value} in {last_label}"
        elif b > a:
            text = f"{subject} rose from {first_value} in {first_label} to {last_value} in {last_label}"
        else:
            text = f"{subject} was {last_value} in {last_label}, as in {first_label}"
    if others:
        parts = []
        for value, comparator, period in others:
            if comparator == "target":
                parts.append(f"a target of {value}")
            else:
                parts.append(f"{value} for {comparator}" + (f" ({period})" if period else ""))
        text += ", compared with " + _and(parts)
    return finish(text)


def _COMPARATOR_HEADER_STRIP(label: str, comparator: str) -> str:  # noqa: N802 - a small helper
    """The period part of a comparator's column label ("England 2024/25" -> "2024/25")."""
    for pattern, name in _COMPARATOR_HEADER:
        if name == comparator:
            label = pattern.sub(" ", label)
    label = re.sub(r"\baverage\b|\bfigure\b|\brate\b", " ", label, flags=re.I)
    return " ".join(label.split()).strip(" ()-–")


def _heading_text(heading: str) -> str:
    return re.sub(r"^\s*\d+(?:\.\d+)*[.)]?\s*", "", " ".join(heading.split())).strip() or heading


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# ----------------------------------------------------------------------------- judgements, audits, plans
def grade_words(grade: str) -> str:
    g = " ".join(grade.lower().split())
    if g.startswith("requires improvement") or g == "ri":
        return "requires improvement to be good"
    return g


def judgement_statement(area_title: str, grade: str, kind: str | None, report_date: str | None) -> str:
    """"Ofsted judged the experiences and progress of children in care to be good (inspection
    report of February 2026)." """
    when = month_year(report_date)
    area = area_title[0].lower() + area_title[1:]
    grade_text = grade_words(grade)
    verb = "to be " + grade_text if not grade_text.startswith("requires") else "as requiring improvement to be good"
    where = f" in its {inspection_phrase(kind)} report of {when}" if when else ""
    return finish(f"Ofsted judged {area} {verb}{where}")


def audit_statement(cases: str | None, shares: list[tuple[str, str]], period: str | None, report_date: str | None) -> str | None:
    """"Our audit of 152 cases (April to September 2025) found 33 per cent good or better and 17 per
    cent inadequate." Numbers as the audit report writes them."""
    if not cases and not shares:
        return None
    when = f" ({period})" if period else (f" (report of {month_year(report_date)})" if month_year(report_date) else "")
    head = f"Our audit of {cases} cases{when}" if cases else f"Our case audits{when}"
    if shares:
        return finish(f"{head} found {_and([f'{value} {grade}' for value, grade in shares])}")
    return finish(f"{head} looked at the quality of practice with children and families")


_OWN_SOURCES = {
    "audit report": "Our case audit report", "committee report": "Our report to committee", "action plan": "Our improvement plan",
    "minutes": "The partnership's minutes", "data": "Our performance report",
}


def own_source(kind: str | None, iso: str | None) -> str:
    """"Our case audit report (November 2025)": how the council's own paper is named."""
    when = month_year(iso)
    name = _OWN_SOURCES.get((kind or "").lower(), "Our own review")
    return f"{name} ({when})" if when else name


_DOC_REFERENCE = re.compile(r"^[A-Z][\w' ,-]{0,50}\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\.?$")


def progress_note(progress: str | None) -> str | None:
    """A plan's note of progress without its bare references to other papers ("Scrutiny report 9
    October 2025.")."""
    if not progress:
        return None
    kept = [s for s in re.split(r"(?<=\.)\s+", " ".join(progress.split())) if s and not _DOC_REFERENCE.match(s)]
    return " ".join(kept) or None


_SUBJECT_TO = re.compile(r"^(?P<subject>(?:the |all |each |every )?[A-Za-z][\w'’ -]{1,60}?) to (?P<rest>(?:be )?[a-z]+\b.*)$")


def recommendation_statement(text: str, who: str | None, item_id: str | None) -> str:
    """An open recommendation, in the words it was made: "Ofsted's inspection (January 2024) asked us
    to improve the timeliness of initial health assessments." """
    body = " ".join(text.split()).rstrip(".;:")
    label = f" ({item_id})" if item_id and not re.fullmatch(r"\d+(?:\.\d+)*", item_id) else ""
    if who:
        subject_to = _SUBJECT_TO.match(body)
        if subject_to and subject_to.group("rest").split()[0].lower() in _VERBS | {"be"} \
                and not re.match(r"^(?:ensure|continue|need|help)\b", body, re.I):
            rest = subject_to.group("rest")
            return finish(f"{who} recommended{label} that {as_clause(subject_to.group('subject'))} should {rest}")
        if re.match(r"^(?:the|a|an|how|whether|children|young|care|leaders|managers|social|partners|"
                    r"arrangements|management|quality|timeliness|consistency|oversight|planning|support)\b", body, re.I):
            return finish(f"{who} asked us to improve {as_clause(body)}{label}")
        if re.match(r"^(?:ensure|improve|strengthen|increase|reduce|develop|review|make|further|embed|extend|address)\b", body, re.I):
            return finish(f"{who} asked us to {as_clause(body)}{label}")
        return finish(f"{who} identified this area for improvement{label}: {as_clause(body)}")
    return finish(f"Recommendation{label}: {body}" if label else body)


def action_statement(action_id: str | None, text: str, owner: str | None, due: str | None, status: str | None,
                     progress: str | None) -> str:
    """"Action A4, improve timeliness of initial health assessments to 75% within 20 working days
    (due 31/12/2025), is red: 52% in Q3 2025/26, down from 58% in Q2." """
    body = " ".join(text.split()).rstrip(".;:")
    head = f"Action {action_id}" if action_id else "Our action"
    parts = [f"{head}, to {as_clause(body)}" if re.match(r"^[A-Z][a-z]+\b", body) and _is_verb(body) else f"{head}, {as_clause(body)}"]
    if due:
        parts.append(f" (due {due})")
    state = " ".join((status or "").split()).lower()
    sentence = "".join(parts) + (f", is {state}" if state else ", is open")
    if progress:
        sentence += f": {' '.join(progress.split()).rstrip('.')}"
    return finish(sentence)


_VERBS = {"introduce", "recruit", "reduce", "improve", "embed", "launch", "increase", "develop", "review", "ensure",
          "provide", "circulate", "deliver", "complete", "establish", "extend", "strengthen", "create", "implement",
          "agree", "publish", "update", "train", "appoint", "commission", "undertake", "raise", "monitor", "share",
          "audit", "report", "track", "revise", "complete", "carry", "make", "reduce", "work", "consider", "visit", "set"}


def _is_verb(text: str) -> bool:
    return text.split()[0].lower() in _VERBS


def is_open(status: str | None) -> bool:
    """An action is open unless its status says it is done."""
    s = (status or "").lower()
    return not re.search(r"\b(?:complete[d]?|closed|done|achieved|delivered|signed off)\b", s)


def today() -> date:
    return date.today()
