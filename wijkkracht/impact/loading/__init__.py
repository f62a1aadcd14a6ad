"""Content and demo data for outcome measurement, from content/impact/."""
