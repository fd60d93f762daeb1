"""Gzip a cached page once, yet give each response its own CSRF token and CSP nonce.

A page is split at its per-response values. Each fixed part is compressed once, on its own
(so nothing refers back across a value), ending on a byte boundary without the final-block
flag; deflate blocks made that way can be laid end to end. Each response then only
compresses its few short values and the checksum, instead of the whole page: for a 200 KB
page that is a fiftieth of the work of compressing it again.
"""

import struct
import zlib

# gzip member header: magic, deflate, no flags, no time, no extra flags, unknown OS.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
LEVEL = 6


def deflate_part(data: bytes) -> bytes:
    """Raw deflate blocks for `data`, independent of anything before, not final."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def stored_block(data: bytes) -> bytes:
    """`data` as an uncompressed deflate block: a short value is not worth compressing, and
    this needs no compressor at all. Follows a part that ended on a byte boundary."""
    if len(data) > 0xFFFF:
        return deflate_part(data)
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


# The closing block: empty, with the final flag.
FINAL = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)


def gzip_parts(parts: list[bytes], compressed: list[bytes | None]) -> bytes:
    """A gzip body for the concatenation of `parts`; where `compressed` has an entry, it is
    that part already deflated with deflate_part()."""
    body = [HEADER]
    crc = 0
    size = 0
    for part, ready in zip(parts, compressed, strict=True):
        body.append(ready if ready is not None else stored_block(part))
        crc = zlib.crc32(part, crc)
        size += len(part)
    body.append(FINAL)
    body.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(body)
