"""The PySide6 client of Arbokluis."""
