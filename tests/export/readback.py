"""The facts a TEI file states, read back from it, and the same facts read from the
database with SQL of their own (not the exporter's queries): the two must agree."""

from __future__ import annotations

from typing import Any

from lxml import etree
from sqlalchemy import Connection, text

from archive_db.export.textmarkup import body_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SENT_ROLES, RECEIVED_ROLES = ("author", "signatory"), ("addressee", "recipient")


def _all(el: etree._Element, path: str) -> list[etree._Element]:
    return el.xpath(path, namespaces=NS)


def _one(el: etree._Element, path: str) -> etree._Element | None:
    found = _all(el, path)
    return found[0] if found else None


def _slugs(el: etree._Element, path: str) -> set[str]:
    return {e.get("key") for e in _all(el, path)}


def tei_facts(data: bytes) -> dict[str, Any]:
    root = etree.fromstring(data)
    header = _one(root, "t:teiHeader")
    date = _one(header, "t:profileDesc/t:creation/t:date")
    corresp = _one(header, "t:profileDesc/t:correspDesc")
    facts: dict[str, Any] = {
        "key": _one(header, "t:fileDesc/t:publicationStmt/t:idno[@type='archive-db']").text,
        "title": _one(header, "t:fileDesc/t:titleStmt/t:title[@type='main']").text,
        "kind": _one(header, ".//t:keywords/t:term[@type='kind']").text,
        "date_text": date.text,
        "date": {k: date.get(k) for k in ("when", "notBefore", "notAfter") if date.get(k)},
        "authors": _slugs(header, "t:fileDesc/t:titleStmt/t:author"),
        "people": {
            e.text: _one(p, "t:idno[@type='wikidata']").text
            if _one(p, "t:idno[@type='wikidata']") is not None
            else None
            for p in _all(header, ".//t:listPerson/t:person")
            for e in _all(p, "t:idno[@type='archive-db']")
        },
        "places": {
            e.text for e in _all(header, ".//t:listPlace/t:place/t:idno[@type='archive-db']")
        },
        "sent": set(),
        "received": set(),
        "transmitted": set(),
        "references": [
            (
                ms.xpath("string(t:msIdentifier/t:repository/@key)", namespaces=NS) or None,
                *(
                    (
                        _one(ms, f"t:msIdentifier/t:idno[@type='{u}']") is not None
                        and _one(ms, f"t:msIdentifier/t:idno[@type='{u}']").text
                    )
                    or None
                    for u in ("fond", "opis", "papka", "delo")
                ),
                ms.xpath("string(.//t:locus)", namespaces=NS) or None,
            )
            for ms in _all(header, "t:fileDesc/t:sourceDesc/t:msDesc")
        ],
        "citations": [
            (
                b.get("type"),
                b.xpath("string(t:biblScope[@unit='page'])", namespaces=NS) or None,
                b.xpath("string(t:biblScope[@unit='page']/@from)", namespaces=NS) or None,
                b.xpath("string(t:biblScope[@unit='page']/@to)", namespaces=NS) or None,
                b.xpath("string(t:note[@xml:lang='ru'])", namespaces=NS) or None,
                b.xpath("string(t:note[@xml:lang='en'])", namespaces=NS) or None,
            )
            for b in _all(header, "t:fileDesc/t:sourceDesc/t:listBibl/t:bibl")
        ],
        "bodies": {
            (div.get(XML_LANG), div.get(XML_ID)): body_of(div)
            for div in _all(root, "t:text/t:body/t:div")
        },
        "revisions": {
            (c.get("n"), c.text.split("sha256 ")[1].split(",")[0])
            for c in _all(header, "t:revisionDesc/t:change")
        },
        "notes": sorted((n.get(XML_LANG), n.text) for n in _all(root, "t:text/t:back//t:note")),
        "languages": {e.get("ident") for e in _all(header, ".//t:langUsage/t:language")},
    }
    if corresp is not None:
        for action in ("sent", "received", "transmitted"):
            facts[action] = _slugs(corresp, f"t:correspAction[@type='{action}']/t:persName")
    return facts


def db_facts(conn: Connection, key: str) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in conn.execute(text(sql), {"key": key})]

    (doc,) = rows(
        "SELECT id, title, kind, date_text, date_start, date_end, date_precision, "
        "date_certainty, date_edtf FROM documents WHERE key = :key"
    )
    people = rows(
        "SELECT p.slug, l.role, p.authority_id FROM document_people l "
        "JOIN people p ON p.id = l.person_id JOIN documents d ON d.id = l.document_id "
        "WHERE d.key = :key"
    )
    received = {s for s, r, _ in people if r in RECEIVED_ROLES}
    transmitted = {s for s, r, _ in people if r == "intermediary"}
    destinations = rows(
        "SELECT 1 FROM document_places l JOIN documents d ON d.id = l.document_id "
        "WHERE d.key = :key AND l.role = 'destination'"
    )
    correspondence = bool(received or transmitted or destinations)  # written to someone
    return {
        "key": key,
        "title": doc[1],
        "kind": doc[2],
        "date_text": doc[3],
        "date": _date(*doc[4:9]),
        "authors": {s for s, r, _ in people if r == "author"},
        "people": {s: (f"http://www.wikidata.org/entity/{a}" if a else None) for s, _, a in people},
        "places": {
            s
            for (s,) in rows(
                "SELECT p.slug FROM document_places l JOIN places p ON p.id = l.place_id "
                "JOIN documents d ON d.id = l.document_id WHERE d.key = :key UNION "
                "SELECT p.slug FROM documents d JOIN places p ON p.id = d.origin_place_id "
                "WHERE d.key = :key"
            )
        },
        "sent": {s for s, r, _ in people if r in SENT_ROLES} if correspondence else set(),
        "received": received,
        "transmitted": transmitted,
        "references": rows(
            "SELECT a.code, r.fond, r.opis, r.papka, r.delo, r.folios FROM archival_references r "
            "LEFT JOIN archives a ON a.id = r.archive_id JOIN documents d ON d.id = r.document_id "
            "WHERE d.key = :key ORDER BY r.position"
        ),
        "citations": [
            (role, pages, start and str(start), end and str(end), ru, en)
            for role, pages, start, end, ru, en in rows(
                "SELECT c.role, c.pages, c.page_start, c.page_end, c.printed_ru, c.printed_en "
                "FROM citations c JOIN documents d ON d.id = c.document_id WHERE d.key = :key "
                "ORDER BY c.position"
            )
        ],
        "bodies": {
            (lang, f"text-{lang}-{origin}"): body
            for lang, origin, body in rows(
                "SELECT v.language, v.origin, v.body FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id WHERE d.key = :key AND v.is_current"
            )
        },
        "revisions": {
            (str(n), sha)
            for n, sha in rows(
                "SELECT v.revision, v.sha256 FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id WHERE d.key = :key"
            )
        },
        "notes": sorted(
            (lang, note)
            for lang, notes in rows(
                "SELECT v.language, v.notes FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id WHERE d.key = :key AND v.is_current"
            )
            for note in notes or ()
        ),
        "languages": {
            lang
            for (lang,) in rows(
                "SELECT v.language FROM document_versions v JOIN documents d "
                "ON d.id = v.document_id WHERE d.key = :key AND v.is_current"
            )
        },
    }


def _date(start, end, precision, certainty, edtf) -> dict[str, str]:
    """What TEI's date attributes must say, spelled out from the columns."""
    if start is None and end is None:
        return {}
    if certainty == "bound" or precision in ("range", "unknown"):
        out = {}
        if start is not None and not (edtf or "").startswith(".."):
            out["notBefore"] = start.isoformat()
        if end is not None and not (edtf or "").endswith(".."):
            out["notAfter"] = end.isoformat()
        return out
    width = {"day": 10, "month": 7, "year": 4}[precision]
    return {"when": start.isoformat()[:width]}
