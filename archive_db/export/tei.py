"""TEI P5: one file a document.

The header says everything the archive holds of the document: its titles, authors
and the machine translator (titleStmt), the archival references (one msDesc each:
repository, fond/opis/papka/delo as idno, folios as locus), every publication (bibl
with biblScope), the editor's notes (notesStmt), the date (creation, with when or
notBefore/notAfter and the printed form as text), correspDesc, langUsage, the people
and places linked (listPerson, listPlace: names, authority, provisional or curated)
and every revision of every text (revisionDesc). The text has a ``<div>`` per
language and origin holding the current version verbatim, with opener, closer and
postscript where the document has them and the people and places marked
(persName/placeName, ``ref`` to Wikidata where known, else to the list entry).
How each link was made (layout, title, recognition ...) and how sure it is go with
it as ``ana`` (a category of the link-methods taxonomy in encodingDesc) and ``cert``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from sqlalchemy import Connection

from archive_db.export.authority import authority_uri, entity_id, entity_ref, xml_id
from archive_db.export.files import partial_file
from archive_db.export.layout import layout
from archive_db.export.records import (
    Citation,
    DocumentRecord,
    Entity,
    Link,
    Reference,
    Version,
    document_ids,
    iter_records,
)
from archive_db.export.textmarkup import TEI_NS, Found, NameMarker, T, sub, text_div

# Tells XML editors (oXygen, VS Code) which schema the file follows.
TEI_ALL_MODEL = (
    b'<?xml-model href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/'
    b'tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
)
XML_NS = "http://www.w3.org/XML/1998/namespace"
LANG = f"{{{XML_NS}}}lang"
ID = f"{{{XML_NS}}}id"

# Link methods (vocab.LINK_METHODS), described for the taxonomy every file carries.
METHODS = {
    "layout": "read from the layout: addressee lines, signature, place line",
    "title": "read from the document's title",
    "salutation": "read from the salutation",
    "collection": "the author of the collected works the document belongs to",
    "authority": "a name form of a curated authority entry found in the text",
    "ner": "found by named-entity recognition (Natasha)",
    "curator": "decided by a curator",
}
# Kinds that are correspondence whether or not an addressee is known; any other
# document is when someone (or some place) is written to.
CORRESPONDENCE_KINDS = ("letter", "telegram")
# The correspondence actions of correspDesc, from the people's and places' roles.
SENT, RECEIVED, TRANSMITTED = "sent", "received", "transmitted"
PERSON_ACTIONS = {
    "author": SENT,
    "signatory": SENT,
    "addressee": RECEIVED,
    "recipient": RECEIVED,
    "intermediary": TRANSMITTED,
}
PLACE_ACTIONS = {"origin": SENT, "destination": RECEIVED}
ORIGIN_DIVS = {"volume": "original", "machine_translation": "translation",
               "human_translation": "translation", "other": "version"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TeiReport:
    written: int
    missing: tuple[str, ...] = ()  # keys asked for that the archive does not hold
    pruned: int = 0  # files of documents no longer in the archive, removed


def iter_tei(
    conn: Connection, keys: Sequence[str] | None = None, volume: str | None = None
) -> Iterator[tuple[str, bytes]]:
    """(key, TEI file) for each document asked for (all when neither is given), a
    batch of documents at a time."""
    for record in iter_records(conn, document_ids(conn, keys=keys, volume=volume)):
        yield record.key, serialize(build(record))


def tei_document(conn: Connection, key: str) -> bytes:
    """One document's TEI file; KeyError when the archive has no document ``key``."""
    for _, data in iter_tei(conn, keys=[key]):
        return data
    raise KeyError(key)


def export_tei(
    conn: Connection,
    out_dir: Path | str,
    keys: Sequence[str] | None = None,
    volume: str | None = None,
    prune: bool = False,
) -> TeiReport:
    """Write OUT_DIR/KEY.xml for each document asked for (keys and volume narrow each
    other; neither: every document), on a :func:`snapshot` connection so that every
    file shows the same archive. Each file appears whole (a temporary file renamed);
    OUT_DIR is made when the first file is written. Other files in it are left alone,
    unless ``prune`` (an export of every document only): then the KEY.xml files of
    documents no longer in the archive (withdrawn, say) are removed."""
    if prune and (keys is not None or volume is not None):
        raise ValueError("prune removes what the archive no longer holds: export all to prune")
    out_dir = Path(out_dir)
    written, seen = 0, set()
    for key, data in iter_tei(conn, keys=keys, volume=volume):
        if Path(key).name != key or key.startswith("."):  # keys are file stems: never
            raise ValueError(f"a document key that is no file name: {key!r}")
        with partial_file(out_dir / f"{key}.xml", sync=False) as stream:
            stream.write(data)
        written += 1
        seen.add(key)
    pruned = 0
    if prune and out_dir.is_dir():
        for stale in out_dir.glob("*.xml"):
            if stale.stem not in seen and _exported_by_us(stale):
                stale.unlink()
                pruned += 1
    missing = tuple(k for k in keys or () if k not in seen)
    return TeiReport(written, missing, pruned)


def _exported_by_us(path: Path) -> bool:
    """Whether a file is an export of this tool: its TEI root, within its first lines,
    carries the document's id (doc-KEY). Pruning never removes a file someone else put
    there."""
    with path.open("rb") as f:
        head = f.read(4096)
    return b"<TEI" in head and f'xml:id="{xml_id("doc", path.stem)}"'.encode() in head


def serialize(root: etree._Element) -> bytes:
    header = root.find(T + "teiHeader")
    assert header is not None
    etree.indent(header, level=1)  # the header only: whitespace in the text is the body's
    header.tail = "\n"
    return (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        + TEI_ALL_MODEL
        + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        + b"\n"
    )


# ---------------------------------------------------------------- the file


def build(doc: DocumentRecord) -> etree._Element:
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    root.set(ID, xml_id("doc", doc.key))
    current = doc.current_versions
    if current:
        root.set(LANG, current[0].language)
    header = etree.SubElement(root, T + "teiHeader")
    header.text = "\n"
    text = etree.SubElement(root, T + "text")
    body = etree.SubElement(text, T + "body")
    found: Found = {}  # the texts first: the header lists the forms they mark
    for version in current:
        _version_div(body, doc, version, found)
    _file_desc(header, doc)
    _encoding_desc(header)
    _profile_desc(header, doc, found)
    _revision_desc(header, doc)
    if not len(body):
        etree.SubElement(body, T + "p")
    notes = [(v, note) for v in current for note in v.notes]
    if notes:
        back = etree.SubElement(text, T + "back")
        div = etree.SubElement(back, T + "div", type="notes")
        for n, (version, note) in enumerate(notes, 1):
            el = sub(div, "note", note, type="editorial", n=str(n))
            el.set(LANG, version.language)
            el.set("target", f"#{_div_id(version)}")
    return root


def _file_desc(header: etree._Element, doc: DocumentRecord) -> None:
    file_desc = sub(header, "fileDesc")
    stmt = sub(file_desc, "titleStmt")
    main = sub(stmt, "title", doc.title, type="main")
    if language := next((v.language for v in doc.current_versions if v.title == doc.title), None):
        main.set(LANG, language)
    if doc.index_title:
        sub(stmt, "title", doc.index_title, type="index").set(LANG, "ru")
    for version in doc.current_versions:
        if version.title not in (doc.title, doc.index_title):
            sub(stmt, "title", version.title, type="version").set(LANG, version.language)
    for link in _distinct(doc.people, ("author",)):
        _name(stmt, "author", link)
    for origin in sorted(
        {v.origin for v in doc.versions if v.origin_kind == "machine_translation"}
    ):
        resp = sub(stmt, "respStmt")
        resp.set(ID, xml_id("mt", origin))
        sub(resp, "resp", "machine translation")
        sub(resp, "name", origin)
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", "archive-db")
    sub(publication, "idno", doc.key, type="archive-db")
    if doc.volume:
        sub(publication, "idno", doc.volume, type="volume")
    if doc.halves_disagree:
        note = sub(sub(file_desc, "notesStmt"), "note", type="halves-disagree")
        note.text = (
            "The file's translation and its Russian text look like two different documents "
            f"({', '.join(doc.halves_disagree)}): neither is given as the other's translation."
        )
    source_desc = sub(file_desc, "sourceDesc")
    for ref in doc.references:
        _ms_desc(source_desc, ref)
    if doc.citations:
        bibls = sub(source_desc, "listBibl")
        printed = [v for v in doc.current_versions if v.origin_kind == "volume"]
        for citation in doc.citations:
            _bibl(bibls, citation, printed if citation.role == "text_source" else ())
    if not len(source_desc):
        sub(source_desc, "p", "No archival reference or publication is recorded.")


def _ms_desc(parent: etree._Element, ref: Reference) -> None:
    ms = sub(parent, "msDesc", n=str(ref.position), type="ibid" if ref.ibid else None)
    ident = sub(ms, "msIdentifier")
    repository = sub(ident, "repository", ref.archive_name_ru or ref.archive_code or "unknown")
    if ref.archive_code:
        repository.set("key", ref.archive_code)
    if ref.archive_name_ru:
        repository.set(LANG, "ru")
    for unit in ("fond", "opis", "papka", "delo"):
        if value := getattr(ref, unit):
            sub(ident, "idno", value, type=unit)
    if ref.archive_code_latin:
        alt = sub(ident, "altIdentifier", type="latin")
        sub(alt, "idno", ref.archive_code_latin, type="archive")
    item = sub(sub(ms, "msContents"), "msItem")
    if ref.folios:
        locus = sub(item, "locus", ref.folios, scheme="#folios")
        if ref.folio_start is not None:
            locus.set("from", f"{ref.folio_start}")
        if ref.folio_end is not None:
            locus.set("to", f"{ref.folio_end}{'v' if ref.verso else ''}")
    for language, printed in (("ru", ref.printed_ru), ("en", ref.printed_en)):
        if printed:
            sub(item, "note", printed, type="printed").set(LANG, language)
    if not len(item):
        sub(item, "p", "Printed without folios.")


def _bibl(parent: etree._Element, c: Citation, texts: Sequence[Version] = ()) -> None:
    bibl = sub(parent, "bibl", type=c.role, subtype=c.source_kind, n=str(c.position))
    bibl.set(ID, xml_id("bibl", str(c.position)))
    if texts:  # the volume a text was printed in points to that text
        bibl.set("corresp", " ".join(f"#{_div_id(v)}" for v in texts))
    if c.authors:
        sub(bibl, "author", c.authors)
    level = {"journal": "j", "newspaper": "j", "collected_works": "m", "book": "m"}
    sub(bibl, "title", c.title, level=level.get(c.source_kind)).set(LANG, "ru")
    if c.title_latin:
        sub(bibl, "title", c.title_latin, type="latin")
    if c.place:
        sub(bibl, "pubPlace", c.place)
    if c.publisher:
        sub(bibl, "publisher", c.publisher)
    if c.issue_date:
        sub(bibl, "date", c.issue_date.isoformat(), when=c.issue_date.isoformat())
    elif c.year:
        sub(bibl, "date", str(c.year), when=f"{c.year:04d}")
    if c.volume:
        sub(bibl, "biblScope", c.volume, unit="volume")
    if c.issue:
        sub(bibl, "biblScope", c.issue, unit="issue")
    if c.pages:
        scope = sub(bibl, "biblScope", c.pages, unit="page")
        if c.page_start is not None:
            scope.set("from", str(c.page_start))
        if c.page_end is not None:
            scope.set("to", str(c.page_end))
    for language, printed in (("ru", c.printed_ru), ("en", c.printed_en)):
        if printed:
            sub(bibl, "note", printed, type="printed").set(LANG, language)


def _encoding_desc(header: etree._Element) -> None:
    encoding = sub(header, "encodingDesc")
    project = sub(encoding, "projectDesc")
    sub(project, "p", "Exported from archive-db. Each text is the archive's stored body, "
         "verbatim; its people and places are marked where the text writes a name form "
         "of a person or place linked to the document.")  # fmt: skip
    taxonomy = sub(sub(encoding, "classDecl"), "taxonomy")
    taxonomy.set(ID, "link-methods")
    for method, description in METHODS.items():
        category = sub(taxonomy, "category")
        category.set(ID, xml_id("method", method))
        sub(category, "catDesc", description)
    refs = sub(encoding, "refsDecl")
    sub(refs, "p", "persName/@ref and placeName/@ref give the Wikidata (or other authority) "
         "URI where the archive knows it, else point to the entry of listPerson or listPlace; "
         "@key is the archive's own identifier (slug) of the person or place.")  # fmt: skip


def _profile_desc(header: etree._Element, doc: DocumentRecord, found: Found) -> None:
    profile = sub(header, "profileDesc")
    creation = sub(profile, "creation")
    _date(creation, doc)
    if doc.origin_place is not None:
        _entity_name(creation, "placeName", doc.origin_place)
    usage = sub(profile, "langUsage")
    for language in dict.fromkeys(v.language for v in doc.current_versions):
        sub(usage, "language", _language_name(language), ident=language)
    classes = sub(sub(profile, "textClass"), "keywords")
    sub(classes, "term", doc.kind, type="kind")
    if doc.classification:
        sub(classes, "term", doc.classification_text or doc.classification,
             type="classification", key=doc.classification)  # fmt: skip
    _corresp_desc(profile, doc)
    if doc.people:
        people = sub(sub(profile, "particDesc"), "listPerson")
        for entity, links in _by_entity(doc.people):
            _list_entry(people, doc, entity, links, found)
    places = [*doc.places]
    if doc.origin_place is not None and all(p.entity != doc.origin_place for p in places):
        places.insert(0, Link(doc.origin_place, "origin", "", doc.origin_place.preferred_name,
                              "layout", 1.0))  # fmt: skip
    if places:
        listed = sub(sub(profile, "settingDesc"), "listPlace")
        for entity, links in _by_entity(places):
            _list_entry(listed, doc, entity, links, found)


def _date(parent: etree._Element, doc: DocumentRecord) -> etree._Element:
    """``date`` with when (day, month or year), notBefore/notAfter (a range, or one
    bound), cert for the editors' dating or an approximate one, and the printed form."""
    date = sub(parent, "date", doc.date_text)
    for name, value in date_attributes(doc).items():
        date.set(name, value)
    return date


def date_attributes(doc: DocumentRecord) -> dict[str, str]:
    """``when`` for a day, month or year known at both ends; else ``notBefore`` and
    ``notAfter`` for the bounds known (an open end of an EDTF interval, ``../``, is
    no bound); ``cert`` for the editors' dating (medium) or an approximate one (low)."""
    start, end, precision = doc.date_start, doc.date_end, doc.date_precision
    out: dict[str, str] = {}
    bounded = doc.date_certainty == "bound" or precision not in ("day", "month", "year")
    if start is not None and end is not None and not bounded:
        out["when"] = _when(start, precision)
    else:
        edtf = doc.date_edtf or ""
        if start is not None and not edtf.startswith(".."):
            out["notBefore"] = start.isoformat()
        if end is not None and not edtf.endswith(".."):
            out["notAfter"] = end.isoformat()
    if out and doc.date_certainty == "inferred":
        out["cert"] = "medium"
    elif out and doc.date_certainty == "approximate":
        out["cert"] = "low"
    return out


def _when(day: dt.date, precision: str) -> str:
    iso = day.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(precision, iso)


def corresp_actions(doc: DocumentRecord) -> dict[str, list[tuple[str, Link]]]:
    """The people (persName) and places (placeName) of each correspondence action, each
    once an action in the order its links give them (an author who signs is one
    sender); the origin place stands among the senders' when no link names one."""
    actions: dict[str, list[tuple[str, Link]]] = {SENT: [], RECEIVED: [], TRANSMITTED: []}
    seen: set[tuple[str, str, str]] = set()
    for tag, links, roles in (("persName", doc.people, PERSON_ACTIONS),
                              ("placeName", doc.places, PLACE_ACTIONS)):  # fmt: skip
        for link in links:
            action = roles.get(link.role)
            if action is not None and (action, tag, link.entity.slug) not in seen:
                seen.add((action, tag, link.entity.slug))
                actions[action].append((tag, link))
    if doc.origin_place is not None and not any(tag == "placeName" for tag, _ in actions[SENT]):
        actions[SENT].append(("placeName", Link(doc.origin_place, "origin", "", "", "layout", 1.0)))
    return actions


def _corresp_desc(profile: etree._Element, doc: DocumentRecord) -> None:
    actions = corresp_actions(doc)
    if not (actions[RECEIVED] or actions[TRANSMITTED] or doc.kind in CORRESPONDENCE_KINDS):
        return  # a speech, an article ...: written to nobody
    corresp = sub(profile, "correspDesc", key=doc.key)
    for action in (SENT, TRANSMITTED, RECEIVED):
        if not actions[action] and action != SENT:
            continue
        element = sub(corresp, "correspAction", type=action)
        for tag, link in actions[action]:
            _name(element, tag, link)
        if action == SENT:
            _date(element, doc)


def _name(parent: etree._Element, tag: str, link: Link) -> etree._Element:
    """A person or place as its authority entry names it, with how the link was made."""
    el = _entity_name(parent, tag, link.entity)
    el.set("ana", f"#{xml_id('method', link.method)}")
    el.set("cert", _cert(link.confidence))
    return el


def _entity_name(parent: etree._Element, tag: str, entity: Entity) -> etree._Element:
    return sub(parent, tag, entity.preferred_name, ref=entity_ref(entity), key=entity.slug)


def _cert(confidence: float) -> str:
    return f"{round(confidence, 2):g}"


def _list_entry(
    parent: etree._Element, doc: DocumentRecord, entity: Entity, links: list[Link], found: Found
) -> None:
    """An entry of listPerson or listPlace: the preferred names, then every form the
    document writes (in its links and where its texts were marked), each typed as the
    authority file knows it (pseudonym, transliteration ...) or as-written."""
    kind = entity.kind
    entry = sub(parent, kind)
    entry.set(ID, entity_id(entity))
    tag = "persName" if kind == "person" else "placeName"
    sub(entry, tag, entity.preferred_name, type="preferred").set(LANG, "en")
    if entity.preferred_name_ru:
        sub(entry, tag, entity.preferred_name_ru, type="preferred").set(LANG, "ru")
    written = dict.fromkeys((link.name_as_written, link.language) for link in links)
    written.update(found.get((kind, entity.slug), {}))
    for name, language in written:
        if name and name not in (entity.preferred_name, entity.preferred_name_ru):
            name_kind = doc.name_kinds.get((kind, entity.slug, name), "as-written")
            el = sub(entry, tag, name, type=name_kind)
            if language:
                el.set(LANG, language)
    sub(entry, "idno", entity.slug, type="archive-db")
    if entity.authority_scheme and entity.authority_id:  # the URI where its form is known
        scheme = entity.authority_scheme.lower()
        sub(entry, "idno", authority_uri(entity) or entity.authority_id, type=scheme)
    roles = ", ".join(
        f"{link.role} ({link.method}, {_cert(link.confidence)}"
        + (f", {link.language})" if link.language else ")")
        for link in links
    )
    status = "provisional entry, not curated" if entity.provisional else "curated entry"
    sub(entry, "note", f"{status}; in this document: {roles}", type="links")


def _revision_desc(header: etree._Element, doc: DocumentRecord) -> None:
    revisions = sub(header, "revisionDesc")
    for v in sorted(doc.versions, key=lambda v: (v.created_at, v.language, v.revision)):
        state = "current" if v.is_current else "replaced"
        change = sub(
            revisions,
            "change",
            f"{v.language} text from {v.origin} ({v.origin_kind.replace('_', ' ')}), "
            f"revision {v.revision}, {state}: sha256 {v.sha256}"
            + (f", import run {v.import_run_id}" if v.import_run_id else ""),
            when=v.created_at.isoformat(timespec="seconds"),
            n=str(v.revision),
        )
        if v.is_current:
            change.set("target", f"#{_div_id(v)}")


def _version_div(body: etree._Element, doc: DocumentRecord, v: Version, found: Found) -> None:
    div = sub(body, "div", type=ORIGIN_DIVS.get(v.origin_kind, "version"), n=str(v.revision))
    div.set(ID, _div_id(v))
    div.set(LANG, v.language)
    # The whitespace between the parts is the body's own line breaks: keep it.
    div.set(f"{{{XML_NS}}}space", "preserve")
    div.set("subtype", v.origin_kind)
    if v.origin_kind == "machine_translation":
        div.set("resp", f"#{xml_id('mt', v.origin)}")
    if v.translation_of_id is not None:
        original = next((o for o in doc.versions if o.id == v.translation_of_id), None)
        if original is not None and original.is_current:
            div.set("corresp", f"#{_div_id(original)}")
    printed_in = next((c for c in doc.citations if c.role == "text_source"), None)
    if v.origin_kind == "volume" and printed_in is not None:
        div.set("source", f"#{xml_id('bibl', str(printed_in.position))}")  # the volume
    text_div(div, layout(v), NameMarker(doc.matcher, doc.entities, v.language, found))


def _div_id(v: Version) -> str:
    return xml_id("text", f"{v.language}-{v.origin}")


def _distinct(links: Sequence[Link], roles: tuple[str, ...]) -> list[Link]:
    """One link a person (or place) and role, whichever language found it first."""
    seen: dict[tuple[str, str], Link] = {}
    for link in links:
        if link.role in roles:
            seen.setdefault((link.entity.slug, link.role), link)
    return list(seen.values())


def _by_entity(links: Sequence[Link]) -> list[tuple[Entity, list[Link]]]:
    grouped: dict[str, tuple[Entity, list[Link]]] = {}
    for link in links:
        grouped.setdefault(link.entity.slug, (link.entity, []))[1].append(link)
    return list(grouped.values())


def _language_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale("en").languages.get(code, code)
    except UnknownLocaleError:  # pragma: no cover - "en" always exists
        return code
