"""Office packages (.docx, .xlsx) repacked so that equal content always gives equal bytes."""

from __future__ import annotations

import io
import zipfile

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def stable_zip(data: bytes) -> bytes:
    """Repack the package with fixed timestamps and order so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
