"""Test pictures: a camera-like JPEG carrying GPS and a tiny PNG of a chosen size."""

from __future__ import annotations

import io

from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

GPS_IFD = IFD.GPSInfo



def jpeg_with_gps() -> bytes:
    """A real camera-like JPEG: GPS position of the Main Square and the phone's model."""
    exif = Image.Exif()
    exif[Base.Make] = "KCKTestPhone"
    exif[Base.Model] = "Model-X-123"
    exif[GPS_IFD] = {
        GPS.GPSLatitudeRef: "N",
        GPS.GPSLatitude: (50.0, 3.0, 41.0),
        GPS.GPSLongitudeRef: "E",
        GPS.GPSLongitude: (19.0, 56.0, 14.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries GPS
        assert check.getexif().get_ifd(GPS_IFD)[GPS.GPSLatitudeRef] == "N"
    return data


def png(size: int = 32) -> bytes:
    """A plain orange PNG, size pixels square."""
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "orange").save(buffer, "PNG")
    return buffer.getvalue()
