#!/usr/bin/env python3
"""Writes the crafted reproducers in fixtures/hostile/ (deterministic: same bytes every run).

Each file is one class of hostile input from issue 16; fixtures/hostile/README.md says which and what fwplan
must do with it. Run from the repository root: python3 tools/fuzz/make-hostile-fixtures.py
"""
import io
import os
import struct
import tarfile

OUT = os.path.join("fixtures", "hostile")


def acpi_table(sig, body, length=None):
    n = 36 + len(body) if length is None else length
    hdr = sig + struct.pack("<IBB", n, 1, 0) + b"OEMID " + b"OEMTABLE" + struct.pack("<I", 1) + b"CRTR" + struct.pack("<I", 1)
    t = bytearray(hdr + body)
    t[9] = (-sum(t)) & 0xFF
    return bytes(t)


def acpidump(sig, table):
    lines = [f"{sig} @ 0x0000000000000000"]
    for off in range(0, len(table), 16):
        row = table[off:off + 16]
        hexs = " ".join(f"{b:02X}" for b in row).ljust(47)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in row)
        lines.append(f"    {off:04X}: {hexs}  {text}")
    return "\n".join(lines) + "\n\n"


EFI_LINE = "efi: mem{n:02d}: [{t:<19}|  |  |  |  |  |   |WB|WT|WC|UC] range=[0x{s:016x}-0x{e:016x}] ({mb}MB)\n"


def efi_log(ranges):
    return "".join(EFI_LINE.format(n=i, t=t, s=s, e=e, mb=(e + 1 - s) >> 20) for i, (t, s, e) in enumerate(ranges))


def tar_bytes(entries, patch=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))
    b = bytearray(buf.getvalue())
    if patch:
        off, val = patch
        b[off:off + len(val)] = val
        h = b[0:512]
        h[148:156] = b" " * 8
        b[148:156] = ("%06o\0 " % sum(h)).encode()
    return bytes(b)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    os.makedirs(OUT, exist_ok=True)
    small_map = efi_log([("Conventional Memory", 0, 0x9FFFF), ("Conventional Memory", 0x100000, 0x7FFFFFFF)])
    slit = acpi_table(b"SLIT", struct.pack("<Q", 2) + bytes([10, 20, 20, 10]), length=40)
    write("slit-length-below-header.bin", slit)
    write("slit-length-below-header.acpidump.txt", acpidump("SLIT", slit))
    write("tar-base256-size.tar", tar_bytes([("efi.txt", small_map.encode())], (124, bytes([0x80, 0x7F]) + b"\xff" * 10)))
    write("tar-base256-uid.tar", tar_bytes([("efi.txt", small_map.encode())], (108, bytes([0x80]) + b"\xff" * 7)))
    past = efi_log([("Conventional Memory", 0, 0x9FFFF), ("Conventional Memory", 0x100000, 0xFFFFFFFFFFFFFFFF)])
    write("junit-control-char-name.tar", tar_bytes([("efi\x01map\x1b.txt", past.encode())]))
    write("profile-invalid-utf8.json", b'{"schemaVersion": 1, "kernel": "6.\xff12"}')
    write("profile-schema-fraction.json", b'{"schemaVersion": 1.5}')
    write("config-invalid-utf8.json", b'{"schemaVersion": 1, "severities": {"FP\xc3\x28": "off"}}')
    write("config-schema-fraction.json", b'{"schemaVersion": 1.5}')
    write("baseline-schema-fraction.json", b'{"schemaVersion": 1.5, "results": []}')
    write("efi-ram-huge.txt", efi_log([("Conventional Memory", 0, 0x9FFFF), ("Conventional Memory", 0x100000, 0x7FFFFFFFFFFFFFFF)]))
    write("efi-ram-past-2e64.txt", efi_log([("Conventional Memory", 0, 0x9FFFF), ("Conventional Memory", 0x100000, 0xFFFFFFFFFFFFFFFF)]))
    write("efi-ram-many-huge.txt", efi_log([("Conventional Memory", 0, 0x9FFFF)] +
                                           [("Conventional Memory", (i << 40), (i << 40) + (1 << 39) - 1) for i in range(1, 200)]))


if __name__ == "__main__":
    main()
