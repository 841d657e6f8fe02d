-- purpose: CVDPREVENT's England values by patient IMD quintile (national context for the local hypertension gradient).
-- grain: one row per CVDPREVENT indicator x IMD quintile (1 = most deprived).
-- parameters: none.
select indicator_code, indicator_name, period, quintile, numerator, denominator, value, lowercl, uppercl
from mart_cvdprevent_england_quintiles
order by indicator_code, quintile
