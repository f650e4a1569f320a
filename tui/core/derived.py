"""Per-row quantities derived once after loading: power as measured, where the source has it.

The dashboard's tok/s/MW uses fixed all-in kW per GPU (data/hardware.csv), and paretop keeps
that as the default. Where a row carries a measured average power per GPU that its source did
not mark as failed (`power_valid` 0), paretop also derives tokens/s per MW and joules per token
from it: paretop's derivation, shown as separate "(measured)" metrics.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tui.core.measures import DERIVED_COLUMNS, MEASURED_J_PER_TOKEN, MEASURED_TOK_S_PER_MW

__all__ = ["DERIVED_COLUMNS", "with_measured_power"]


def with_measured_power(frame: pd.DataFrame) -> pd.DataFrame:
    """The measured-power columns added to the frame (NaN where no valid measurement).

    In place, and the same frame returned: it is one just loaded, and copying every row to add
    two columns would double the load's peak memory.
    """
    out = frame
    if "avg_power_w" not in out:
        for col in DERIVED_COLUMNS:
            out[col] = np.nan
        return out
    watts = pd.to_numeric(out["avg_power_w"], errors="coerce").to_numpy(float)
    valid = pd.to_numeric(out["power_valid"], errors="coerce").to_numpy(float) != 0
    tput = out["tput_per_gpu"].to_numpy(float)
    usable = valid & (watts > 0) & (tput > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[MEASURED_TOK_S_PER_MW] = np.where(usable, tput * 1e6 / watts, np.nan)
        out[MEASURED_J_PER_TOKEN] = np.where(usable, watts / tput, np.nan)
    return out
