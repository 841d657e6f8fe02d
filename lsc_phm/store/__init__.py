"""Storage layer: ``data/`` + ``queries/`` -> ``data/lsc_phm.duckdb`` (validate: data files against the catalogue's
schemas; build: locked, atomic, verified, with the last good database kept when a rebuild fails; boundaries) and
read-only access (db).

May import: ``lsc_phm.config``, ``lsc_phm.indicators`` (the registry the build stages), ``lsc_phm.stats``.
"""
