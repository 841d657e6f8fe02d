-- purpose: the catalogue of source data sets in the database, with provenance, release and row counts.
-- grain: one row per data set.
-- parameters: none.
select dataset, title, publisher, period, release, release_source, retrieved, release_origin, geography, licence,
       url, transformed, file, rows
from meta_datasets
order by dataset
