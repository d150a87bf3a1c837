"""Which parser and linker derived a stored document.

``documents.derivation_version`` records the value below as of the import that
derived the document's rows (kind, date, links, references, citations, notes…). An
import re-derives, from its unchanged file, every document derived by an older
version (``importer/triage.py``). Bump it whenever the parser or the linker would
now derive something else from the same file.
"""

# 1: links record how they were made (method) and how sure (confidence).
# 2: a closing line with the date and the signature together, a signer's office on the
#    signature line, and "Привет! И. Сталин." keep their signers (and the closing date);
#    "Печ. по: АП РФ. …" is a reference; "Передайте товарищу N …:" names the addressee.
# 3: "FILIPPOV [Stalin]" signs as FILIPPOV and the bracketed Stalin, not "FILIPPOV Stalin";
#    "Do it." / "Approve." open no addressee; «…Филиппов». then "Подтвердите получение."
#    keeps its signer, and the quoted line stays text (it was taken for a newspaper).
DERIVATION_VERSION = 3
