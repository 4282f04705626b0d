"""Phase 2: how many of each group of interchangeable people attend each session."""
