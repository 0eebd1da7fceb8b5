"""The deterministic offline engine: understand → plan → call tools → compose → verify."""
