"""Publish: the briefing files (editable PowerPoint on the organisation's template, printable HTML, A4 PDF handout),
drawn from a :class:`lsc_phm.reports.profile_model.Profile` with :mod:`lsc_phm.render`'s charts.

May import: ``lsc_phm.reports``, ``lsc_phm.views``, ``lsc_phm.domain``, ``lsc_phm.stats``, ``lsc_phm.render``; not
``lsc_phm.store``: the words and numbers come in the profile, and the charts are drawn from the profile's chart data
(:func:`lsc_phm.render.chart_kinds.draw`).
"""
