#!/usr/bin/env python3
"""Independent check of tokenadm's session tokens (HS256 JWTs).

Usage: jwt_check.py HEXKEY < token

Reads one JWT on stdin (a trailing newline is ignored) and the signing key as hex in argv[1].
Verifies it twice, with code that shares nothing with tokenadm's Rust implementation:

1. PyJWT (`jwt.decode(token, key, algorithms=["HS256"])`), a widely used third-party JWT
   library: signature, exp (must be in the future), iat, and that the registered claims we
   issue are present. PyJWT is not in the standard library: the Rust tests that run this script
   put it on PYTHONPATH (`support::python`, installing it into target/ where it is missing).
2. The standard library alone (hmac, hashlib, base64, json): the header is exactly
   {"alg":"HS256","typ":"JWT"}, the segments are unpadded base64url, the HMAC-SHA256 matches,
   and exp > now and exp > iat.

Prints the claims as JSON on stdout and exits 0 when both accept; otherwise prints the reason
on stderr and exits 1 (2 for a usage error, 3 when PyJWT is missing).
"""

import base64
import hashlib
import hmac
import json
import sys
import time


def fail(message, code=1):
    print(f"jwt_check: {message}", file=sys.stderr)
    sys.exit(code)


def b64url_decode(segment, name):
    # Strict: the URL-safe alphabet only and no padding, as RFC 7515 section 2 requires.
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    if not set(segment) <= allowed or len(segment) % 4 == 1:
        fail(f"the {name} is not unpadded base64url")
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def stdlib_check(token, key, now):
    parts = token.split(".")
    if len(parts) != 3:
        fail(f"expected 3 segments, got {len(parts)}")
    header_b64, payload_b64, signature_b64 = parts
    header = json.loads(b64url_decode(header_b64, "header"))
    if header != {"alg": "HS256", "typ": "JWT"}:
        fail(f"unexpected header {header!r}")
    expected = hmac.new(key, f"{header_b64}.{payload_b64}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, b64url_decode(signature_b64, "signature")):
        fail("the HMAC-SHA256 signature does not match (standard-library check)")
    claims = json.loads(b64url_decode(payload_b64, "payload"))
    for name in ("iat", "exp"):
        if not isinstance(claims.get(name), int) or isinstance(claims.get(name), bool):
            fail(f"{name} is not an integer")
    if not claims["exp"] > now:
        fail(f"expired: exp {claims['exp']} <= now {now}")
    if not claims["exp"] > claims["iat"]:
        fail(f"exp {claims['exp']} is not after iat {claims['iat']}")
    return claims


def pyjwt_check(token, key):
    try:
        import jwt  # PyJWT
    except ImportError:
        fail("PyJWT is not importable; run bash .ci/install-test-deps and PYTHONPATH=target/tmp/python-packages", 3)
    try:
        return jwt.decode(
            token,
            key,
            algorithms=["HS256"],
            options={"require": ["iss", "sub", "iat", "exp", "jti"]},
        )
    except jwt.PyJWTError as e:
        fail(f"PyJWT refused the token: {type(e).__name__}: {e}")


def main():
    if len(sys.argv) != 2:
        fail("usage: jwt_check.py HEXKEY < token", 2)
    try:
        key = bytes.fromhex(sys.argv[1])
    except ValueError:
        fail("the key must be hex", 2)
    token = sys.stdin.read().rstrip("\n")
    now = int(time.time())

    by_stdlib = stdlib_check(token, key, now)
    by_pyjwt = pyjwt_check(token, key)
    if by_stdlib != by_pyjwt:
        fail(f"the two checks decoded different claims: {by_stdlib!r} != {by_pyjwt!r}")
    print(json.dumps(by_pyjwt))


if __name__ == "__main__":
    main()
