-- purpose: pre-simplified boundary geometry (GeoJSON strings) for the configured ICB's areas at one level.
-- grain: one row per area.
-- parameters: $vintage, $icb, $level.
select area_code, geometry_json
from geo_boundaries
where imd_vintage = $vintage and icb_code = $icb and level = $level
order by area_code
