-- purpose: when and from what the database was built.
-- grain: one row.
-- parameters: none.
select fingerprint, built_at, build_seconds, duckdb_version from meta_build
