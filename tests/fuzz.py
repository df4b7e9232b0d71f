"""Hostile variants of real PDFs and DOCX files, for proving that ingest never crashes or hangs.

Each mutation is named so a failure can be reproduced: truncations, flipped bytes, broken xref
tables, corrupted zip members, huge declared sizes (zip bombs), deeply nested structures.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path


def pdf_mutations(data: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for fraction in (0.1, 0.5, 0.9, 0.99):
        yield f"truncated-{int(fraction * 100)}pct", data[: int(len(data) * fraction)]
    for n in (1, 16, 256):
        yield f"flipped-{n}-bytes", _flip(data, n, rng)
    yield "broken-xref", data.replace(b"xref", b"xXef").replace(b"startxref", b"startxXef")
    yield "wrong-startxref", _replace_last_number_after(data, b"startxref", b"999999999")
    yield "huge-object-length", data.replace(b"/Length ", b"/Length 99999999999", 1)
    yield "nested-arrays", b"%PDF-1.4\n1 0 obj\n" + b"[" * 50_000 + b"]" * 50_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    yield "nested-dicts", b"%PDF-1.4\n1 0 obj\n" + b"<<" * 20_000 + b">>" * 20_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    yield "header-only", b"%PDF-1.7\n"


def docx_mutations(data: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for fraction in (0.1, 0.5, 0.9):
        yield f"truncated-{int(fraction * 100)}pct", data[: int(len(data) * fraction)]
    for n in (1, 16, 256):
        yield f"flipped-{n}-bytes", _flip(data, n, rng)
    yield "corrupt-document-xml", _rewrite_member(data, "word/document.xml", lambda b: b[: len(b) // 2] + b"\x00\xff<<<" + b[len(b) // 2 :])
    yield "garbage-document-xml", _rewrite_member(data, "word/document.xml", lambda b: bytes(rng.getrandbits(8) for _ in range(2000)))
    yield "missing-document-xml", _drop_member(data, "word/document.xml")
    yield "zip-bomb", _rewrite_member(data, "word/document.xml", lambda b: b + b" " * (300 * 1024 * 1024))
    yield "deep-nesting", _rewrite_member(
        data,
        "word/document.xml",
        lambda b: b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p>" * 30_000 + b"</w:p>" * 30_000 + b"</w:body></w:document>",
    )
    yield "entity-expansion", _rewrite_member(
        data,
        "word/document.xml",
        lambda b: b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&g;&g;&g;</w:t></w:r></w:p></w:body></w:document>',
    )


def write_fuzz_corpus(seeds: list[Path], folder: Path, seed: int = 7) -> list[Path]:
    """Mutated copies of each seed file in `folder`; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source in seeds:
        data = source.read_bytes()
        mutations = pdf_mutations if data.startswith(b"%PDF") else docx_mutations
        for name, mutated in mutations(data, rng):
            target = folder / f"{source.stem}--{name}{source.suffix}"
            target.write_bytes(mutated)
            written.append(target)
    return written


def _flip(data: bytes, n: int, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(n):
        position = rng.randrange(len(buffer))
        buffer[position] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def _replace_last_number_after(data: bytes, marker: bytes, number: bytes) -> bytes:
    index = data.rfind(marker)
    if index < 0:
        return data
    head, tail = data[: index + len(marker)], data[index + len(marker) :]
    stripped = tail.lstrip()
    digits = len(stripped) - len(stripped.lstrip(b"0123456789"))
    return head + b"\n" + number + stripped[digits:]


def _rewrite_member(data: bytes, member: str, change) -> bytes:  # type: ignore[no-untyped-def]
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def _drop_member(data: bytes, member: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()
