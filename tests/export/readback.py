"""The facts a TEI file states, read back from it, and the same facts read from the
database with SQL of their own (not the exporter's queries): the two must agree."""

from __future__ import annotations

import calendar
from typing import Any

from lxml import etree
from sqlalchemy import Connection, text

from archive_db.export.textmarkup import body_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SENT_ROLES, RECEIVED_ROLES = ("author", "signatory"), ("addressee", "recipient")
WIKIDATA = "http://www.wikidata.org/entity/"


def assert_same_facts(data: bytes, conn: Connection, key: str) -> None:
    """The TEI file states what the database holds of the document ``key``; the names
    it marks in the texts are people and places linked to it, with the right refs."""
    tei, db = tei_facts(data), db_facts(conn, key)
    marked, markable = tei.pop("marked"), db.pop("markable")
    assert tei == db, {k: (tei[k], db[k]) for k in tei if tei[k] != db.get(k)}
    assert marked <= markable, marked - markable


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
        "date": {k: date.get(k) for k in ("when", "notBefore", "notAfter", "cert") if date.get(k)},
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
                b.xpath("string(t:biblScope[@unit='volume'])", namespaces=NS) or None,
                b.xpath("string(t:biblScope[@unit='issue'])", namespaces=NS) or None,
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
    facts["sent_places"] = facts["received_places"] = set()
    if corresp is not None:
        for action in ("sent", "received", "transmitted"):
            facts[action] = _slugs(corresp, f"t:correspAction[@type='{action}']/t:persName")
        for action in ("sent", "received"):
            path = f"t:correspAction[@type='{action}']/t:placeName"
            facts[f"{action}_places"] = _slugs(corresp, path)
    # Every name marked in the texts: (kind, key, ref).
    facts["marked"] = {
        (etree.QName(e).localname, e.get("key"), e.get("ref"))
        for e in _all(root, "t:text/t:body/t:div//t:persName | t:text/t:body/t:div//t:placeName")
    }
    return facts


def db_facts(conn: Connection, key: str) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in conn.execute(text(sql), {"key": key})]

    (doc,) = rows("SELECT id, title, kind, date_text, date_edtf FROM documents WHERE key = :key")
    people = rows(
        "SELECT p.slug, l.role, p.authority_id FROM document_people l "
        "JOIN people p ON p.id = l.person_id JOIN documents d ON d.id = l.document_id "
        "WHERE d.key = :key"
    )
    received = {s for s, r, _ in people if r in RECEIVED_ROLES}
    transmitted = {s for s, r, _ in people if r == "intermediary"}
    places = rows(
        "SELECT p.slug, l.role, p.authority_id FROM document_places l "
        "JOIN places p ON p.id = l.place_id JOIN documents d ON d.id = l.document_id "
        "WHERE d.key = :key UNION SELECT p.slug, 'origin', p.authority_id FROM documents d "
        "JOIN places p ON p.id = d.origin_place_id WHERE d.key = :key"
    )
    destinations = {s for s, r, _ in places if r == "destination"}
    # Correspondence: a letter or telegram, or anything written to someone or somewhere.
    correspondence = doc[2] in ("letter", "telegram") or bool(
        received or transmitted or destinations
    )
    # What a name marked in the text may be: a linked person or place, pointing to
    # Wikidata where the archive knows the id, else to the file's own list entry.
    markable = {
        (tag, slug, f"{WIKIDATA}{qid}" if qid else f"#{prefix}-{slug}")
        for tag, prefix, links in (("persName", "person", people), ("placeName", "place", places))
        for slug, _, qid in links
    }
    return {
        "markable": markable,
        "key": key,
        "title": doc[1],
        "kind": doc[2],
        "date_text": doc[3],
        "date": _date_from_edtf(doc[4]),
        "authors": {s for s, r, _ in people if r == "author"},
        "people": {s: (f"{WIKIDATA}{a}" if a else None) for s, _, a in people},
        "places": {s for s, _, _ in places},
        "sent_places": {s for s, r, _ in places if r == "origin"} if correspondence else set(),
        "received_places": destinations,
        "sent": {s for s, r, _ in people if r in SENT_ROLES} if correspondence else set(),
        "received": received,
        "transmitted": transmitted,
        "references": rows(
            "SELECT a.code, r.fond, r.opis, r.papka, r.delo, r.folios FROM archival_references r "
            "LEFT JOIN archives a ON a.id = r.archive_id JOIN documents d ON d.id = r.document_id "
            "WHERE d.key = :key ORDER BY r.position"
        ),
        "citations": [
            (role, volume, issue, pages, start and str(start), end and str(end), ru, en)
            for role, volume, issue, pages, start, end, ru, en in rows(
                "SELECT c.role, s.volume, s.issue, c.pages, c.page_start, c.page_end, "
                "c.printed_ru, c.printed_en FROM citations c JOIN sources s ON s.id = c.source_id "
                "JOIN documents d ON d.id = c.document_id WHERE d.key = :key ORDER BY c.position"
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


def _date_from_edtf(edtf: str | None) -> dict[str, str]:
    """What TEI's date attributes must say, read from the date's EDTF form alone (not
    from the columns the exporter reads): a day, month or year is ``when``; an
    interval gives its closed ends as ``notBefore``/``notAfter`` (a month or year end
    widened to its first or last day); ``?`` (the editors' dating) is cert medium,
    ``~`` or ``%`` (approximate) low."""
    if not edtf:
        return {}
    cert = {"?": "medium", "~": "low", "%": "low"}.get(edtf[-1])
    value = edtf.rstrip("?~%")
    if "/" in value:
        first, last = value.split("/")
        out = {}
        if first not in ("", ".."):
            out["notBefore"] = _widen(first.rstrip("?~%"), start=True)
        if last not in ("", ".."):
            out["notAfter"] = _widen(last.rstrip("?~%"), start=False)
    else:
        out = {"when": value}
    if cert:
        out["cert"] = cert
    return out


def _widen(part: str, start: bool) -> str:
    if len(part) == 10:
        return part
    year, month = int(part[:4]), int(part[5:7]) if len(part) == 7 else None
    if month is None:
        return f"{year:04d}-01-01" if start else f"{year:04d}-12-31"
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{'01' if start else last}"
