"""The rules of the Correspondence Metadata Interchange Format, as the TEI
Correspondence SIG documents them (correspsearch.net, "CMIF documentation"), checked
on a parsed file. The SIG's own RELAX NG customization is not published on PyPI,
Debian or npm, so its rules are written out here; the file is checked against
tei_all besides."""

from __future__ import annotations

import re

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
ACTIONS = {"sent", "received"}
LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
}
DATE_ATTRIBUTES = {"when", "from", "to", "notBefore", "notAfter"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The authority files the CMIF documentation names for people and places (and
# Wikidata, which correspSearch reads as well), as URI prefixes.
AUTHORITY_PREFIXES = (
    "http://viaf.org/viaf/", "https://viaf.org/viaf/", "http://d-nb.info/gnd/",
    "https://d-nb.info/gnd/", "http://id.loc.gov/authorities/names/",
    "http://data.bnf.fr/", "https://data.bnf.fr/", "http://id.ndl.go.jp/auth/",
    "http://www.geonames.org/", "https://www.geonames.org/", "http://sws.geonames.org/",
    "http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/",
    "http://www.isni.org/isni/", "https://isni.org/isni/",
)  # fmt: skip
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def violations(root: etree._Element) -> list[str]:
    """Every way the file breaks CMIF; empty when it keeps the rules."""
    out: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            out.append(what)

    def xp(el: etree._Element, path: str) -> list:
        return el.xpath(path, namespaces=NS)

    need(root.tag == f"{{{NS['t']}}}TEI", "the root is not tei:TEI")
    file_desc = xp(root, "t:teiHeader/t:fileDesc")
    need(len(file_desc) == 1, "no fileDesc")
    if not file_desc:
        return out
    fd = file_desc[0]
    need(bool(xp(fd, "string(t:titleStmt/t:title)").strip()), "titleStmt has no title")
    need(bool(xp(fd, "t:titleStmt/t:editor")), "titleStmt has no editor")
    need(bool(xp(fd, "string(t:publicationStmt/t:publisher)").strip()), "no publisher")
    need(bool(xp(fd, "t:publicationStmt/t:idno[@type='url']")), "no idno type=url")
    need(bool(xp(fd, "t:publicationStmt/t:date/@when")), "no publication date")
    targets = set(xp(fd, "t:publicationStmt/t:availability/t:licence/@target"))
    need(bool(targets) and targets <= LICENCES, f"licence not CC-BY 4.0 or CC0: {targets}")
    bibls = xp(fd, "t:sourceDesc/t:bibl")
    need(bool(bibls), "sourceDesc has no bibl")
    ids = set()
    for bibl in bibls:
        need(bibl.get("type") in {"print", "online", "hybrid"}, "bibl without a CMIF type")
        need(bibl.get(XML_ID) is not None, "bibl without xml:id")
        ids.add(bibl.get(XML_ID))
    letters = xp(root, "t:teiHeader/t:profileDesc/t:correspDesc")
    need(bool(letters), "no correspDesc")
    for letter in letters:
        where = f"correspDesc {letter.get('key')}"
        source = letter.get("source", "")
        need(source.startswith("#") and source[1:] in ids, f"{where}: @source names no bibl")
        if letter.get("ref") is not None:
            need(letter.get("ref").startswith(("http://", "https://")), f"{where}: @ref not a URL")
        actions = xp(letter, "t:correspAction")
        types = [a.get("type") for a in actions]
        need(set(types) <= ACTIONS and len(types) == len(set(types)),
             f"{where}: correspAction types {types}")  # fmt: skip
        for action in actions:
            names = xp(action, "t:persName | t:orgName")
            need(bool(names), f"{where}: {action.get('type')} names no one (write Unknown)")
            for child in action:
                tag = etree.QName(child).localname
                need(tag in {"persName", "orgName", "placeName", "date"},
                     f"{where}: {tag} in correspAction")  # fmt: skip
                if tag != "date":
                    need(bool((child.text or "").strip()), f"{where}: empty {tag}")
                    ref = child.get("ref")
                    need(ref is None or ref.startswith(AUTHORITY_PREFIXES),
                         f"{where}: {tag}/@ref {ref} is no authority URI")  # fmt: skip
                else:
                    attrs = set(child.attrib)
                    need(bool(attrs) and attrs <= DATE_ATTRIBUTES, f"{where}: date {attrs}")
                    need(all(ISO_DATE.match(v) for v in child.attrib.values()),
                         f"{where}: date not ISO 8601: {dict(child.attrib)}")  # fmt: skip
            need(len(xp(action, "t:date")) <= 1, f"{where}: several dates")
    return out
