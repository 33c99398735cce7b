"""Readers for publishers' own file formats (IMF, UN Comtrade, SIPRI, SWIFT, ...).

Each reader takes a path to a file as the publisher (or a faithful copy of its export) ships it,
and returns a tidy DataFrame. They are used to build and cross-check the rows in ``data/``; the
report itself reads only ``data/``.
"""
