"""Writes an SVG chart of revocations per second over time, one line per contender, from the
sandbox's revocation times. Standard library only.

usage as a module: write_chart(path, {"rotor": [epoch seconds...], "xargs": [...]}, title)
usage as a script: chart.py OUT.svg NAME=revocations.json [NAME=revocations.json ...]
"""

import json
import sys

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 40, 50


def per_second(times):
    """Returns counts per whole second since the first time."""
    if not times:
        return []
    start = min(times)
    counts = [0] * (int(max(times) - start) + 1)
    for t in times:
        counts[int(t - start)] += 1
    return counts


def write_chart(path, series, title):
    binned = {name: per_second(times) for name, times in series.items()}
    max_x = max([len(c) for c in binned.values()] + [1])
    max_y = max([max(c) for c in binned.values() if c] + [1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(sec):
        return LEFT + plot_w * sec / max(1, max_x - 1)

    def y(val):
        return TOP + plot_h * (1 - val / max_y)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (WIDTH, HEIGHT),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="15">%s</text>' % (LEFT, _esc(title))]
    for i in range(6):
        val = max_y * i / 5
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>'
                   % (LEFT, LEFT + plot_w, y(val), y(val)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (LEFT - 6, y(val) + 4, val))
    for i in range(6):
        sec = (max_x - 1) * i / 5
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%d s</text>'
                   % (x(sec), TOP + plot_h + 18, sec))
    out.append('<text x="%d" y="%d" text-anchor="middle">seconds since the contender\'s first '
               'revocation</text>' % (LEFT + plot_w / 2, HEIGHT - 10))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">'
               'revocations per second</text>' % (TOP + plot_h / 2, TOP + plot_h / 2))
    for n, (name, counts) in enumerate(binned.items()):
        colour = COLOURS[n % len(COLOURS)]
        points = " ".join("%.1f,%.1f" % (x(i), y(c)) for i, c in enumerate(counts))
        out.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>'
                   % (colour, points))
        ly = TOP + 16 + 18 * n
        out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="3"/>'
                   % (WIDTH - RIGHT + 12, WIDTH - RIGHT + 32, ly - 4, ly - 4, colour))
        out.append('<text x="%d" y="%d">%s (%d)</text>'
                   % (WIDTH - RIGHT + 38, ly, _esc(name), sum(counts)))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    import datetime

    def _ts(s):
        return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()

    series = {}
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        with open(path) as f:
            series[name] = [_ts(r["time"]) for r in json.load(f)]
    write_chart(sys.argv[1], series, "Revocations per second")
