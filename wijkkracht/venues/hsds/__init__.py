"""Open Referral HSDS 3.0 import and export of venues.

The mapping and the extension format are described in content/venues/README.md.
Export: export.py; import: importing.py (reading.py → checks.py → mapping.py → saving.py).
"""
