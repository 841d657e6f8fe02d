"""Rendering: Altair charts, folium/Leaflet maps, static map images, PNG conversion and safe CSV exports.

May import: ``lsc_phm.stats`` and ``lsc_phm.config`` only; it draws what it is given and knows no database.
"""
