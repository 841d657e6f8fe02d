"""lsc-phm domain package: data build, geography, deprivation, indicator registry, statistics, charts and exports.

Pure Python (no Streamlit); the app layer is ``ui/`` and ``pages/``.
"""
