"""Builders shared by the test suites: archives written straight through ``ArchiveStore`` and test PDFs.

Plain modules, no fixtures (those stay in each suite's ``conftest.py`` and import from here).
Generated documents that benchmarks need too live in ``sample_data``, not here: ``bench/`` never
imports ``tests``.
"""
