/* mirrormap: mark EFI memory descriptors inside given physical ranges as
 * EFI_MEMORY_MORE_RELIABLE, splitting descriptors at range edges.
 * Pure code (no firmware calls) so it builds both for UEFI and for a host test. */
#ifndef MIRRORMAP_H
#define MIRRORMAP_H

#include <stddef.h>
#include <stdint.h>

#define MM_EFI_PAGE_SIZE 4096ULL
#define MM_EFI_MEMORY_MORE_RELIABLE 0x10000ULL
#define MM_MAX_RANGES 16
#define MM_EFI_MEMORY_MAPPED_IO 11U /* EfiMemoryMappedIO */
#define MM_EFI_MEMORY_WC 0x2ULL     /* EFI_MEMORY_WC, bit 1 (UC is 0x1, WT 0x4, WB 0x8) */

/* Byte offsets inside an EFI_MEMORY_DESCRIPTOR (UEFI 2.x, version 1). */
#define MM_OFF_TYPE 0
#define MM_OFF_PHYS 8
#define MM_OFF_VIRT 16
#define MM_OFF_PAGES 24
#define MM_OFF_ATTR 32
#define MM_MIN_DESC_SIZE 40

/* An inclusive, page-aligned physical range: first is a multiple of 4 KiB, last + 1 is too. */
struct mm_range {
    uint64_t first;
    uint64_t last;
};

/* Rewrites the map `in` (count descriptors of desc_size bytes each, in firmware order) into `out`.
 * Every descriptor that crosses a range edge is split there; every piece inside a range gets
 * MM_EFI_MEMORY_MORE_RELIABLE; all other bytes of each descriptor are copied unchanged.
 * Writes at most out_cap descriptors (out may be NULL when out_cap is 0) and returns the number
 * of descriptors the rewritten map needs, so a first call with out_cap 0 sizes the buffer. */
size_t mm_apply(const uint8_t *in, size_t count, size_t desc_size,
                const struct mm_range *ranges, size_t range_count,
                uint8_t *out, size_t out_cap);

/* Clears the attribute bits `bits` on every descriptor of type `type` in `map` (count descriptors of desc_size
 * bytes each), in place; every other byte, and every descriptor of another type, is left as it is. Returns the
 * number of descriptors changed. mirrorshim's mmio-no-wc uses it with MM_EFI_MEMORY_MAPPED_IO and
 * MM_EFI_MEMORY_WC: arm64's is_memory() (drivers/firmware/efi/efi-init.c) counts a WC descriptor as memory, so
 * AAVMF's MMIO|RUN|WC variable-store flash becomes NOMAP memblock memory that no SRAT node covers. */
size_t mm_clear_attr(uint8_t *map, size_t count, size_t desc_size, uint32_t type, uint64_t bits);

/* Parses "0xSTART-0xEND" (inclusive end, hex, optional 0x) into *r and checks page alignment.
 * Returns 0 on success, -1 on a malformed or unaligned range. `text` need not be NUL-terminated:
 * parsing stops at `len` characters. */
int mm_parse_range(const char *text, size_t len, struct mm_range *r);

#endif
