"""Gazetteer, actor dictionary and role words of the entities stage (data files)."""
