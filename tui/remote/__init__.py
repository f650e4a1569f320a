"""Fetching the public InferenceX API into the user's cache. Never imports Textual or pandas."""
