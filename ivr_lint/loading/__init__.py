"""Stage 1: read a file and parse YAML into nodes that keep their file, line and column."""
