#!/usr/bin/env python3
"""How a receiver verifies a Klaxon webhook delivery (README, "Webhook signatures").

    KLAXON_SIGNING_KEY=<the signing Secret's value> \
      verify-klaxon-webhook.py <X-Klaxon-Timestamp> <X-Klaxon-Signature> <X-Klaxon-Delivery> <seen-file> < body

Prints "accepted" and exits 0 for a delivery to act on; otherwise prints why and exits 1:
  - the signature must be the HMAC-SHA256 of "<timestamp>.<body>" with the signing key;
  - the timestamp must be within 5 minutes of now: a captured delivery replayed later is refused;
  - a delivery id already in <seen-file> is a duplicate (an operator retry or a replay within the
    5 minutes): keep ids for at least as long as the timestamps are accepted.
--now <unix seconds> checks a recorded delivery as of that time.
"""
import hashlib
import hmac
import os
import sys
import time

MAX_AGE_SECONDS = 300


def verify(key, timestamp, signature, body, now):
    """None when the signature and the timestamp hold, else the reason to refuse."""
    if not timestamp.isdigit():
        return "no timestamp"
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "timestamp too old: a replay"
    expected = "sha256=" + hmac.new(key, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "signature does not match"
    return None


def main(argv):
    now = time.time()
    if len(argv) > 2 and argv[1] == "--now":
        now = float(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    timestamp, signature, delivery, seen_file = argv[1:]
    key = os.environ["KLAXON_SIGNING_KEY"].encode("utf-8")
    problem = verify(key, timestamp, signature, sys.stdin.buffer.read(), now)
    if problem is None:
        seen = set(open(seen_file).read().split()) if os.path.exists(seen_file) else set()
        if delivery in seen:
            problem = "delivery " + delivery + " was already received"
    if problem is not None:
        print("refused: " + problem)
        return 1
    with open(seen_file, "a") as out:
        out.write(delivery + "\n")
    print("accepted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
