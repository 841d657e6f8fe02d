-- purpose: which indicators have an OHID England-by-deprivation-decile series (to list them on the Inequalities page).
-- grain: one row per indicator.
-- parameters: none.
select distinct indicator_id
from mart_indicator_england_deciles
where decile is not null
order by indicator_id
