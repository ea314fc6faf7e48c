"""What ingest/, search_api/ and ui/ share: document model, Vietnamese text, symbols, settings, archive store."""

__version__ = "0.1.0"
