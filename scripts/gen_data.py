#!/usr/bin/env python3
"""Generate a large one-minute CSV of request counts for benchmarks.

Writes `timestamp,good,total` rows (RFC 3339 UTC times, one per minute) with
a daily traffic wave and a steady trickle of errors, plus optional outages.
The output is deterministic for a given seed, so benchmark figures compare.

    python3 scripts/gen_data.py --rows 1000000 > /tmp/1m.csv
    python3 scripts/gen_data.py --rows 100000 --style unix --outage 5000:30:0.5 -o data.csv

--style picks the timestamp style: rfc3339 (2023-11-14T22:13:20Z), space
(2023-11-14 22:13:20), unix (seconds) or unix_ms (milliseconds).
--outage START:MINUTES:ERROR_RATE adds an incident (repeatable).
"""

import argparse
import datetime
import math
import random
import sys

START = 1_700_000_000


def fmt_time(t, style):
    if style == "unix":
        return str(t)
    if style == "unix_ms":
        return str(t * 1000)
    dt = datetime.datetime.fromtimestamp(t, tz=datetime.timezone.utc)
    if style == "space":
        return dt.strftime("%Y-%m-%d %H:%M:%S")
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_outage(text):
    start, minutes, rate = text.split(":")
    return int(start), int(minutes), float(rate)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--style", choices=["rfc3339", "space", "unix", "unix_ms"], default="rfc3339")
    ap.add_argument("--outage", type=parse_outage, action="append", default=[])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    out = open(args.output, "w", newline="\n") if args.output else sys.stdout
    lines = ["timestamp,good,total\n"]
    for i in range(args.rows):
        t = START + 60 * i
        wave = math.sin((i % 1440) / 1440 * math.tau)
        total = int(10_000 + 2_000 * wave) + rng.randrange(100)
        rate = 0.0005
        for start, minutes, outage_rate in args.outage:
            if start <= i < start + minutes:
                rate = outage_rate
        bad = min(total, int(total * rate) + rng.randrange(3))
        lines.append(f"{fmt_time(t, args.style)},{total - bad},{total}\n")
        if len(lines) >= 65_536:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
