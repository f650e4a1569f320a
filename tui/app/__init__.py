"""The Textual explorer: a view of tui.core, nothing more."""
