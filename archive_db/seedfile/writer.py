"""ParsedDocument → seed-file text, in the specimen's layout.

Deterministic and cheap (string joins only): it also generates the benchmark corpus.
``parse_text(render(doc))`` gives back ``doc``'s key fields (see the property tests).
The synthetic "text_source" citation (the document's own volume) is not written as a
citation line: the parser derives it again from the ``Том N`` line and the metadata.
"""

from __future__ import annotations

from archive_db.seedfile.model import ParsedDocument, Version

NAV_LINE = "← Back to index"


def _printed(doc: ParsedDocument, language: str) -> list[str]:
    lines = [c.printed[language] for c in doc.citations
             if c.role != "text_source" and language in c.printed]
    lines += [r.printed[language] for r in doc.archival_references if language in r.printed]
    return lines


def _english(doc: ParsedDocument, v: Version) -> list[str]:
    out = [v.title]
    if v.source_line:
        out.append(v.source_line)
    if v.printed_date:
        out.append(v.printed_date)
    return [*out, "", v.body, "", "---", *_printed(doc, v.language), *v.notes, ""]


def _russian(doc: ParsedDocument, v: Version) -> list[str]:
    out = [v.source_line] if v.source_line else []
    out.append(v.title)
    if v.printed_date:
        out.append(v.printed_date)
    return [*out, v.body, *_printed(doc, v.language), *v.notes, ""]


def render(doc: ParsedDocument) -> str:
    """The seed-file text of ``doc``, honouring its BOM, CRLF and final-newline flags."""
    out = [NAV_LINE, "", doc.title, ""]
    spanish = doc.version("es") if doc.version("ru") else None
    if doc.index_title:
        out += [doc.index_title, *([spanish.title] if spanish else []), ""]
    meta = " ".join(x for x in (doc.date.header, doc.provenance, doc.badge) if x)
    if meta:
        out += [meta, ""]
    # The English layout first, then the Russian; a Spanish text (the Works' pages) last.
    for v in sorted(doc.versions, key=lambda v: (v.language == "ru") + 2 * (v is spanish)):
        out += _russian(doc, v) if v.language == "ru" else _english(doc, v)
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out) + ("\n" if doc.trailing_newline else "")
    if doc.crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if doc.bom else "") + text
