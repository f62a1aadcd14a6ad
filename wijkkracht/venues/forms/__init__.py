"""The venue directory's forms: booking requests, the search profile, the venue editor."""
