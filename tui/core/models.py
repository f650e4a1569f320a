"""Model display names from InferenceMAX prefixes (data/models.csv)."""

from __future__ import annotations

import csv
from functools import cache

from tui.core.paths import data_file


@cache
def prefix_names() -> dict[str, str]:
    with data_file("models.csv").open(newline="") as handle:
        return {
            r["prefix"].strip().lower(): r["display_name"].strip() for r in csv.DictReader(handle)
        }


def display_name(prefix: str | None, model_id: str | None) -> str:
    """The prefix's display name; else the last path component of the model id."""
    if prefix and prefix.strip().lower() in prefix_names():
        return prefix_names()[prefix.strip().lower()]
    if model_id:
        parts = [p for p in model_id.strip().split("/") if p]
        # A Hugging Face cache path: .../models--org--name/snapshots/<hash>
        for part in parts:
            if part.startswith("models--"):
                return part.rsplit("--", 1)[-1]
        return parts[-1] if parts else model_id
    return prefix or ""
