"""Similar-places views: areas without peer groups fall back to England with the reason."""

from __future__ import annotations

from lsc_phm.domain import geography
from lsc_phm.views import similar_places


def test_an_abolished_district_is_compared_with_england_and_says_why(db):
    icb2019 = geography.resolve_icb(db, "E54000048", 2019)
    compared = similar_places.spine(db, icb2019, "E07000031", "neighbours")  # South Lakeland, abolished 2023
    assert compared.comparator == "england" and "was abolished" in compared.note
    assert not compared.rows.empty and set(compared.rows["benchmark"]) == {"England"}
    headline = similar_places.headline_comparison(db, icb2019, "E07000031")
    assert headline["vs_neighbours"].isna().all()


def test_a_county_and_a_place_of_several_authorities_keep_england(db, icb2025):
    lancashire = similar_places.spine(db, icb2025, "QE1-E10000017", "decile")
    assert lancashire.comparator == "england" and "county" in lancashire.note
    cumbria = similar_places.spine(db, icb2025, "QE1-south-cumbria", "neighbours")
    assert cumbria.comparator == "england" and "not a single English authority" in cumbria.note
    blackpool = similar_places.spine(db, icb2025, "QE1-E06000009", "england")
    assert blackpool.note is None and blackpool.peers.empty
