"""Preservation (issue 8): fixity checks, BagIt export/import, provenance.

    check_archive(store, backend)       -> CheckReport   (fixity.py; never writes)
    repair_index(store, backend, report, settings=...) re-index missing/stale/extra (never touches originals)
    export_bag(store, dest, doc_ids=...) -> ExportSummary (bag_export.py; cleans up a partial bag)
    import_bag(store, bag, settings=...) -> ImportSummary (bag_import.py; validate all, then write all)
    provenance_events(store, doc_id)     -> list[dict]    (provenance.py)

Nothing here imports Haystack: the CLI and the API can use it cheaply.
"""

from ingest.preservation.bag_export import ExportSummary, export_bag
from ingest.preservation.bag_import import BagInvalid, ImportSummary, import_bag, validate_bag
from ingest.preservation.fixity import CheckReport, Problem, check_archive, repair_index
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
    "repair_index",
    "validate_bag",
]
