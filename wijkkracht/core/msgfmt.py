"""Compile a .po catalogue to .mo without GNU gettext, so `make` needs only Python.

Usage: python -m wijkkracht.core.msgfmt django.po django.mo
Fuzzy entries are left out, as msgfmt does.
"""

import sys

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogue(po_path: str, mo_path: str) -> None:
    with open(po_path, "rb") as po_file:
        catalogue = read_po(po_file)
    with open(mo_path, "wb") as mo_file:
        write_mo(mo_file, catalogue, use_fuzzy=False)


if __name__ == "__main__":
    compile_catalogue(sys.argv[1], sys.argv[2])
