"""Phase 1: when each session takes place; rooms and speakers matched to it."""
