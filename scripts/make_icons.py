"""Draw the application icon (a shield with a keyhole: a safe for dossiers) in every size we ship.

python scripts/make_icons.py  → resources/icons/arbokluis-{16..512}.png, arbokluis.ico, arbokluis.icns
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> Image.Image:
    scale = 4
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 0.2, fill=(31, 77, 120, 255))
    # shield
    w, top = s * 0.56, s * 0.16
    left = (s - w) / 2
    shield = [(left, top + s * 0.06), (s / 2, top), (left + w, top + s * 0.06), (left + w, top + s * 0.36),
              (s / 2, s * 0.86), (left, top + s * 0.36)]
    d.polygon(shield, fill=(255, 255, 255, 255))
    # keyhole
    r = s * 0.085
    cx, cy = s / 2, s * 0.42
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(31, 77, 120, 255))
    d.polygon([(cx - r * 0.55, cy), (cx + r * 0.55, cy), (cx + r * 0.9, s * 0.64), (cx - r * 0.9, s * 0.64)],
              fill=(31, 77, 120, 255))
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, img in images.items():
        img.save(OUT / f"arbokluis-{size}.png")
    images[256].save(OUT / "arbokluis.ico", sizes=[(n, n) for n in (16, 32, 48, 64, 128, 256)])
    images[512].save(OUT / "arbokluis.icns")
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
