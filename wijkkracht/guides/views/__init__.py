"""The guides' pages: the public library and a group's workbook."""
