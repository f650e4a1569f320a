"""paretop: a terminal explorer for LLM inference benchmark results."""

import gc

__version__ = "0.1.0"

# Starting up makes ~150k objects that live as long as the process (Textual, pandas, these
# modules). At Python's default of a young collection every 700 new objects, the older
# generations were walked over and over while they were made: ~30 ms of every start. A
# collection every 100k new objects instead; the explorer then moves what startup made out of
# the collector's reach and sets its own pace (tui.app.app.freeze_imports). Garbage is freed
# as before: most by reference counting at once, cycles at the next collection.
YOUNG_AT_START = 100_000
if gc.get_threshold()[0] < YOUNG_AT_START:
    gc.set_threshold(YOUNG_AT_START, *gc.get_threshold()[1:])
