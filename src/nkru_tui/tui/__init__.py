"""The Textual explorer. Only this package imports Textual; the engine in ``core`` never does."""
