"""Fetching the public InferenceX API into the user's cache. Never imports Textual or pandas."""

DEFAULT_URL = "https://inferencex.semianalysis.com"
"""Here, not in .client: the CLI shows it in --help without loading an HTTP client."""
