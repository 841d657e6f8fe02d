"""Page models: one module per page, the numbers a page shows as plain frames and dataclasses.

May import: ``lsc_phm.domain``, ``lsc_phm.store``, ``lsc_phm.stats``, ``lsc_phm.render``; never reports, ui or pages.
"""
