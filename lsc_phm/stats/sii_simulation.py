"""Confidence limits of the SII and RII by simulation, and how reliable those limits are.

:func:`lsc_phm.stats.sii` fits the line; this module draws the values again from their sampling distributions,
refits every replicate and takes order statistics of the simulated SII and RII as their limits
(docs/methods.md#slope-and-relative-index-of-inequality, confidence limits by simulation). The reliability check
repeats the simulation and reports how far the further batches' limits fall from the reported ones.

References
----------
.. [1] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
.. [2] OHID/PHE. Fingertips Public Health Technical Guidance: slope index of inequality.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._validation import FloatArray, level_suffix


def _order_statistic_limits(sorted_or_raw: FloatArray, level: float) -> tuple[float, float]:
    """Limits as the round(R(1−c'))-th and round(R·c')-th smallest of R values."""
    r = len(sorted_or_raw)
    c2 = level + (1.0 - level) / 2.0
    i_lo = min(max(round(r * (1.0 - c2)), 1), r) - 1
    i_hi = min(max(round(r * c2), 1), r) - 1
    part = np.partition(sorted_or_raw, [i_lo, i_hi])
    return float(part[i_lo]), float(part[i_hi])


class SiiSimulation:
    """One batch of simulated SII/RII limits; RII most/least deprived.

    See docs/methods.md#slope-and-relative-index-of-inequality (confidence limits by simulation).
    """

    def __init__(
        self,
        hat: FloatArray,
        gy: FloatArray,
        s: FloatArray,
        ginv: Callable[[Any], Any],
        transform: bool,
        m: float,
        beta0: float,
        beta1: float,
        repetitions: int,
    ) -> None:
        self.hat, self.gy, self.s, self.ginv = hat, gy, s, ginv
        self.transform, self.m, self.beta0, self.beta1, self.r = transform, m, beta0, beta1, repetitions

    def __call__(
        self, rng: np.random.Generator, levels: Sequence[float]
    ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
        ginv, m = self.ginv, self.m
        draws = rng.standard_normal((len(self.gy), self.r))
        draws *= self.s[:, None]
        draws += self.gy[:, None]
        if not self.transform:
            draws = ginv(draws)
        coef = self.hat @ draws  # (2, R): all replicates in one product
        sii_limits: list[tuple[float, float]] = []
        rii_limits: list[tuple[float, float]] = []
        if not self.transform:
            with np.errstate(divide="ignore", invalid="ignore"):
                rii_sims = coef[0] / (coef[0] + coef[1])
                if m < 0:
                    rii_sims = 1.0 / rii_sims
            sii_sims = m * coef[1]
            for c in levels:
                sii_limits.append(_order_statistic_limits(sii_sims, c))
                rii_limits.append(_order_statistic_limits(rii_sims, c))
            return sii_limits, rii_limits
        mid = self.beta0 + self.beta1 / 2.0
        for c in levels:
            s_lo, s_hi = _order_statistic_limits(coef[1], c)
            sii_at = [(ginv(mid + sl / 2.0) - ginv(mid - sl / 2.0)) * m for sl in (s_lo, s_hi)]
            # most / least deprived: falls as the slope rises, so the low slope gives the upper RII limit
            rii_at = [ginv(mid - sl / 2.0) / ginv(mid + sl / 2.0) for sl in (s_lo, s_hi)]
            if m < 0:
                sii_limits.append((sii_at[1], sii_at[0]))
                rii_limits.append((1.0 / rii_at[0], 1.0 / rii_at[1]))
            else:
                sii_limits.append((sii_at[0], sii_at[1]))
                rii_limits.append((rii_at[1], rii_at[0]))
        return sii_limits, rii_limits


def simulation_reliability(
    simulate: Any, rng: np.random.Generator, levels: Sequence[float], sii_limits: Any, rii_limits: Any, rii: bool
) -> dict[str, float]:
    """How reliable simulated SII/RII limits are: the mean absolute difference of 9 further batches' limits from
    the reported ones, per level.

    See docs/methods.md#slope-and-relative-index-of-inequality (confidence limits by simulation).

    Parameters
    ----------
    simulate : SiiSimulation
        The batch that gave the reported limits; called again with ``rng`` and ``levels``.
    rng : numpy.random.Generator
        Continues the stream that gave the reported limits.
    levels : sequence of float
        Confidence levels.
    sii_limits, rii_limits : list of (float, float)
        The reported limits, one pair per level.
    rii : bool
        Also report the RII's difference.

    Returns
    -------
    dict of str to float
        ``sii_mad{suffix}`` (and ``rii_mad{suffix}``) per level, suffix as :func:`level_suffix` gives it.
    """
    out: dict[str, float] = {}
    batches = [simulate(rng, levels) for _ in range(9)]
    for i, c in enumerate(levels):
        suffix = level_suffix(c)
        out[f"sii_mad{suffix}"] = float(np.mean([abs(np.array(bs[i]) - np.array(sii_limits[i])) for bs, _ in batches]))
        if rii:
            out[f"rii_mad{suffix}"] = float(
                np.mean([abs(np.array(br[i]) - np.array(rii_limits[i])) for _, br in batches])
            )
    return out
