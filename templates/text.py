"""Words for readers, shared by everything that writes for them (packs, audits, narratives and the
templates themselves): text cut at a word boundary, counts in English, text made safe for Markdown
and for XML.

One helper per job so that every output agrees: a cut always ends on a whole word with "…", and
"1 gap" / "2 gaps" is spelt the same way in the index, changes.md and the run report.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"

# Characters XML 1.0 (python-docx, lxml) refuses, and C1 controls no reader wants to see.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Punctuation that reads badly just before an ellipsis ("the plan, …", "was (…").
_DANGLING = " \t,;:–—-(/[{‘“&"


def clean(text: object) -> str:
    """Text safe for XML (python-docx) and HTML: control characters removed."""
    return _CONTROL.sub("", "" if text is None else str(text))


def shorten(text: object, limit: int | None = None, *, words: int | None = None) -> str:
    """`text` on one line, at most `limit` characters (the ellipsis included) and at most `words`
    words, cut at a word boundary; "…" marks that something was cut.

    A single word longer than `limit` (a URL, say) is the only thing ever cut inside a word."""
    flat = " ".join(clean(text).split())
    cut = flat
    if words is not None and words >= 0:
        parts = flat.split(" ")
        if len(parts) > words:
            cut = " ".join(parts[:words])
    if limit is not None and len(cut) + (len(ELLIPSIS) if cut != flat else 0) > limit:
        room = max(0, limit - len(ELLIPSIS))
        space = cut.rfind(" ", 0, room + 1)
        cut = cut[:space] if space > 0 else cut[:room]
    if cut == flat:
        return flat
    return cut.rstrip(_DANGLING) + ELLIPSIS


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 gap", "2 gaps", "0 gaps", "1,693 passages": a count and its noun in English."""
    noun = singular if count == 1 else (plural_form or _plural_of(singular))
    return f"{count:,} {noun}"


def _plural_of(noun: str) -> str:
    # The last word takes the plural ("new gap" -> "new gaps"); a phrase whose head noun comes
    # first ("line of enquiry", "item left out") passes its plural form explicitly.
    rest, space, head = noun.rpartition(" ")
    if head.endswith(("s", "x", "z", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return rest + space + head


# ----------------------------------------------------------------------------- Markdown
# Characters that would start emphasis, code, a table cell or raw HTML, or (for "]") close a link.
_MD_INLINE = re.compile(r"([\\`*_|<>]|\[(?=[^\]]*\][(\[:])|\](?=[(\[:])|!(?=\[))")
_MD_LINE_START = re.compile(r"^(\s*)([#+-](?=\s|$)|>|\d+(?=[.)](?:\s|$)))")


def md_escape(text: object) -> str:
    """Document text inside Markdown, on one line: shown as written, never as a link, an image,
    emphasis, a table cell, a heading or raw HTML (a `<script>` in a title stays text)."""
    flat = " ".join(clean(text).split())
    escaped = _MD_INLINE.sub(r"\\\1", flat)
    # a heading, quote or list marker only at the very start ("1. " becomes "1\. ", "- " becomes "\- ")
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit() else "\\" + m.group(2)), escaped)


def md_code(text: object) -> str:
    """Text as an inline code span (keys such as `3f2a9c1b0d4e/#17`): backslashes are not escapes
    inside code, so the fence is made longer than any run of backticks in the text instead."""
    flat = " ".join(clean(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
