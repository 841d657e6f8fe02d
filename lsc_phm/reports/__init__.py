"""Reports: sentences written from view data (narrative) and the profile and briefing documents (PPTX/HTML/PDF).

May import: ``lsc_phm.views``, ``lsc_phm.domain``, ``lsc_phm.store``, ``lsc_phm.stats``, ``lsc_phm.render``.
"""
