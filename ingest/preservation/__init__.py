"""Preservation (issue 8): fixity checks, BagIt export/import, provenance.

    check_archive(store, index_check=...) -> CheckReport   (fixity.py; never writes)
    export_bag(store, dest, doc_ids=...) -> ExportSummary (bag_export.py; cleans up a partial bag)
    import_bag(store, bag)               -> ImportSummary (bag_import.py; validate all, then write all)
    provenance_events(store, doc_id)     -> list[dict]    (provenance.py)

Nothing here imports Haystack or the search engine; comparing with the index, repairing it and
refreshing after an import are ``services.preservation``.
"""

from ingest.preservation.bag_export import ExportSummary, export_bag
from ingest.preservation.bag_import import BagInvalid, ImportSummary, import_bag, validate_bag
from ingest.preservation.fixity import CheckReport, Problem, check_archive
from ingest.preservation.provenance import format_provenance, provenance_events, record_event

__all__ = [
    "BagInvalid",
    "CheckReport",
    "ExportSummary",
    "ImportSummary",
    "Problem",
    "check_archive",
    "export_bag",
    "format_provenance",
    "import_bag",
    "provenance_events",
    "record_event",
    "validate_bag",
]
