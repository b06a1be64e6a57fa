"""
Generated cover pictures for demo content: no network, no binary files in the repository.

``cover_picture("GMP News", seed=7)`` draws a branded 16:9 picture with Pillow alone: a
diagonal gradient in one of a few palettes (teal, blue, green, amber, indigo), a faint
honeycomb, one main motif (a skeletal molecule, a cluster of hexagons, laboratory flasks or
capsules) and the label in large type. The seed picks everything, so the same seed always gives
the same picture and the same file name. Shapes are drawn at twice the size and scaled down,
which anti-aliases them; the result is a JPEG of roughly 40–60 KB at 1200×675, made in about
a fifth of a second. ``cover_description()`` gives the matching alt text.
"""

import io
import itertools
import math
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter

from clusterportal.pictures.drawing import font, wrap

#: (dark, middle, light, accent) per palette; dark sits behind the text, so white text contrasts.
PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "teal": ((8, 62, 74), (0, 128, 128), (108, 205, 196), (255, 196, 87)),
    "blue": ((14, 42, 94), (28, 99, 178), (122, 182, 240), (96, 224, 200)),
    "green": ((18, 70, 48), (40, 140, 90), (150, 214, 160), (250, 220, 110)),
    "amber": ((92, 46, 10), (200, 118, 20), (255, 200, 110), (255, 245, 220)),
    "indigo": ((34, 30, 86), (72, 80, 170), (150, 170, 240), (120, 220, 210)),
}

GLASS = (255, 255, 255, 235)  # outlines of flasks
SCALE = 2  # draw at twice the size, then downsample: cheap anti-aliasing
JPEG_QUALITY = 82


def cover_picture(
    title: str,
    *,
    seed: int,
    size: tuple[int, int] = (1200, 675),
    brand: str = "Pharma Cluster",
    motif: str | None = None,
) -> ContentFile:
    """A deterministic JPEG cover for ``title``, ready for ``ImageField.save()`` or a model field.

    ``title`` is the label printed on the picture (a category or a few words; long labels wrap,
    in smaller type, onto at most three lines). ``brand`` is the small line above it. ``motif`` (a key of
    ``MOTIFS``) overrides the seed's choice of drawing, e.g. "capsules" for a capsule plant.
    The file is named ``demo-cover-<seed>.jpg``; ``cover_description()`` gives matching alt text.
    """
    rng = random.Random(seed)
    palette_name, motif_name = _design(rng, motif)
    width, height = size
    w, h = width * SCALE, height * SCALE
    dark, mid, light, accent = PALETTES[palette_name]

    image = _gradient((w, h), dark, mid, light, angle=rng.uniform(20, 50))
    overlay = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)

    _honeycomb(draw, (w, h), rng, colour=light)
    draw_motif = MOTIFS[motif_name][0]
    draw_motif(overlay, draw, (w, h), rng, light=light, accent=accent)

    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    image = _label(image, title, brand, accent=accent)
    image = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=cover_file_name(seed))


def cover_description(title: str, *, seed: int, motif: str | None = None, language: str = "en") -> str:
    """Alt text for ``cover_picture(title, seed=seed, motif=motif)``: what it shows, including its
    words, in ``language`` ("en" or "ru": the language of the item it illustrates)."""
    palette_name, motif_name = _design(random.Random(seed), motif)
    if language == "ru":
        picture, background = MOTIFS_RU[motif_name], PALETTES_RU[palette_name]
        return f"Иллюстрация: {picture} на {background} фоне и надпись «{title.strip()}»"
    article = "an" if palette_name[0] in "aeiou" else "a"
    picture = MOTIFS[motif_name][1]
    return f"Illustration: {picture} on {article} {palette_name} background, with the words “{title.strip()}”"


def _design(rng: random.Random, motif: str | None) -> tuple[str, str]:
    """The seed's first two choices, shared by the picture and its description."""
    palette_name, seed_motif = rng.choice(list(PALETTES)), rng.choice(list(MOTIFS))
    if motif is not None and motif not in MOTIFS:
        raise ValueError(f"Unknown motif {motif!r}; choose one of {', '.join(MOTIFS)}.")
    return palette_name, motif or seed_motif


def cover_file_name(seed: int) -> str:
    """A safe, stable file name: digits only, with ``n`` for a negative seed."""
    return f"demo-cover-{'n' if seed < 0 else ''}{abs(int(seed))}.jpg"


# --- background ------------------------------------------------------------------------------


def _gradient(size, dark, mid, light, *, angle: float) -> Image.Image:
    """A diagonal three-stop gradient, darkest in the lower left, with a soft glow upper right."""
    full_size, size = size, (max(8, size[0] // 8), max(8, size[1] // 8))  # smooth: draw small, enlarge
    w, h = size
    diagonal = math.ceil(math.hypot(w, h))
    ramp = Image.linear_gradient("L").resize((diagonal, diagonal)).rotate(180 - angle, Image.Resampling.BILINEAR)
    left, top = (diagonal - w) // 2, (diagonal - h) // 2
    mask = ramp.crop((left, top, left + w, top + h))

    # 0 → dark, 128 → mid, 255 → halfway to light (a white sky looks washed out), via two composites.
    lower = Image.composite(
        Image.new("RGB", size, mid), Image.new("RGB", size, dark), mask.point(lambda v: min(255, v * 2))
    )
    image = Image.composite(Image.new("RGB", size, light), lower, mask.point(lambda v: max(0, v * 2 - 255) // 2))

    glow = Image.radial_gradient("L").resize((int(w * 0.9), int(w * 0.9)))
    # The gradient is 0 in the centre and 181 at the edge midpoints: fade to nothing by then.
    glow = glow.point(lambda v: max(0, 180 - v) * 70 // 180)
    image.paste(Image.new("RGB", glow.size, light), (int(w * 0.55), -int(w * 0.35)), glow)
    return image.resize(full_size, Image.Resampling.BICUBIC)


def _hexagon(cx: float, cy: float, r: float, rotation: float = 0.0) -> list[tuple[float, float]]:
    return [
        (cx + r * math.cos(math.radians(60 * i + rotation)), cy + r * math.sin(math.radians(60 * i + rotation)))
        for i in range(6)
    ]


def _honeycomb(draw: ImageDraw.ImageDraw, size, rng: random.Random, *, colour) -> None:
    """A faint hexagonal grid over the right-hand part, fading towards the text."""
    w, h = size
    r = rng.choice([70, 90, 110]) * SCALE // 2
    dx, dy = 1.5 * r, math.sqrt(3) * r
    for col in range(int(w / dx) + 2):
        for row in range(int(h / dy) + 2):
            cx = col * dx
            cy = row * dy + (dy / 2 if col % 2 else 0)
            fade = max(0.0, (cx / w) - 0.25) / 0.75  # invisible on the left quarter
            alpha = int(34 * fade)
            if alpha <= 2:
                continue
            draw.polygon(_hexagon(cx, cy, r - 3 * SCALE), outline=(*colour, alpha), width=2 * SCALE)
            if rng.random() < 0.07:
                draw.polygon(_hexagon(cx, cy, r - 3 * SCALE), fill=(*colour, alpha // 2))


# --- motifs ----------------------------------------------------------------------------------


def _molecule(overlay, draw, size, rng: random.Random, *, light, accent) -> None:
    """A skeletal formula: a benzene ring (alternating double bonds) with a few side chains."""
    w, h = size
    bond = rng.uniform(0.11, 0.13) * h
    cx, cy = rng.uniform(0.64, 0.74) * w, rng.uniform(0.4, 0.5) * h

    def free(x: float, y: float) -> bool:  # inside the picture, clear of the label
        return 0.05 * w < x < 0.95 * w and 0.07 * h < y < 0.93 * h and not (x < 0.55 * w and y > 0.4 * h)

    rotation = rng.choice([0, 30])
    ring = _hexagon(cx, cy, bond, rotation)
    line = (255, 255, 255, 215)
    stroke = int(7 * SCALE)

    atoms = list(ring)
    bonds = [(ring[i], ring[(i + 1) % 6]) for i in range(6)]
    doubles = []
    for i in range(0, 6, 2):  # inner lines of the aromatic ring
        a, b = ring[i], ring[(i + 1) % 6]
        doubles.append((_towards(a, (cx, cy), 0.22), _towards(b, (cx, cy), 0.22)))

    # Side chains: zig-zags leaving from ring atoms, 120° between bonds.
    for start in rng.sample(range(6), rng.randint(2, 4)):
        x, y = ring[start]
        heading = math.atan2(y - cy, x - cx)
        for step in range(rng.randint(1, 3)):
            turn = math.radians(30 if step % 2 == 0 else -30) * (1 if start % 2 else -1)
            heading += turn if step else 0
            nx, ny = x + bond * math.cos(heading), y + bond * math.sin(heading)
            if not free(nx, ny):
                break
            bonds.append(((x, y), (nx, ny)))
            if rng.random() < 0.25:
                doubles.append(_parallel((x, y), (nx, ny), 0.16 * bond))
            x, y = nx, ny
            atoms.append((x, y))

    for a, b in bonds:
        draw.line([a, b], fill=line, width=stroke)
    for a, b in doubles:
        draw.line([a, b], fill=(255, 255, 255, 170), width=int(stroke * 0.8))
    for i, (x, y) in enumerate(atoms):
        r = (0.16 if i % 3 else 0.2) * bond
        fill = (*accent, 255) if i % 4 == 1 else (*light, 255)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=(255, 255, 255, 235), width=int(3 * SCALE))

    # A second, smaller and fainter molecule in the background for depth.
    bx, by = rng.uniform(0.86, 0.9) * w, rng.choice([0.14, 0.84]) * h
    if any(math.hypot(bx - x, by - y) < 1.3 * bond for x, y in atoms):
        return
    small = _hexagon(bx, by, bond * 0.5, rotation + 30)
    draw.polygon(small, outline=(255, 255, 255, 90), width=int(4 * SCALE))
    for x, y in small:
        r = 0.1 * bond
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*light, 120))


def _hexagon_cluster(overlay, draw, size, rng: random.Random, *, light, accent) -> None:
    """A cluster of filled hexagons, a few highlighted: the cluster and its members."""
    w, h = size
    r = rng.uniform(0.07, 0.09) * h
    dx, dy = 1.5 * (r + 6 * SCALE), math.sqrt(3) * (r + 6 * SCALE)
    ox, oy = rng.uniform(0.6, 0.64) * w, rng.uniform(0.12, 0.2) * h
    cells = [(c, rr) for c in range(4) for rr in range(4)]
    rng.shuffle(cells)
    for c, rr in cells[: rng.randint(9, 12)]:
        cx = ox + c * dx
        cy = oy + rr * dy + (dy / 2 if c % 2 else 0)
        kind = rng.random()
        if kind < 0.18:
            draw.polygon(_hexagon(cx, cy, r), fill=(*accent, 235))
        elif kind < 0.6:
            draw.polygon(_hexagon(cx, cy, r), fill=(255, 255, 255, rng.randint(40, 90)))
        else:
            draw.polygon(_hexagon(cx, cy, r), outline=(255, 255, 255, 200), width=int(5 * SCALE))
        if rng.random() < 0.3:
            dot = r * 0.18
            draw.ellipse([cx - dot, cy - dot, cx + dot, cy + dot], fill=(*light, 255))


def _flasks(overlay, draw, size, rng: random.Random, *, light, accent) -> None:
    """Two or three laboratory flasks (Erlenmeyer and round-bottomed) with coloured liquid."""
    w, h = size
    base = rng.uniform(0.8, 0.86) * h
    gap = 0.03 * w
    kinds = [rng.choice(["erlenmeyer", "round"]) for _ in range(3)]
    heights = [rng.uniform(0.42, 0.6) * h for _ in kinds]
    widths = [height * (0.72 if kind == "erlenmeyer" else 0.68) for kind, height in zip(kinds, heights, strict=True)]
    while len(kinds) > 2 and sum(widths) + gap * (len(widths) - 1) > 0.36 * w:
        kinds, heights, widths = kinds[:-1], heights[:-1], widths[:-1]
    shrink = min(1.0, (0.36 * w - gap * (len(widths) - 1)) / sum(widths))
    heights, widths = [v * shrink for v in heights], [v * shrink for v in widths]
    total = sum(widths) + gap * (len(widths) - 1)
    x = 0.94 * w - total  # right-aligned, clear of the label on the left
    for i, (kind, height, width) in enumerate(zip(kinds, heights, widths, strict=True)):
        liquid = (*accent, 210) if i % 2 == 0 else (*light, 200)
        if kind == "erlenmeyer":
            _erlenmeyer(draw, x, base, height, liquid, rng)
        else:
            _round_flask(draw, x, base, height, liquid, rng)
        x += width + gap
    bench_left = 0.94 * w - total - 0.02 * w
    draw.line(
        [(bench_left, base + 4 * SCALE), (0.98 * w, base + 4 * SCALE)], fill=(255, 255, 255, 150), width=3 * SCALE
    )


def _erlenmeyer(draw, x, base, height, liquid, rng: random.Random) -> None:
    neck_w, body_w = height * 0.16, height * 0.72
    neck_h = height * 0.32
    top = base - height
    shoulder = top + neck_h
    cx = x + body_w / 2

    def half_width(y: float) -> float:  # inner half-width of the glass at height y
        return neck_w / 2 + max(0.0, y - shoulder) / (base - shoulder) * (body_w - neck_w) / 2 - 6 * SCALE

    ly = base - (base - shoulder) * rng.uniform(0.45, 0.62)
    pad = 4 * SCALE
    draw.polygon(
        [
            (cx - half_width(base) - pad, base - pad),
            (cx + half_width(base) + pad, base - pad),
            (cx + half_width(ly), ly),
            (cx - half_width(ly), ly),
        ],
        fill=liquid,
    )
    outline = [
        (cx - neck_w / 2, top),
        (cx - neck_w / 2, shoulder),
        (x, base),
        (x + body_w, base),
        (cx + neck_w / 2, shoulder),
        (cx + neck_w / 2, top),
    ]
    _polyline(draw, outline, fill=GLASS, width=int(6 * SCALE))
    draw.line([(cx - neck_w * 0.8, top), (cx + neck_w * 0.8, top)], fill=GLASS, width=int(6 * SCALE))
    _bubbles(draw, cx, half_width, ly - 0.35 * (ly - shoulder), base - 0.1 * (base - ly), rng)


def _polyline(draw, points, *, fill, width: int) -> None:
    """Segments with round joints (Pillow's joint="curve" leaves stray scanlines at sharp angles)."""
    for a, b in itertools.pairwise(points):
        draw.line([a, b], fill=fill, width=width)
    for x, y in points[1:-1]:
        draw.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=fill)


def _round_flask(draw, x, base, height, liquid, rng: random.Random) -> None:
    r = height * 0.34
    neck_w = height * 0.15
    cx, cy = x + r, base - r
    top = base - height
    inner = r - 5 * SCALE
    ly = base - 2 * r * rng.uniform(0.45, 0.6)
    offset = max(-inner, min(inner, ly - cy))
    half = math.degrees(math.acos(offset / inner))
    # The liquid is the circle's segment below ly, as a polygon: Pillow's chord() with
    # fractional angles can smear stray lines across the whole picture.
    arc = [
        (cx + inner * math.cos(math.radians(a)), cy + inner * math.sin(math.radians(a)))
        for a in (90 - half + 2 * half * i / 48 for i in range(49))
    ]
    draw.polygon(arc, fill=liquid)
    neck_angle = math.degrees(math.asin(neck_w / 2 / r))
    draw.arc(
        [cx - r, cy - r, cx + r, cy + r], start=-90 + neck_angle, end=270 - neck_angle, fill=GLASS, width=int(6 * SCALE)
    )
    joint = cy - r * math.cos(math.radians(neck_angle)) + 3 * SCALE
    for side in (-1, 1):
        draw.line([(cx + side * neck_w / 2, top), (cx + side * neck_w / 2, joint)], fill=GLASS, width=int(6 * SCALE))
    draw.line([(cx - neck_w * 0.8, top), (cx + neck_w * 0.8, top)], fill=GLASS, width=int(6 * SCALE))

    def half_width(y: float) -> float:
        return math.sqrt(max(0.0, inner**2 - (y - cy) ** 2)) - 8 * SCALE

    _bubbles(draw, cx, half_width, ly - 0.3 * r, base - 0.25 * r, rng)


def _bubbles(draw, cx, half_width, top, bottom, rng: random.Random) -> None:
    """A few bubbles between the heights top and bottom, inside the glass (half_width(y))."""
    for _ in range(rng.randint(3, 6)):
        r = rng.uniform(4, 10) * SCALE
        by = rng.uniform(top, bottom)
        room = half_width(by) - r
        if room <= 0:
            continue
        bx = cx + rng.uniform(-room, room) * 0.8
        draw.ellipse([bx - r, by - r, bx + r, by + r], outline=(255, 255, 255, 200), width=2 * SCALE)


def _capsules(overlay, draw, size, rng: random.Random, *, light, accent) -> None:
    """Scattered two-tone capsules and round tablets at varied angles."""
    w, h = size
    placed: list[tuple[float, float]] = []
    for _ in range(rng.randint(6, 8)):
        for _attempt in range(40):
            x, y = rng.uniform(0.62, 0.88) * w, rng.uniform(0.14, 0.84) * h
            if all(math.hypot(x - px, y - py) > 0.23 * h for px, py in placed):
                break
        else:
            continue  # no room left: fewer pills rather than overlapping ones
        placed.append((x, y))
        if rng.random() < 0.65:
            length = rng.uniform(0.2, 0.27) * h
            pill = _capsule(length, length * 0.38, accent if rng.random() < 0.5 else light)
            pill = pill.rotate(rng.uniform(0, 180), Image.Resampling.BICUBIC, expand=True)
        else:
            d = rng.uniform(0.09, 0.13) * h
            pill = Image.new("RGBA", (int(d) + 4, int(d) + 4), (0, 0, 0, 0))
            pd = ImageDraw.Draw(pill)
            pd.ellipse([2, 2, d, d], fill=(255, 255, 255, 225), outline=(*light, 255), width=2 * SCALE)
            pd.line([(d * 0.22, d / 2 + 1), (d * 0.78, d / 2 + 1)], fill=(*light, 255), width=2 * SCALE)
        shadow = Image.new("RGBA", pill.size, (0, 0, 0, 0))
        shadow.putalpha(pill.getchannel("A").point(lambda v: v * 60 // 255))
        shadow = shadow.filter(ImageFilter.GaussianBlur(6 * SCALE))
        left, top = int(x - pill.width / 2), int(y - pill.height / 2)
        overlay.alpha_composite(shadow, (max(0, left + 6 * SCALE), max(0, top + 10 * SCALE)))
        overlay.alpha_composite(pill, (max(0, left), max(0, top)))


def _capsule(length: float, thickness: float, colour) -> Image.Image:
    pill = Image.new("RGBA", (int(length) + 4, int(thickness) + 4), (0, 0, 0, 0))
    pd = ImageDraw.Draw(pill)
    t, half = thickness, length / 2
    pd.rounded_rectangle([2, 2, length, t], radius=t / 2, fill=(255, 255, 255, 240))
    # Coloured half: clip the rounded shape to the right half with a mask.
    mask = Image.new("L", pill.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([2, 2, length, t], radius=t / 2, fill=255)
    ImageDraw.Draw(mask).rectangle([0, 0, half, t + 4], fill=0)
    pill.paste(Image.new("RGBA", pill.size, (*colour, 255)), (0, 0), mask)
    pd.line([(half, 2), (half, t)], fill=(0, 0, 0, 40), width=SCALE)
    pd.rounded_rectangle([t * 0.35, t * 0.22, half - t * 0.15, t * 0.36], radius=t * 0.07, fill=(255, 255, 255, 150))
    return pill


#: name → (drawing function, how the alt text describes it)
MOTIFS = {
    "molecule": (_molecule, "a diagram of a molecule"),
    "hexagons": (_hexagon_cluster, "a cluster of hexagons"),
    "flasks": (_flasks, "laboratory flasks with coloured liquid"),
    "capsules": (_capsules, "scattered capsules and tablets"),
}
#: The same descriptions in Russian: the motif, and the palette as "на … фоне" wants it.
MOTIFS_RU = {
    "molecule": "схема молекулы",
    "hexagons": "группа шестиугольников",
    "flasks": "лабораторные колбы с цветной жидкостью",
    "capsules": "рассыпанные капсулы и таблетки",
}
PALETTES_RU = {
    "teal": "бирюзовом",
    "blue": "синем",
    "green": "зелёном",
    "amber": "янтарном",
    "indigo": "фиолетово-синем",
}


# --- text ------------------------------------------------------------------------------------


def _label(image: Image.Image, title: str, brand: str, *, accent) -> Image.Image:
    """The brand line, an accent rule and the label in large type, lower left."""
    w, h = image.size
    margin = int(0.06 * w)
    max_width = int(0.46 * w)

    big = font(bold=True, size=int(0.1 * h))
    text = title.strip() or "News"
    draw = ImageDraw.Draw(image)
    lines = wrap(draw, text, big, max_width, max_lines=3)
    if len(lines) > 2 or any(draw.textlength(line, font=big) > max_width for line in lines):
        big = font(bold=True, size=int(0.075 * h))
        lines = wrap(draw, text, big, max_width, max_lines=3)
    small = font(bold=False, size=int(0.038 * h))

    line_height = int(getattr(big, "size", 11) * 1.18)
    y = h - margin - line_height * len(lines)
    # A soft shadow under the words keeps them legible on the lighter palettes.
    # Drawn and blurred on a crop around the words only: blurring the whole picture is slow.
    left, top = margin - margin // 2, y - line_height // 2
    shade = Image.new("RGBA", (min(w - left, max_width + margin), h - top), (0, 0, 0, 0))
    shade_draw = ImageDraw.Draw(shade)
    for i, line in enumerate(lines):
        position = (margin - left + 2 * SCALE, y - top + i * line_height + 3 * SCALE)
        shade_draw.text(position, line, font=big, fill=(0, 0, 0, 110))
    image.alpha_composite(shade.filter(ImageFilter.GaussianBlur(5 * SCALE)), (left, top))
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((margin, y + i * line_height), line, font=big, fill=(255, 255, 255, 255))

    rule_y = y - int(0.045 * h)
    draw.rounded_rectangle(
        [margin, rule_y, margin + int(0.07 * w), rule_y + 4 * SCALE], radius=2 * SCALE, fill=(*accent, 255)
    )
    draw.text(
        (margin, rule_y - int(getattr(small, "size", 11) * 1.6)), brand.upper(), font=small, fill=(255, 255, 255, 225)
    )
    return image


# --- geometry --------------------------------------------------------------------------------


def _towards(point, centre, share: float) -> tuple[float, float]:
    return point[0] + (centre[0] - point[0]) * share, point[1] + (centre[1] - point[1]) * share


def _parallel(a, b, offset: float) -> tuple[tuple[float, float], tuple[float, float]]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * offset, dx / length * offset
    shrink = 0.15
    a2 = (a[0] + dx * shrink + nx, a[1] + dy * shrink + ny)
    b2 = (b[0] - dx * shrink + nx, b[1] - dy * shrink + ny)
    return a2, b2
