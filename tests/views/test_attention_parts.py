"""Which part of an authority an attention list describes, for areas only partly in the ICB."""

from __future__ import annotations

from lsc_phm.views import attention, attention_comparators


def test_a_district_partly_in_the_icb_is_listed_whole_and_says_so(db, icb2025) -> None:
    # Cumberland (E06000063): 6 of its 177 2021 LSOAs are in Lancashire and South Cumbria. Its list's population is
    # the whole district's Census 2021 usual residents (273,252 over all 177 LSOAs), not the 6 LSOAs'.
    lsoas = db.execute(
        "select count(*) as n, sum(residents) as residents, count(*) filter (where icb_code = 'E54000048') as in_icb "
        "from mart_lsoas where imd_vintage = 2025 and lad_code = 'E06000063'"
    ).iloc[0]
    assert (lsoas["n"], lsoas["residents"], lsoas["in_icb"]) == (177, 273_252, 6)
    table = attention.attention(db, icb2025, "E06000063").table.set_index("indicator_id")
    assert table.loc["population", "value"] == 273_252
    assert attention_comparators.part_note(db, icb2025, "E06000063") == (
        "Cumberland is only partly in this ICB (6 of its LSOAs); every figure here is the whole district's: "
        "published for it, or computed here over all its LSOAs."
    )


def test_a_part_place_is_its_lsoas_and_whole_areas_have_no_note(db, icb2025) -> None:
    # the 3 North Yorkshire LSOAs (Bentham) outside the four places: 6,061 residents in Census 2021
    table = attention.attention(db, icb2025, "QE1-north-yorkshire-part").table.set_index("indicator_id")
    assert table.loc["population", "value"] == 6_061
    assert attention_comparators.part_note(db, icb2025, "QE1-north-yorkshire-part") == (
        "North Yorkshire (part): the 3 LSOAs of the authority that lie in this ICB outside its places; every figure "
        "here is computed from those LSOAs."
    )
    for whole in ("E54000048", "QE1-E06000009", "E06000009", "QE1-south-cumbria"):
        assert attention_comparators.part_note(db, icb2025, whole) is None
    pcn = attention_comparators.choosable_areas(db, icb2025).query("level == 'pcn'")["area_code"].iloc[0]
    assert attention_comparators.part_note(db, icb2025, pcn) is None
