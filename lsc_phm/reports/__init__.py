"""Reports: words from numbers. Sentences written from view data (narrative), key messages, and the profile's
sections: text, key figures, tables and each chart as data (:class:`~lsc_phm.reports.profile_model.ChartSpec`: a kind,
the frame it plots and its options), drawn by :mod:`lsc_phm.render.chart_kinds` in the page and :mod:`lsc_phm.publish`.

May import: ``lsc_phm.views``, ``lsc_phm.domain``, ``lsc_phm.stats`` and the words of ``lsc_phm.render.formats``; not
``lsc_phm.store`` (reports read no database and run no query: their numbers come in a
``views.profile_data.ProfileData``) nor the rest of ``lsc_phm.render`` or any drawing library (reports draw nothing).
"""
