"""The XML of OAI-PMH responses (namespaces, element order and attributes as the 2.0 schema requires).

Kept apart from the protocol logic in ``services.oai`` so that one decides what to answer and this
only how it is spelled; built with the standard library's ElementTree, which escapes all text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from services.catalog import DocSummary
from services.oai_records import OaiSet, datestamp, doc_sets, dublin_core, format_stamp

if TYPE_CHECKING:
    from services.oai import Repository

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
SCHEMA_LOCATIONS = {OAI: "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
                    OAI_DC: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                    IDENTIFIER_NS: "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"}
for _prefix, _uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI), ("oai-identifier", IDENTIFIER_NS)):
    ET.register_namespace(_prefix, _uri)

Token = tuple[str, int, int, str | None]  # value, completeListSize, cursor, expirationDate


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, ns: str = OAI, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(ns, name), attrs)
    if text is not None:
        el.text = text
    return el


class OaiWriter:
    def __init__(self, oai_url: str, now: datetime) -> None:
        self.oai_url = oai_url
        self.now = now

    def _root(self, request_args: dict[str, str] | None) -> ET.Element:
        root = ET.Element(_q(OAI, "OAI-PMH"), {_q(XSI, "schemaLocation"): f"{OAI} {SCHEMA_LOCATIONS[OAI]}"})
        _sub(root, "responseDate", self.now.strftime("%Y-%m-%dT%H:%M:%SZ"))
        _sub(root, "request", self.oai_url, **(request_args or {}))
        return root

    @staticmethod
    def _bytes(root: ET.Element) -> bytes:
        ET.register_namespace("", OAI)  # again: the registry is global and the Atom feed claims "" for itself
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def error(self, code: str, message: str, request_args: dict[str, str] | None) -> bytes:
        """``request_args`` is None for badVerb/badArgument: the request element then carries no attributes."""
        root = self._root(request_args)
        _sub(root, "error", message, code=code)
        return self._bytes(root)

    def identify(self, request_args: dict[str, str], *, repository_name: str, admin_email: str, earliest: str,
                 deleted_record: str, granularity: str, repository_id: str, sample_id: str | None) -> bytes:
        root = self._root(request_args)
        ident = _sub(root, "Identify")
        for name, value in (("repositoryName", repository_name), ("baseURL", self.oai_url), ("protocolVersion", "2.0"),
                            ("adminEmail", admin_email), ("earliestDatestamp", earliest),
                            ("deletedRecord", deleted_record), ("granularity", granularity)):
            _sub(ident, name, value)
        desc = _sub(ident, "description")
        oid = ET.SubElement(desc, _q(IDENTIFIER_NS, "oai-identifier"),
                            {_q(XSI, "schemaLocation"): f"{IDENTIFIER_NS} {SCHEMA_LOCATIONS[IDENTIFIER_NS]}"})
        for name, value in (("scheme", "oai"), ("repositoryIdentifier", repository_id), ("delimiter", ":"),
                            ("sampleIdentifier", sample_id or f"oai:{repository_id}:0123456789abcdef")):
            _sub(oid, name, value, ns=IDENTIFIER_NS)
        return self._bytes(root)

    def metadata_formats(self, request_args: dict[str, str]) -> bytes:
        root = self._root(request_args)
        fmt = _sub(_sub(root, "ListMetadataFormats"), "metadataFormat")
        _sub(fmt, "metadataPrefix", "oai_dc")
        _sub(fmt, "schema", SCHEMA_LOCATIONS[OAI_DC])
        _sub(fmt, "metadataNamespace", OAI_DC)
        return self._bytes(root)

    def sets(self, request_args: dict[str, str], sets: list[OaiSet]) -> bytes:
        root = self._root(request_args)
        holder = _sub(root, "ListSets")
        for s in sets:
            el = _sub(holder, "set")
            _sub(el, "setSpec", s.spec)
            _sub(el, "setName", s.name)
        return self._bytes(root)

    def _header(self, parent: ET.Element, doc: DocSummary, repo: Repository) -> None:
        header = _sub(parent, "header", **({"status": "deleted"} if doc.deleted else {}))
        _sub(header, "identifier", repo.identifier(doc.id))
        _sub(header, "datestamp", format_stamp(datestamp(doc)))
        for s in doc_sets(doc):
            _sub(header, "setSpec", s.spec)

    def _dc(self, parent: ET.Element, doc: DocSummary, repo: Repository, seen: dict[str, DocSummary]) -> None:
        dc = ET.SubElement(_sub(parent, "metadata"), _q(OAI_DC, "dc"),
                           {_q(XSI, "schemaLocation"): f"{OAI_DC} {SCHEMA_LOCATIONS[OAI_DC]}"})
        for name, value in dublin_core(doc, repo.graph, seen, repo.base_url):
            ET.SubElement(dc, _q(DC, name)).text = value

    def records(self, request_args: dict[str, str], verb: str, docs: list[DocSummary], repo: Repository, *,
                with_metadata: bool, token: Token | None) -> bytes:
        root = self._root(request_args)
        holder = _sub(root, verb)
        seen = repo.seen() if with_metadata else {}  # once per answer, not once per record
        for doc in docs:
            if with_metadata:
                record = _sub(holder, "record")
                self._header(record, doc, repo)
                if not doc.deleted:
                    self._dc(record, doc, repo, seen)
            else:
                self._header(holder, doc, repo)
        if token is not None:
            value, size, cursor, expires = token
            attrs = {"completeListSize": str(size), "cursor": str(cursor)}
            if expires:
                attrs["expirationDate"] = expires
            _sub(holder, "resumptionToken", value, **attrs)
        return self._bytes(root)
