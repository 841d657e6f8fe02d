"""What a refresh would change, per data set, before anything changes.

For each staged file against the file now in use: new and withdrawn periods, revised values (how many, and the
largest, with its area and period), areas added and removed (a change of code vintage shows here as many codes
removed and added), codes and labels changed on rows that match (e.g. a practice moved to another PCN), and columns
added or removed. Values that differ by no more than the adapter's tolerance (the
rounding of a vendored extract) are counted apart, not as revisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

_PERIOD = ("period", "Period", "Time period", "Year", "year", "Financial year Quarter")
_VALUE = ("value", "Value", "Observation", "REGISTER", "IMD_SCORE", "total")
_AREA = (
    "area_code",
    "AREACD",
    "Area Code",
    "AreaCode",
    "PRACTICE_CODE",
    "lsoa11cd",
    "LSOA11CD",
    "ltla21_code",
    "Upper tier local authority ODS code",
)
#: Most codes listed in a message before "and N more".
_SHOWN = 6


def _first(candidates: tuple[str, ...], columns: list[str]) -> str | None:
    return next((c for c in candidates if c in columns), None)


@dataclass
class Revision:
    """The largest revised value: where, when, before and after."""

    key: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass
class DatasetDiff:
    """The differences between the file in use and the staged file of one data set."""

    dataset: str
    rows_before: int
    rows_after: int
    new_periods: list[str] = field(default_factory=list)
    dropped_periods: list[str] = field(default_factory=list)
    revised: int = 0
    within_rounding: int = 0
    largest: Revision | None = None
    areas_added: list[str] = field(default_factory=list)
    areas_removed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    rows_added: int = 0
    rows_removed: int = 0
    period_span: str = ""
    #: Other columns (codes, names, labels) whose value changed on a matched row: column -> rows changed.
    changed_columns: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the staged file differs from the current one in any way the build would see."""
        return bool(
            self.new_periods
            or self.dropped_periods
            or self.revised
            or self.within_rounding
            or self.areas_added
            or self.areas_removed
            or self.columns_added
            or self.columns_removed
            or self.rows_added
            or self.rows_removed
            or self.changed_columns
        )

    def lines(self) -> list[str]:
        """The differences as short sentences, for the command line and the page."""
        if not self.changed:
            return [f"{self.dataset}: no change ({self.rows_before:,} rows)"]
        out = [
            f"{self.dataset}: {self.rows_before:,} -> {self.rows_after:,} rows "
            f"({self.rows_added:,} added, {self.rows_removed:,} removed)"
        ]
        if self.new_periods:
            out.append(f"  new periods: {', '.join(self.new_periods)}")
        if self.dropped_periods:
            out.append(f"  periods withdrawn: {', '.join(self.dropped_periods)}")
        if self.revised:
            largest = self.largest
            out.append(
                f"  revised values: {self.revised:,}; largest {largest.change:+.4g} at {largest.key} "
                f"({largest.before:.4g} -> {largest.after:.4g})"
            )
        else:
            out.append("  revised values: none")
        if self.within_rounding:
            out.append(f"  {self.within_rounding:,} values differ only within the rounding of the current extract")
        for label, codes in (("areas added", self.areas_added), ("areas removed", self.areas_removed)):
            if codes:
                more = f" and {len(codes) - _SHOWN} more" if len(codes) > _SHOWN else ""
                out.append(f"  {label} ({len(codes)}): {', '.join(codes[:_SHOWN])}{more}")
        if self.changed_columns:
            shown = ", ".join(f"{column} ({rows:,} rows)" for column, rows in self.changed_columns.items())
            out.append(f"  codes and labels changed: {shown}")
        if self.columns_added or self.columns_removed:
            out.append(f"  columns added: {self.columns_added or 'none'}; removed: {self.columns_removed or 'none'}")
        return out


def compare(
    dataset: str, before_path: Path, after_path: Path, key: tuple[str, ...], tolerance: float = 0.0
) -> DatasetDiff:
    """Compare the file in use with a staged file of the same data set.

    Parameters
    ----------
    dataset : str
        The catalogue key.
    before_path, after_path : Path
        The current and the staged Parquet files.
    key : tuple of str
        The catalogue's key columns (rows are matched on them; with no key, on area and period).
    tolerance : float
        Absolute differences up to this are counted as rounding, not revisions.
    """
    before = pd.read_parquet(before_path)
    after = pd.read_parquet(after_path)
    columns = [c for c in before.columns if c in after.columns]
    diff = DatasetDiff(
        dataset,
        len(before),
        len(after),
        columns_added=[c for c in after.columns if c not in before.columns],
        columns_removed=[c for c in before.columns if c not in after.columns],
    )
    period = _first(_PERIOD, columns)
    value = _first(_VALUE, columns)
    area = _first(_AREA, columns)
    if period:
        old = set(before[period].dropna().astype(str))
        new = set(after[period].dropna().astype(str))
        diff.new_periods = sorted(new - old)
        diff.dropped_periods = sorted(old - new)
        if new:
            diff.period_span = f"{min(new)} to {max(new)}"
    if area:
        old_areas = set(before[area].dropna().astype(str))
        new_areas = set(after[area].dropna().astype(str))
        diff.areas_added = sorted(new_areas - old_areas)
        diff.areas_removed = sorted(old_areas - new_areas)
    match = [c for c in (key or tuple(c for c in (area, period) if c)) if c in columns]
    if not match:
        return diff
    left = before[columns].drop_duplicates(match)
    right = after[columns].drop_duplicates(match)
    for frame in (left, right):
        for column in match:
            frame[column] = frame[column].astype("string")
    joined = left.merge(right, on=match, how="outer", suffixes=("_before", "_after"), indicator=True)
    matched = joined[joined["_merge"] == "both"]
    for column in columns:
        if column in match or column == value:
            continue
        old_text = matched[f"{column}_before"].astype("string")
        new_text = matched[f"{column}_after"].astype("string")
        differs = int(((old_text != new_text) | (old_text.isna() != new_text.isna())).fillna(False).sum())
        if differs:
            diff.changed_columns[column] = differs
    diff.rows_added = int((joined["_merge"] == "right_only").sum())
    diff.rows_removed = int((joined["_merge"] == "left_only").sum())
    if value and value not in match:
        both = joined[joined["_merge"] == "both"]
        old_values = pd.to_numeric(both[f"{value}_before"], errors="coerce")
        new_values = pd.to_numeric(both[f"{value}_after"], errors="coerce")
        delta = (new_values - old_values).abs()
        appeared = old_values.isna() != new_values.isna()
        revised = (delta > tolerance) | appeared
        diff.revised = int(revised.sum())
        diff.within_rounding = int(((delta > 0) & (delta <= tolerance)).sum())
        changed = delta[revised & delta.notna()]
        if not changed.empty:
            at = changed.idxmax()
            diff.largest = Revision(
                " / ".join(str(both.at[at, c]) for c in match), float(old_values[at]), float(new_values[at])
            )
        elif diff.revised:
            at = revised[revised].index[0]
            diff.largest = Revision(
                " / ".join(str(both.at[at, c]) for c in match),
                float("nan") if pd.isna(old_values[at]) else float(old_values[at]),
                float("nan") if pd.isna(new_values[at]) else float(new_values[at]),
            )
    return diff
