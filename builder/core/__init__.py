"""Pure data and rules over it: diagnostics, ids, spans, dates and zones, the model. Imports nothing above it."""
