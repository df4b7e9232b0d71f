"""Context rules: words around a name that say whose name it is.

One function per rule, each adding mentions; `RULES` runs them in order. To add a rule, write a
function `(mentions, p, text, runs)` here and put it in `RULES`; to teach an existing rule new
words, edit its data file (relations, labels, roles, subject cues) instead.

    relation_before  "Mum, Kelly Smith", "her brother Tom", "Father: JOHN BROWN"
    relation_after   "Kelly Smith (mother)", "Tom – brother"
    subject          "Case summary for Isla Kaur"
    form_label       "Name: Kelly Smith", "Mother's name - KELLY SMITH"
    age_after        "Tom (aged 6)", "Tiegan McAllister (12)"
    dob_after        "Kelly Smith DOB ...", "Leona Farrant (21/04/2011)"
    honorific        "Mrs Abernethy", "Master Tom Smith"
    family_name      "the Quigley family"
    verb_cue         "Tayla said", "Zuriel disclosed"
    alias            "known as Maddie", "née Jones"
    quoted_alias     stepdad "Gaz" (Gary Pennock)
    surname_first    "HOLLIS, Danielle (dob ...)", "McGRATH, Connor James"
    correspondents   "Jonah Peploe <jonah.peploe@council.gov.uk>" (a professional, kept)
    professionals    "Dr Patel", "the allocated social worker, Sarah Lloyd" (kept)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from redaction.shapes import DATE, DOB_CUE, NAME_RUN, NAME_RUN_RE, NAME_WORD, SEP, UPPER_RUN, UPPER_RUN_RE, alternation, name_words
from redaction.vocabulary import vocabulary

from .mentions import Mentions, preceded_by_org

REL_MOD = (r"(?:(?:maternal|paternal|birth|biological|adoptive|older|younger|elder|eldest|youngest|big|little|baby|"
           r"twin|half|step|new|ex|former|current|estranged|other|late|great)[\s-]+){0,3}")
_POSS = (r"(?:(?:her|his|their|the|its|my|your|a|an|child's|child’s|(?:" + NAME_WORD + r")['’]s|"
         r"\[(?:CHILD|ADULT|PERSON) [A-Z]{1,3}\]['’]s)\s+)?")
_REL_SEP = (r"(?:[ \t]*[,:;\-–—(|][ \t]*|[ \t]+(?:is|was|named|called|known\s+as|aged\s+\d{1,2},?)[ \t]+|" + SEP
            + r")(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?")
_ROLE_MODIFIERS = "allocated|named|current|previous|acting|interim|senior|lead|assistant|deputy|locum|agency|duty|independent"
_NAME_OR_UPPER = r"(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r")"


@dataclass(frozen=True)
class RulePatterns:
    relation_before: re.Pattern[str]
    relation_after_tail: re.Pattern[str]
    subject: re.Pattern[str]
    label: re.Pattern[str]
    age_after_tail: re.Pattern[str]
    dob_after_tail: re.Pattern[str]
    honorific: re.Pattern[str]
    family_name: re.Pattern[str]
    professional_title: re.Pattern[str]
    professional_before: re.Pattern[str]
    professional_after_tail: re.Pattern[str]
    signature: re.Pattern[str]
    verb_cue_tail: re.Pattern[str]
    alias: re.Pattern[str]
    list_next: re.Pattern[str]
    adult_cell: re.Pattern[str]
    child_cell: re.Pattern[str]
    date_after_name: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> RulePatterns:
    """The rules' regular expressions, built once from the word lists."""
    v = vocabulary()
    adult, child = alternation(v.adult_relations), alternation(v.child_relations)
    roles = alternation(v.professional_roles)
    relation = r"(?i:" + REL_MOD + r"(?:(?P<adult>" + adult + r")|(?P<child>" + child + r")))"
    return RulePatterns(
        relation_before=re.compile(
            r"(?<![\w-])" + _POSS + relation + r"(?:['’]s)?(?:[ \t]+(?:of|to)[ \t]+(?:the[ \t]+)?"
            r"(?:(?i:child(?:ren)?|young[ \t]+person|baby|siblings)|" + NAME_RUN + r"|\[CHILD [A-Z]{1,3}\]))?"
            r"(?P<sep>" + _REL_SEP + r")(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
        ),
        # the "_tail" patterns match at the end of a capitalised run (the name before them)
        relation_after_tail=re.compile(
            r"[ \t]*(?:\(|,[ \t]*(?:the[ \t]+|a[ \t]+|who[ \t]+is[ \t]+(?:the[ \t]+)?)?|[ \t]+[-–—][ \t]+|[ \t]+is[ \t]+(?:the[ \t]+)?)"
            + _POSS + relation + r"(?![\w-])"
        ),
        subject=re.compile(
            r"(?i:(?<![\w])(?:" + alternation(v.subject_cues) + r"))[ \t]*[:\-–]?" + SEP
            + r"(?:the\s+child\s+)?(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
        ),
        label=re.compile(
            r"(?im)(?:^|[|\t]|\b)(?P<label>" + alternation(v.labels_child + v.labels_adult) + r")[ \t]*(?:\([^)\n]{0,20}\))?"
            r"[ \t]*(?:[:|\t=]|\s[-–]\s)[ \t|]*(?P<name>(?-i:" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z])))"
        ),
        age_after_tail=re.compile(
            r"[ \t]*(?:(?:\(|,|-|–)?[ \t]*(?i:(?:aged?|age:)[ \t]*(?P<age>\d{1,2})|(?P<age2>\d{1,2})[ \t]*"
            r"(?:years?|yrs?|y/o|yo|months?|mths?|weeks?)(?:[ \t]+old)?\b)|(?:\(|,)[ \t]*(?P<age3>\d{1,2})(?:\)|(?=,)))"
        ),
        dob_after_tail=re.compile(
            r"[ \t]*(?:(?:\(|,|-|–)?[ \t]*(?:(?i:" + DOB_CUE + r")|\[DOB\])|\([ \t]*" + DATE + r"\))"
        ),
        honorific=re.compile(
            r"(?<![\w])(?P<title>Mr|Mrs|Ms|Miss|Mx|Mstr|Master|MR|MRS|MS|MISS)\.?[ \t]+(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
        ),
        family_name=re.compile(
            r"\b[Tt]he[ \t]+(?P<name>" + NAME_WORD + r")[ \t]+(?:family|household|children|siblings|twins)\b(?!['’])"
            r"(?![ \t]+(?:network|group|project|partnership|service|services|hub|centre|court|support|board|council|forum)\b)"
        ),
        professional_title=re.compile(
            r"(?<![\w])(?:(?:Dr|DR|Prof|PC|DC|DS|DI|DCI|DSI|PCSO|Sgt|SGT|Cllr|CLLR|Rev|Revd|HHJ|DJ|Insp)\.?"
            r"|Doctor|Professor|Sergeant|Constable|Councillor|Judge|Inspector|Nurse|Detective(?:[ \t]+(?:Constable|Sergeant|Inspector))?)"
            r"[ \t]+(?P<name>" + NAME_RUN + r")"
        ),
        professional_before=re.compile(
            r"(?<![\w])(?i:(?:the|our|their|her|his|a|an)?[ \t]*(?:" + _ROLE_MODIFIERS + r"|new|former)?[ \t]*(?:" + roles + r"))"
            r"(?:[ \t]*(?:[,:(\-–—|]|is|was|named|called)[ \t]*|[ \t]+)(?:\(|the[ \t]+)?(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?(?P<name>" + NAME_RUN + r")"
        ),
        professional_after_tail=re.compile(
            r"[ \t]*(?:\(|,[ \t]*(?:the[ \t]+|our[ \t]+)?|[ \t][-–—][ \t]|[ \t]+(?:is|was|as)[ \t]+(?:the[ \t]+)?|[ \t]+who[ \t]+is[ \t]+the[ \t]+"
            r")"
            r"(?i:(?:" + _ROLE_MODIFIERS + r")?[ \t]*(?:" + roles + r"))(?![\w])"
        ),
        # a signature: the name on its own line, the role on the next ("Ruth Mensah\nSocial Worker")
        signature=re.compile(
            r"(?m)^[ \t]*(?P<name>" + NAME_WORD + r"(?:[ \t]+" + NAME_WORD + r"){1,3})[ \t]*,?[ \t]*\r?\n[ \t]*"
            r"(?i:(?:" + _ROLE_MODIFIERS + r")?[ \t]*(?:" + roles + r"))(?![\w])"
        ),
        verb_cue_tail=re.compile(
            r"(?:['’]s)?[ \t]+(?:(?:has|had|have|was|is|also|then|later|clearly|repeatedly|again|initially|previously|now|did|does|would|could|will|had\s+not|did\s+not|does\s+not)[ \t]+)?"
            r"(?:said|says|told|tells|disclosed|discloses|stated|explained|cried|admitted|admits|"
            r"denied|denies|refused|alleged|alleges|spoke|smiled|laughed|wants|wanted|wishes|wished|"
            r"feels|felt|loves|loved|likes|liked|hates|misses|ran\s+away|absconded|self-harmed|"
            r"has\s+been\s+seen|was\s+seen|is\s+\d{1,2}|was\s+\d{1,2}|turned\s+\d{1,2}|"
            r"is\s+aged|was\s+born|lives\s+with|is\s+living|was\s+living|attends\s+(?:the\s+)?[A-Z])\b"
        ),
        alias=re.compile(
            r"(?i:\b(?:known\s+as|also\s+known\s+as|a\.?k\.?a\.?|nicknamed|nickname|also\s+called|"
            r"prefers\s+to\s+be\s+called|previously\s+known\s+as|formerly|n[ée]e|maiden\s+name))[ \t:]*[\"“‘']?(?P<name>" + NAME_RUN + r")"
        ),
        list_next=re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)(?P<name>" + NAME_RUN + r")"),
        adult_cell=re.compile(r"(?i)" + REL_MOD + r"(?:" + adult + r")(?:\s*\(.*\))?"),
        child_cell=re.compile(r"(?i)(?:subject\s+)?" + REL_MOD + r"(?:" + child + r")(?:\s*\(.*\))?"),
        date_after_name=re.compile(
            r"(?:['’]s)?[ \t]*(?:\(|,|-|–|\||\t|:)?[ \t|]*(?:(?:b\.|born|dob|d\.o\.b\.?)[ \t:]*)?(" + DATE + r")(?![\w]|/\d)", re.I
        ),
    )


class RunMatch:
    """A name-first match: a capitalised run (found once per passage) and the tail after it."""

    def __init__(self, text: str, s: int, e: int, tail: re.Match[str]) -> None:
        self.text, self.s, self.e, self.tail = text, s, e, tail

    def start(self, g: str | int = 0) -> int:
        return self.s if g in ("name", 0) else self.tail.start(g)

    def end(self, g: str | int = 0) -> int:
        return self.e if g == "name" else self.tail.end(g if g != 0 else 0)

    def group(self, g: str | int = 0) -> str | None:
        if g == "name":
            return self.text[self.s:self.e]
        if g == 0:
            return self.text[self.s:self.tail.end()]
        return self.tail.group(g)


def runs_then(tail: re.Pattern[str], text: str, runs: list[tuple[int, int]]) -> list[RunMatch]:
    out = []
    for s, e in runs:
        tm = tail.match(text, e)
        if tm:
            out.append(RunMatch(text, s, e, tm))
    return out


@dataclass
class Runs:
    """The capitalised runs of a passage: every one, and those not written in capitals."""

    all: list[tuple[int, int]]
    mixed_case: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> "Runs":
        runs = sorted({(m.start(), m.end()) for m in NAME_RUN_RE.finditer(text)}
                      | {(m.start(), m.end()) for m in UPPER_RUN_RE.finditer(text)})
        return cls(runs, [r for r in runs if not text[r[0]:r[1]].isupper()])


def _with_list(mentions: Mentions, p: int, text: str, m: re.Match[str], votes: dict[str, int], source: str = "rule") -> None:
    """A name and the names listed after it: "Siblings: Zofia (9), Lena (7) and baby Oskar"."""
    before = len(mentions.family)
    mentions.add(p, m.start("name"), m.end("name"), votes, source)
    if len(mentions.family) == before:
        return  # the first name did not survive: not a list of names
    pos = m.end("name")
    while nxt := patterns().list_next.match(text, pos):
        mentions.add(p, nxt.start("name"), nxt.end("name"), votes, source)
        pos = nxt.end("name")


def professionals(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    """Titles ("Dr Patel") and a role next to a full name; a lone first name next to a role
    word is not trusted ("told the social worker Kelly was...")."""
    pat = patterns()
    for m in pat.professional_title.finditer(text):
        mentions.add(p, m.start("name"), m.end("name"), None, "rule", professional=True)
    for m in pat.signature.finditer(text):
        mentions.add(p, m.start("name"), m.end("name"), None, "rule", professional=True)
    for found in (list(pat.professional_before.finditer(text)), runs_then(pat.professional_after_tail, text, runs.mixed_case)):
        for m in found:
            s, e = m.start("name"), m.end("name")
            if len(name_words(text[s:e])) >= 2 or re.search(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+$", text[max(0, s - 6):s]):
                mentions.add(p, s, e, None, "rule", professional=True)
                if isinstance(m, re.Match):
                    _professional_list(mentions, p, text, e)


_PROFESSIONAL_LIST_NEXT_RE = re.compile(
    r"(?:[ \t]*\([A-Za-z ]{2,12}\))?(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]+)(?P<name>" + NAME_RUN + r")"
)


def _professional_list(mentions: Mentions, p: int, text: str, pos: int) -> None:
    """"Team inspectors: Shirley Bailey, Brenda McLaughlin (HMI), Susan Myers and Lynn Radley"."""
    while (nxt := _PROFESSIONAL_LIST_NEXT_RE.match(text, pos)) and len(name_words(nxt.group("name"))) >= 2:
        mentions.add(p, nxt.start("name"), nxt.end("name"), None, "rule", professional=True)
        pos = nxt.end("name")


def _collective(rel: str) -> bool:
    return re.sub(r"\s+", " ", rel.lower()) in vocabulary().collective_relations


def _collective_names_someone(mentions: Mentions, text: str, m: re.Match[str]) -> bool:
    """After a group word ("children", "parents"), a name only with a label's colon, or when
    it looks like one: a given name, or two words the document never writes in lower case."""
    between = text[m.end("adult") if m.group("adult") else m.end("child"):m.start("name")]
    if re.search(r"(?i)\b(?:of|to)\b", between):
        return False  # "the children of East Riding"
    if mentions.doubtful(text, m.start("name"), m.end("name")):
        return False
    if ":" in m.group("sep"):
        return True
    if "(" in m.group("sep") and text[m.end("name"):m.end("name") + 1] == ")":
        return True  # "Child (Noor) seen alone"
    v = vocabulary()
    words = name_words(m.group("name"))
    return len(words) >= 2 or any(w.lower() in v.given_names or w.lower() in v.ambiguous_given for w in words)


def relation_before(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    kin = vocabulary().kin_shortlist
    for m in patterns().relation_before.finditer(text):
        rel = m.group("adult") or m.group("child")
        if re.search(r"(?i)\bcorporate\s+$", text[max(0, m.start() - 12):m.start()]):
            continue  # "as a corporate parent, South Tyneside": the council, not a parent
        if _collective(rel) and not _collective_names_someone(mentions, text, m):
            continue  # "asylum-seeking children (UASC)", "For some children, Careline ..."
        between = text[m.end("adult") if m.group("adult") else m.end("child"):m.start("name")]
        if re.search(r"(?i)\b(?:of|to)\b", between) and not re.search(r"[,:;(\-–—|]", m.group("sep")):
            continue  # "a partner of One Adoption West Yorkshire": "the mother of Tom, Kelly" needs its comma
        if not m.group("sep").strip() or m.group("sep").strip() in ("-", "–", "—"):
            # bare "Children Board", "Peer Challenge", "Partner Agencies": only a lower-case
            # relation word or a capitalised singular kin word introduces a name unpunctuated
            if rel[0].isupper() and re.sub(r"\s+", " ", rel.lower()) not in kin:
                continue
            first = m.group("name").split()[0]
            if first.isupper() and first.lower() not in vocabulary().given_names:
                continue  # "children's RAISE database"
        _with_list(mentions, p, text, m, {"ADULT": 3} if m.group("adult") else {"CHILD": 3})


def relation_after(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in runs_then(patterns().relation_after_tail, text, runs.mixed_case):
        rel = m.group("adult") or m.group("child")
        bracketed = m.group(0)[len(m.group("name")):].lstrip().startswith("(")
        if (_collective(rel) and not bracketed) or mentions.doubtful(text, m.start("name"), m.end("name")):
            continue  # "Overall, children are ...", "Consequently, young people ..."
        if not bracketed and not re.match(r"[ \t]*(?:[),.;:!?]|$|(?i:of|to|and|who|is|was|has|had|said|attended|agreed)\b)", text[m.end():]):
            continue  # "Volunteering, adult learning": a relation word as an adjective
        if bracketed and not re.match(r"[ \t]*(?:[),;:/]|\d|$|(?i:aged?|of|to|and|who|is|was)\b)", text[m.end():]):
            continue  # "May House (child disability homes)": not "(mother)" or "(brother, 6)"
        mentions.add(p, m.start("name"), m.end("name"), {"ADULT": 3} if m.group("adult") else {"CHILD": 3}, "rule")


def subject(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in patterns().subject.finditer(text):
        name = m.group("name")
        if name.isupper() and len(name) <= 4 and name.lower() not in vocabulary().given_names:
            continue  # initials or an acronym: "in respect of HK", "assessment for SGO"
        if mentions.doubtful(text, m.start("name"), m.end("name")):
            continue  # "review of Children's Services", "assessment of Need"
        _with_list(mentions, p, text, m, {"CHILD": 2})


def form_label(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    adult_labels = set(vocabulary().labels_adult)
    for m in patterns().label.finditer(text):
        label = re.sub(r"\s+", " ", m.group("label").lower())
        mentions.add(p, m.start("name"), m.end("name"), {"ADULT": 3} if label in adult_labels else {"CHILD": 1}, "rule")


def age_after(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in runs_then(patterns().age_after_tail, text, runs.all):
        said = m.group("age") or m.group("age2")  # "aged 6", "6 years old": a bare "(6)" could follow a place
        if mentions.doubtful(text, m.start("name"), m.end("name"), only_people=bool(said)):
            continue  # "(Grade 3)", "(Para 86)", "NEET aged 19"
        age = int(m.group("age") or m.group("age2") or m.group("age3"))
        mentions.add(p, m.start("name"), m.end("name"), {"CHILD": 1} if age < 18 else {"ADULT": 1}, "rule")


def dob_after(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in runs_then(patterns().dob_after_tail, text, runs.all):
        # "born"/"DOB" said outright is a person's; a bare "(12 March 2019)" could follow a place
        said = bool(_DOB_SAID.search(text, m.end("name"), m.end()))
        if mentions.doubtful(text, m.start("name"), m.end("name"), only_people=said):
            continue  # "(January-May 2015)", "New born"
        mentions.add(p, m.start("name"), m.end("name"), {"CHILD": 2}, "rule")


_DOB_SAID = re.compile(r"(?i:" + DOB_CUE + r")|\[DOB\]")


def honorific(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in patterns().honorific.finditer(text):
        t = m.group("title").lower()
        mentions.add(p, m.start("name"), m.end("name"), {"CHILD": 2} if t in ("master", "mstr") else {"ADULT": 2},
                     "honorific", honorific=t)


def family_name(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in patterns().family_name.finditer(text):
        if mentions.doubtful(text, m.start("name"), m.end("name")):
            continue  # "the Bromley children's project", "the Somali family network"
        mentions.add(p, m.start("name"), m.end("name"), None, "rule")


def verb_cue(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    org = vocabulary().org_words
    for m in runs_then(patterns().verb_cue_tail, text, runs.mixed_case):
        if any(w.lower().strip("'’") in org for w in m.group("name").split()):
            continue
        if preceded_by_org(text, m.start("name")):
            continue
        mentions.add(p, m.start("name"), m.end("name"), None, "verb")


def alias(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in patterns().alias.finditer(text):
        words = name_words(m.group("name"))
        if mentions.doubtful(text, m.start("name"), m.end("name")) or (
                len(words) > 1 and not any(w.lower() in vocabulary().given_names for w in words)):
            continue  # "a regional adoption agency known as Adoption Counts"
        mentions.add(p, m.start("name"), m.end("name"), None, "rule")


_QUOTED_RE = re.compile(r"[\"“‘'](?P<name>" + NAME_WORD + r")[\"”’']")


def quoted_alias(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    """A quoted name beside a name: stepdad "Gaz" (Gary Pennock), Maddison ("Maddie") Quinn."""
    for m in _QUOTED_RE.finditer(text):
        before, after = text[max(0, m.start() - 30):m.start()], text[m.end():m.end() + 30]
        given = vocabulary().given_names
        word_before = re.search(r"(" + NAME_WORD + r")[ \t]*\(?[ \t]*$", before)
        beside_name = (re.match(r"[ \t]*\([ \t]*" + NAME_RUN, after)
                       or (word_before and word_before.group(1).lower() in given)
                       or re.search(r"(?i)(?:" + alternation(vocabulary().adult_relations + vocabulary().child_relations) + r")[ \t]*$", before))
        if beside_name and not mentions.doubtful(text, m.start("name"), m.end("name")):
            mentions.add(p, m.start("name"), m.end("name"), None, "rule")


# An email header or signature with an organisation's address: a professional writing.
_ORG_EMAIL_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r")[ \t]*[<(\[][ \t]*[\w.'+-]+@[\w.-]+\.(?:gov\.uk|nhs\.net|nhs\.uk|police\.uk|pnn\.police\.uk|"
    r"sch\.uk|ac\.uk|org\.uk|cafcass\.gov\.uk|gcsx\.gov\.uk)[ \t]*[>)\]]"
)


def correspondents(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    for m in _ORG_EMAIL_RE.finditer(text):
        mentions.add(p, m.start("name"), m.end("name"), None, "rule", professional=True)


_SURNAME_FIRST_RE = re.compile(
    r"(?<![\w'’-])(?P<surname>(?:Mc|Mac|O['’])?[A-Z]{2,}(?:-[A-Z]{2,})?|(?:Mc|Mac)[A-Z]{2,}),[ \t]+(?P<name>" + NAME_RUN + r")"
    r"(?P<cue>[ \t]*\((?i:dob|d\.o\.b|born|aged?|\d))?"
)


def surname_first(mentions: Mentions, p: int, text: str, runs: Runs) -> None:
    """Police and court style, surname first in capitals: "HOLLIS, Danielle (dob ...)",
    "McGRATH, Connor James" (with a given name, or an age or date of birth after it)."""
    v = vocabulary()
    roles = {r.lower() for r in v.professional_roles}
    for m in _SURNAME_FIRST_RE.finditer(text):
        surname = m.group("surname")
        low = surname.lower()
        if (len(surname) < 3 or low in v.not_name_words or low in v.strict_org_words or low in roles
                or surname in mentions.places or surname in mentions.acronyms):
            continue  # "Donna Marriott HMI, Linda Steele HMI", "the DCS, Lead Member"
        given = any(w.lower() in v.given_names or w.lower() in v.ambiguous_given for w in name_words(m.group("name")))
        if given or m.group("cue"):
            mentions.add(p, m.start("surname"), m.end("name"), None, "rule")


Rule = Callable[[Mentions, int, str, Runs], None]
RULES: tuple[Rule, ...] = (professionals, correspondents, relation_before, relation_after, subject, form_label, age_after,
                           dob_after, honorific, family_name, verb_cue, alias, quoted_alias, surname_first)
