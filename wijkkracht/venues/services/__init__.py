"""The venue directory's rules, one module per process: booking rooms (bookings), looking
after the directory (stewardship)."""
