"""The guides' rules: the public library, and a group working through a guide."""
