"""Storage layer: ``data/`` + ``queries/`` -> ``data/lsc_phm.duckdb`` (build, boundaries) and read-only access (db).

May import: ``lsc_phm.config``, ``lsc_phm.indicators`` (the registry the build stages), ``lsc_phm.stats``.
"""
