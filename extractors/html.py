"""HTML: text only, with lxml. Scripts, styles, templates, navigation chrome and comments are dropped.

h1-h6 are headings, li list items, tr table rows (th/td cells), p/div/blockquote/pre paragraphs.
The <title> element (or the first h1) decides the title.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.model import ExtractedDocument, PassageKind, Refused
from core.settings import Settings

from .common import Block, finish

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "form", "select", "nav"}
_BLOCKS = {"p", "div", "blockquote", "pre", "section", "article", "main", "address", "dd", "dt", "figcaption", "caption", "header", "footer", "aside", "body", "center", "td", "th"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


def extract(path: Path, settings: Settings | None = None) -> ExtractedDocument:
    from lxml import etree, html as lxml_html

    data = path.read_bytes()
    try:
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=False)
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Refused(f"unreadable HTML ({str(exc)[:80]})") from None
    title_el = root.find(".//title")
    title = _text(title_el) if title_el is not None else None
    for element in root.iter(etree.Comment):
        element.drop_tree() if hasattr(element, "drop_tree") else None
    body = root.find("body")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks)
    return finish(path, "html", blocks, metadata_title=title, metadata_how="HTML <title>")


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content() if hasattr(element, "text_content") else "").strip()


def _walk(element, blocks: list[Block]) -> None:
    """Emit blocks for `element`, collecting inline text into the nearest block."""
    buffer: list[str] = []

    def flush(kind: PassageKind = PassageKind.PARAGRAPH) -> None:
        text = re.sub(r"\s+", " ", "".join(buffer)).strip()
        buffer.clear()
        if text:
            blocks.append(Block(text=text, kind=kind))

    if element.text:
        buffer.append(element.text)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if not tag or tag in _DROP:
            if child.tail:
                buffer.append(child.tail)
            continue
        if tag in _HEADINGS:
            flush()
            blocks.append(Block(text=_text(child), kind=PassageKind.HEADING, level=_HEADINGS[tag]))
        elif tag == "li":
            flush()
            _list_item(child, blocks)
        elif tag == "table":
            flush()
            _table(child, blocks)
        elif tag in ("br",):
            buffer.append(" ")
        elif tag in _BLOCKS or tag in ("ul", "ol", "dl", "tr", "tbody", "thead", "tfoot", "hr", "form", "fieldset", "details", "summary", "figure"):
            flush()
            _walk(child, blocks)
        else:
            buffer.append(_inline_text(child))
        if child.tail:
            buffer.append(child.tail)
    flush()


def _inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag and tag not in _DROP:
            parts.append(" " if tag == "br" else _inline_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _list_item(element, blocks: list[Block]) -> None:
    nested = [c for c in element if isinstance(c.tag, str) and c.tag.lower() in ("ul", "ol", "table")]
    own = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if child in nested or tag in _DROP or not tag:
            pass
        else:
            own.append(_inline_text(child))
        if child.tail:
            own.append(child.tail)
    text = re.sub(r"\s+", " ", "".join(own)).strip()
    if text:
        blocks.append(Block(text=text, kind=PassageKind.LIST_ITEM))
    for child in nested:
        if child.tag.lower() == "table":
            _table(child, blocks)
        else:
            _walk(child, blocks)


def _table(element, blocks: list[Block]) -> None:
    for row in element.iter("tr"):
        # skip rows of nested tables here; they are visited by iter() too
        cells = tuple(_cell(c) for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th"))
        if any(cells):
            blocks.append(Block(text="", kind=PassageKind.TABLE_ROW, cells=cells))


def _cell(element) -> str:
    for dropped in element.iter(*_DROP):
        dropped.text = ""
    return _text(element)
