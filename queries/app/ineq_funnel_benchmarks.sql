-- purpose: the centre lines a practice funnel plot can use: the configured ICB's and England's value of a QOF
--          register, with the unrounded count and denominator behind each (so the limits are not drawn around a
--          rounded value).
-- grain: one row per benchmark (area_level 'icb' for the configured ICB, 'england' for England) with a value.
-- parameters: $indicator, $icb, $period.
select area_level, area_code, area_name, numerator, denominator, value
from mart_indicator_values
where indicator_id = $indicator
  and period = $period
  and ((area_level = 'icb' and area_code = $icb) or (area_level = 'england' and area_code = 'E92000001'))
order by case area_level when 'icb' then 1 else 2 end
