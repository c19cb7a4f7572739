"""Pictures drawn with Pillow for demo content and tests: no stock photos, no downloads."""

import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "dawn": [(250, 214, 165), (243, 160, 120), (14, 81, 96)],
    "harbor": [(190, 222, 230), (120, 170, 190), (9, 60, 72)],
    "garden": [(236, 243, 220), (150, 190, 120), (60, 100, 60)],
    "dusk": [(255, 226, 190), (214, 110, 90), (60, 50, 90)],
}
HOUSE_COLOURS = [
    (244, 196, 203),
    (250, 222, 150),
    (176, 216, 206),
    (248, 238, 220),
    (203, 221, 240),
    (240, 190, 160),
]


def _gradient(size, top, bottom) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def draw_scene(kind: str, seed: int, size=(1600, 1067)) -> Image.Image:
    """A soft illustrated scene: 'street' (Charleston row houses), 'garden' or 'water'."""
    rng = random.Random(seed)
    palette = PALETTES[rng.choice(list(PALETTES))]
    image = _gradient(size, palette[0], palette[1])
    draw = ImageDraw.Draw(image)
    width, height = size
    sun_x, sun_y, r = rng.randint(width // 5, 4 * width // 5), height // 4, height // 8
    draw.ellipse([sun_x - r, sun_y - r, sun_x + r, sun_y + r], fill=(255, 236, 190))
    if kind == "street":
        x = -rng.randint(0, 80)
        while x < width:
            w = rng.randint(width // 8, width // 5)
            h = rng.randint(height // 3, height // 2)
            top = height - h - height // 8
            colour = rng.choice(HOUSE_COLOURS)
            draw.rectangle([x, top, x + w, height], fill=colour)
            draw.polygon(
                [(x - 6, top), (x + w // 2, top - h // 6), (x + w + 6, top)],
                fill=(120, 90, 80),
            )
            for row in range(3):
                for col in range(2):
                    wx = x + w // 6 + col * w // 2
                    wy = top + h // 10 + row * h // 4
                    draw.rectangle(
                        [wx, wy, wx + w // 5, wy + h // 7], fill=(60, 80, 90)
                    )
                    draw.rectangle([wx - 6, wy, wx - 2, wy + h // 7], fill=(30, 90, 70))
            x += w + rng.randint(4, 16)
        draw.rectangle([0, height - height // 8, width, height], fill=(170, 160, 150))
    elif kind == "water":
        horizon = height // 2
        water = _gradient((width, height - horizon), (120, 170, 190), (40, 95, 120))
        image.paste(water, (0, horizon))
        draw.polygon(
            [(0, horizon), (width // 3, horizon - height // 14), (width, horizon)],
            fill=(70, 110, 80),
        )
        for i in range(14):
            y = horizon + height // 30 + i * height // 30
            x = rng.randint(0, width // 3)
            draw.line(
                [(x, y), (x + rng.randint(width // 6, width // 2), y)],
                fill=(200, 225, 232),
                width=3,
            )
    else:
        for _ in range(28):
            cx, cy = rng.randint(0, width), rng.randint(height // 2, height)
            rr = rng.randint(height // 30, height // 12)
            petal = rng.choice(
                [(217, 72, 15), (246, 185, 59), (232, 120, 160), (250, 150, 60)]
            )
            for dx, dy in [(0, -1), (1, 0), (0, 1), (-1, 0), (0, 0)]:
                draw.ellipse(
                    [
                        cx + dx * rr - rr,
                        cy + dy * rr - rr,
                        cx + dx * rr + rr,
                        cy + dy * rr + rr,
                    ],
                    fill=petal,
                )
            draw.ellipse(
                [cx - rr // 2, cy - rr // 2, cx + rr // 2, cy + rr // 2],
                fill=(255, 220, 120),
            )
    return image.filter(ImageFilter.GaussianBlur(1.2))


def draw_portrait(seed: int, size=(800, 800)) -> Image.Image:
    """A friendly abstract head-and-shoulders silhouette on a warm background."""
    rng = random.Random(seed)
    background = rng.choice(
        [(246, 223, 200), (214, 232, 228), (236, 220, 238), (250, 236, 200)]
    )
    image = _gradient(size, background, tuple(max(0, c - 40) for c in background))
    draw = ImageDraw.Draw(image)
    width, height = size
    skin = rng.choice(
        [(241, 200, 170), (198, 140, 100), (141, 90, 60), (224, 172, 130)]
    )
    shirt = rng.choice([(14, 81, 96), (184, 65, 12), (80, 90, 130), (60, 110, 80)])
    draw.ellipse([width * 0.18, height * 0.62, width * 0.82, height * 1.3], fill=shirt)
    draw.rectangle([width * 0.43, height * 0.5, width * 0.57, height * 0.68], fill=skin)
    draw.ellipse([width * 0.32, height * 0.2, width * 0.68, height * 0.6], fill=skin)
    hair = rng.choice([(40, 30, 25), (90, 60, 40), (150, 120, 90), (20, 20, 20)])
    draw.chord(
        [width * 0.3, height * 0.16, width * 0.7, height * 0.5], 180, 360, fill=hair
    )
    return image.filter(ImageFilter.GaussianBlur(1))


def image_file(image: Image.Image, name: str) -> ImageFile:
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ImageFile(BytesIO(buffer.getvalue()), name=name)
