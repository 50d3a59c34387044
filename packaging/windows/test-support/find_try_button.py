#!/usr/bin/env python3
"""Finds "Try without an account" on a screenshot of the login screen and prints its centre
as "X Y" (window coordinates). Test-only, for packaging/test-windows.sh: the button moves when
the login form above it grows (a profile option, a notice), so a fixed position would click
the wrong thing.

    python3 find_try_button.py SCREENSHOT.ppm

The login column ends with a horizontal rule, then "No account yet?", two lines of text and
the button, the last filled box in the column. This looks for the lowest full rule in the
window's middle third, then for the first filled box under it at the rule's left edge.
"""
import sys


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = []
    pos = 0
    while len(parts) < 4:  # magic, width, height, maxval (no comments in ImageMagick's output)
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        parts.append(data[start:pos])
    if parts[0] != b"P6":
        sys.exit("find_try_button.py: not a binary PPM")
    width, height = int(parts[1]), int(parts[2])
    return width, height, data[pos + 1:]


def main() -> int:
    width, height, pixels = read_ppm(sys.argv[1])

    def px(x, y):
        i = (y * width + x) * 3
        return tuple(pixels[i:i + 3])

    bg = px(5, height - 5)
    rule_y = None
    for y in range(40, height - 2):
        xs = [width * k // 10 for k in (3, 4, 5, 6, 7)]
        colours = {px(x, y) for x in xs}
        if len(colours) == 1 and bg not in colours and px(width // 2, y - 2) == bg and px(width // 2, y + 2) == bg:
            rule_y = y
    if rule_y is None:
        sys.exit("find_try_button.py: no rule found")
    left = width // 2
    while left > 0 and px(left - 1, rule_y) != bg:
        left -= 1
    x = left + 4

    def filled(y):  # a box's fill: 40 pixels of one colour that is not the background
        first = px(x, y)
        return first != bg and all(px(x + d, y) == first for d in range(40))

    top = next((y for y in range(rule_y + 3, height) if filled(y)), None)
    if top is None:
        sys.exit("find_try_button.py: no button under the rule")
    bottom = next(y for y in range(top, height) if not filled(y))
    mid = (top + bottom) // 2
    right = next(xx for xx in range(x, width) if px(xx, top + 1) == bg)
    print((left + right) // 2, mid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
