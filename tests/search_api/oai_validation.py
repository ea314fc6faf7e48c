"""Validate OAI-PMH responses with lxml against the published schemas shipped in ``schemas/``
(OAI-PMH 2.0, oai_dc with Simple Dublin Core, oai-identifier; origins in ``schemas/SOURCES.md``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
      "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"}
_IMPORTS = {"http://www.openarchives.org/OAI/2.0/": "OAI-PMH.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/": "oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai-identifier": "oai-identifier.xsd"}


@cache
def schema() -> etree.XMLSchema:
    """One schema importing the three namespaces (``##other`` content is processed strictly, so the
    Dublin Core inside a record and the Identify description are validated too)."""
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMAS / f).as_uri()}"/>'
                      for ns, f in _IMPORTS.items())
    doc = etree.fromstring(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
    return etree.XMLSchema(doc)


def validated(body: bytes) -> etree._Element:
    """The parsed response, after asserting it is valid OAI-PMH 2.0."""
    root = etree.fromstring(body)
    s = schema()
    assert s.validate(root), "\n".join(str(e) for e in s.error_log)
    return root
