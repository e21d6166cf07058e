#!/usr/bin/env python3
"""Draws the app icons (PNG, no dependencies): a white oral syringe on blue.
Run once; the PNGs are committed. `maskable` keeps the drawing in the safe zone."""
import struct
import sys
import zlib

BLUE = (10, 79, 150)
WHITE = (255, 255, 255)
LIQUID = (156, 195, 234)


def png(size, pixels):
    """A palette PNG, 2 bits a pixel: the icons have three colours, and this
    keeps them small (they are precached on every first visit)."""
    palette = [BLUE, WHITE, LIQUID]
    index = {colour: i for i, colour in enumerate(palette)}

    def row_bytes(row):
        out = bytearray()
        for x in range(0, size, 4):
            byte = 0
            for px in row[x : x + 4]:
                byte = (byte << 2) | index[px]
            byte <<= 2 * (4 - len(row[x : x + 4]))
            out.append(byte)
        return bytes(out)

    raw = b"".join(b"\x00" + row_bytes(row) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 2, 3, 0, 0, 0)
    plte = bytes(c for colour in palette for c in colour)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"PLTE", plte)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def draw(size, scale):
    """`scale` shrinks the drawing towards the centre (maskable safe zone)."""
    pixels = [[BLUE] * size for _ in range(size)]

    def rect(x0, y0, x1, y1, colour):
        c = size / 2
        f = lambda v: int(round(c + (v * size - c) * scale))
        for y in range(max(0, f(y0)), min(size, f(y1))):
            for x in range(max(0, f(x0)), min(size, f(x1))):
                pixels[y][x] = colour

    rect(0.10, 0.46, 0.20, 0.54, WHITE)    # tip
    rect(0.20, 0.36, 0.72, 0.64, WHITE)    # barrel
    rect(0.23, 0.39, 0.52, 0.61, LIQUID)   # liquid
    rect(0.52, 0.38, 0.56, 0.62, BLUE)     # plunger ring
    rect(0.56, 0.47, 0.86, 0.53, WHITE)    # rod
    rect(0.86, 0.38, 0.90, 0.62, WHITE)    # thumb rest
    for i in range(1, 6):                  # marks
        x = 0.20 + i * 0.085
        rect(x, 0.36, x + 0.012, 0.44, BLUE)
    return pixels


out = sys.argv[1] if len(sys.argv) > 1 else "pwa"
for name, size, scale in [("icon-192.png", 192, 1.0), ("icon-512.png", 512, 1.0), ("icon-maskable-512.png", 512, 0.72)]:
    with open(f"{out}/{name}", "wb") as f:
        f.write(png(size, draw(size, scale)))
