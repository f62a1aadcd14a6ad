"""The fonts of the PDFs, brought from the npm registry (Fontsource) at `make` time.

`python -m wijkkracht.core.pdf_fonts var/fonts` fetches the pinned packages with npm,
checks each against its pinned hash, turns the woff2 files the PDFs use into TrueType
(WeasyPrint would otherwise unpack them again for every PDF), keeps each package's licence
(SIL OFL 1.1) beside its fonts, and writes fonts.css with one @font-face per file. The
families are called "Bundled …", a name no installed font has: fontconfig picks the
system's own "Noto Sans" over an @font-face of the same name when both match equally,
so a PDF would otherwise look different wherever the system has other fonts.
"""

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # as `npm view NAME@VERSION dist.integrity` prints it
    family: str  # the name the PDF templates use
    subsets: tuple[str, ...]  # Fontsource splits a font by script; each face costs every PDF time
    weights: tuple[int, ...]
    styles: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.name.removeprefix("@fontsource/")


PACKAGES = (
    Package(
        "@fontsource/noto-sans",
        "5.3.0",
        "sha512-fBCog2PY7DiVVTEEqtI/Qdinx/knobHYfoGpjFXdfBX5RoJaBp1Prw2G75p0OIsdlMZg3cLo0c+YbIUYOxnQJw==",
        family="Bundled Noto Sans",
        # Our languages and what people may type in notes and names (no Devanagari).
        subsets=(
            "latin",
            "latin-ext",
            "cyrillic",
            "cyrillic-ext",
            "greek",
            "greek-ext",
            "vietnamese",
        ),
        weights=(400, 700),
        styles=("normal", "italic"),
    ),
    Package(
        "@fontsource/noto-sans-arabic",
        "5.3.0",
        "sha512-i3t6GR0LOReyJVEk+YfYCnxv53wuIelg7Y9NGNvOq4Diq/EP0YszaGXkQwfQNigLjfO4POrLaPGM0sNliGYk7A==",
        family="Bundled Noto Sans Arabic",
        subsets=("arabic",),  # its Latin letters would never be reached: Noto Sans comes first
        weights=(400, 700),
        styles=("normal",),  # Arabic has no italic; WeasyPrint slants it when asked
    ),
    Package(  # ✓ and ☐ in the workbooks: no text font has them
        "@fontsource/noto-sans-symbols-2",
        "5.3.0",
        "sha512-hFnEnIXOIgLLJ61SO9icRXKoS+LSWoq7ZqKJQ/NaQR7ptdC6+7yW4ci6EuXgsS1S9JmWpciX6w0AFZkU1DKn1A==",
        family="Bundled Noto Sans Symbols 2",
        subsets=("symbols",),
        weights=(400,),
        styles=("normal",),
    ),
)
CSS_NAME = "fonts.css"


def fetch(package: Package, workdir: Path) -> tarfile.TarFile:
    """The package's tarball, by npm (its cache spares the download next time)."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to fetch the PDF fonts (Debian: apt-get install npm)")
    spec = f"{package.name}@{package.version}"  # ours, from PACKAGES: hence the noqa
    try:
        done = subprocess.run(  # noqa: S603
            [npm, "pack", "--silent", "--ignore-scripts", "--pack-destination", workdir, spec],
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as error:
        sys.exit(f"npm pack {package.name}@{package.version} failed:\n{error.stderr}")
    data = (workdir / done.stdout.strip().splitlines()[-1]).read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != package.integrity:
        sys.exit(f"{package.name}@{package.version}: hash {digest}, pinned {package.integrity}")
    return tarfile.open(fileobj=io.BytesIO(data))


def unpack(package: Package, tarball: tarfile.TarFile, dest: Path) -> list[str]:
    """Write the package's fonts as TrueType and its licence into dest; its @font-face rules."""
    from fontTools.ttLib import woff2  # from the venv: WeasyPrint needs it too

    def read(name):
        return tarball.extractfile(f"package/{name}").read()

    ranges = json.loads(read("unicode.json"))
    folder = dest / package.id
    folder.mkdir(parents=True)
    (folder / "LICENSE").write_bytes(read("LICENSE"))
    rules = []
    for subset in package.subsets:
        for weight in package.weights:
            for style in package.styles:
                stem = f"{package.id}-{subset}-{weight}-{style}"
                ttf = io.BytesIO()
                woff2.decompress(io.BytesIO(read(f"files/{stem}.woff2")), ttf)
                (folder / f"{stem}.ttf").write_bytes(ttf.getvalue())
                rules.append(
                    f'@font-face {{ font-family: "{package.family}"; font-style: {style};'
                    f" font-weight: {weight};\n  src: url({package.id}/{stem}.ttf);"
                    f" unicode-range: {ranges[subset]}; }}"
                )
    return rules


def main(dest: Path) -> None:
    """Build the font folder beside dest, then swap it in: a failed run leaves the old one."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=f".{dest.name}-") as work:
        build = Path(work) / "fonts"
        rules = ["/* Written by python -m wijkkracht.core.pdf_fonts; see there. */"]
        for package in PACKAGES:
            with fetch(package, Path(work)) as tarball:
                rules += unpack(package, tarball, build)
        (build / CSS_NAME).write_text("\n".join(rules) + "\n")
        shutil.rmtree(dest, ignore_errors=True)
        build.rename(dest)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
