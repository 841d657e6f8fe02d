-- purpose: the indicator registry as stored at build time (for the data page and CLI).
-- grain: one row per indicator.
-- parameters: none.
select * from meta_indicators
