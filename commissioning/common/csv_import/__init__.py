"""Importing records from a CSV file, all or nothing: cell parsers, the engine that checks every
row before writing any, and the upload page with its row-by-row report."""
