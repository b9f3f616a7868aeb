"""Arbokluis core: importable and testable without Qt."""
