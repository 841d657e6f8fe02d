"""Reports: sentences written from view data (narrative) and the profile and briefing documents (PPTX/HTML/PDF).

May import: ``lsc_phm.views``, ``lsc_phm.domain``, ``lsc_phm.stats``, ``lsc_phm.render``; not ``lsc_phm.store``:
reports read no database and run no query (their numbers come in a ``views.profile_data.ProfileData``).
"""
