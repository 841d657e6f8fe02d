"""Domain layer: the geography model, deprivation summaries, the indicator registry and indicator values.

May import: ``lsc_phm.store``, ``lsc_phm.stats``, ``lsc_phm.config``; never views, reports, render, ui or pages.
"""
