"""The application layer: every user action on the archive, one function each.

Routers (``search_api``), web pages (``ui``) and CLI commands (``sulieu_cli``) are thin callers of
these; every write ends with the one ``services.refresh.refresh``. ``docs/ARCHITECTURE.md`` lists
which function performs which action.
"""
