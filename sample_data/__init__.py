"""The sample archive: the project's own realistic Vietnamese Party and state documents.

Fictional documents (real bodies and places) in every format the ingest reads, with exact
ground truth for metadata, citations and scanned text. Used by the demo and by the tests::

    from sample_data import generate_sample, load_manifest
    manifest = generate_sample(tmp_path)          # or generate_sample(tmp_path, scans=False)
    f = manifest.by_key("hp-tu-kh215")
    f.path, f.expected.symbol, [c.symbol for c in f.citations]
"""

from sample_data.generate import generate_sample
from sample_data.manifest import (
    ExpectedCitation,
    ExpectedMetadata,
    MissingDoc,
    SampleFile,
    SampleManifest,
    load_manifest,
)

__all__ = [
    "ExpectedCitation",
    "ExpectedMetadata",
    "MissingDoc",
    "SampleFile",
    "SampleManifest",
    "generate_sample",
    "load_manifest",
]
