"""paretop: a terminal explorer for LLM inference benchmark results."""

__version__ = "0.1.0"
