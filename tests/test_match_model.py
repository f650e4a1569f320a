"""--model finds a model by display name, InferenceMAX prefix or id, then by a unique substring."""

from __future__ import annotations

import re

import pytest
from helpers import frame, row

from tui.core.compact import compact
from tui.core.select import SelectionError, match_model


def rows() -> list:
    return [
        row(model="DeepSeek-R1-0528", model_prefix="dsr1", model_id="deepseek-ai/DeepSeek-R1-0528"),
        row(model="gpt-oss-120b", model_prefix="gptoss", model_id="openai/gpt-oss-120b"),
        row(model="Llama-3.3-70B", model_prefix="llama70b", model_id=None),
    ]


@pytest.mark.parametrize("make", [lambda: frame(*rows()), lambda: compact(frame(*rows()))])
def test_names_prefixes_ids_and_substrings(make) -> None:
    data = make()
    assert match_model(data, "deepseek-r1-0528") == "DeepSeek-R1-0528"
    assert match_model(data, " DSR1 ") == "DeepSeek-R1-0528"
    assert match_model(data, "OPENAI/gpt-oss-120b") == "gpt-oss-120b"
    assert match_model(data, "llama") == "Llama-3.3-70B"  # a unique substring
    with pytest.raises(
        SelectionError, match=re.escape("ambiguous: it matches Llama-3.3-70B, gpt-oss-120b")
    ):
        match_model(data, "B")
    with pytest.raises(SelectionError, match="no model matches 'mistral'"):
        match_model(data, "mistral")
