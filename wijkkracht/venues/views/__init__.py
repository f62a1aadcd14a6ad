"""The venue directory's pages: search and venues, rooms and their weeks, the editor."""
