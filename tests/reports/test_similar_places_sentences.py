"""Sentences against similar places: figures from the database, words only where a test was made."""

from __future__ import annotations

from lsc_phm.reports.similar_places import similar_places_sentence
from lsc_phm.views import similar_places


def test_blackpool_life_expectancy_sentence_names_england_peers_and_ranks(db, icb2025):
    rows = similar_places.headline_comparison(db, icb2025, "QE1-E06000009").set_index("indicator_id")
    # Fingertips 90366, 2023-25: 74.2 (England 79.7, OHID: worse); median of the 15 neighbours' values 77.1; no
    # interval for the area in the extract, so the peer difference is not tested
    assert similar_places_sentence(rows.loc["le_male"], "Blackpool") == (
        "Life expectancy at birth (male) in Blackpool, 2023 - 25: 74.2 years, worse than England (79.7 years; "
        "OHID's comparison) and against its 15 most similar areas' value 77.1 years (not tested: no interval held "
        "for the area's value); lowest of 294 English districts and unitary authorities and lowest of 16 similar "
        "areas."
    )
    bad_health = similar_places_sentence(rows.loc["census_bad_health"], "Blackpool")
    assert "worse than its 15 most similar areas' value (7.6%, by its confidence interval)" in bad_health
    assert "significantly" not in bad_health
