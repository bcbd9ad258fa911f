/* Host test of mirrormap.c (make check). Builds descriptor maps by hand with 48-byte descriptors,
 * as OVMF returns them, and checks splits, attributes, counts and range parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirrormap.h"

#define DESC 48
#define PAGE 4096ULL
#define MR MM_EFI_MEMORY_MORE_RELIABLE

static int failures;

static void put(uint8_t *map, size_t i, uint32_t type, uint64_t start, uint64_t pages, uint64_t attr)
{
    uint8_t *d = map + i * DESC;
    memset(d, 0, DESC);
    memcpy(d + MM_OFF_TYPE, &type, 4);
    memcpy(d + MM_OFF_PHYS, &start, 8);
    memcpy(d + MM_OFF_PAGES, &pages, 8);
    memcpy(d + MM_OFF_ATTR, &attr, 8);
    d[40] = 0xA5; /* padding past the UEFI fields must travel with the descriptor */
}

static void expect(const uint8_t *map, size_t i, uint32_t type, uint64_t start, uint64_t pages, uint64_t attr,
                   const char *what)
{
    const uint8_t *d = map + i * DESC;
    uint32_t t;
    uint64_t s, p, a;
    memcpy(&t, d + MM_OFF_TYPE, 4);
    memcpy(&s, d + MM_OFF_PHYS, 8);
    memcpy(&p, d + MM_OFF_PAGES, 8);
    memcpy(&a, d + MM_OFF_ATTR, 8);
    if (t != type || s != start || p != pages || a != attr || d[40] != 0xA5) {
        printf("FAIL %s [%zu]: got type %u start %#llx pages %#llx attr %#llx pad %#x; want %u %#llx %#llx %#llx\n",
               what, i, t, (unsigned long long)s, (unsigned long long)p, (unsigned long long)a, d[40], type,
               (unsigned long long)start, (unsigned long long)pages, (unsigned long long)attr);
        failures++;
    }
}

static void expect_count(size_t got, size_t want, const char *what)
{
    if (got != want) {
        printf("FAIL %s: %zu descriptors, want %zu\n", what, got, want);
        failures++;
    }
}

static size_t run(const uint8_t *in, size_t n, const struct mm_range *r, size_t nr, uint8_t *out, size_t cap)
{
    size_t need = mm_apply(in, n, DESC, r, nr, NULL, 0);
    size_t again = mm_apply(in, n, DESC, r, nr, out, cap);
    expect_count(again, need, "sizing call agrees with writing call");
    return need;
}

static void test_split_inside_one_descriptor(void)
{
    uint8_t in[2 * DESC], out[8 * DESC];
    struct mm_range r = { 0x40000000, 0x5fffffff };
    put(in, 0, 7, 0x1500000, (0x7bb6d000 - 0x1500000) / PAGE, 0xf);
    put(in, 1, 4, 0x7bb6d000, 0x20, 0xf);
    expect_count(run(in, 2, &r, 1, out, 8), 4, "one range inside one descriptor");
    expect(out, 0, 7, 0x1500000, (0x40000000 - 0x1500000) / PAGE, 0xf, "below");
    expect(out, 1, 7, 0x40000000, 0x20000, 0xf | MR, "inside");
    expect(out, 2, 7, 0x60000000, (0x7bb6d000 - 0x60000000) / PAGE, 0xf, "above");
    expect(out, 3, 4, 0x7bb6d000, 0x20, 0xf, "untouched");
}

static void test_range_across_descriptors(void)
{
    uint8_t in[3 * DESC], out[8 * DESC];
    struct mm_range r = { 0x2000, 0x5fff };
    put(in, 0, 7, 0x0000, 3, 0xf);  /* 0x0000-0x2fff: split at 0x2000 */
    put(in, 1, 2, 0x3000, 2, 0xf);  /* 0x3000-0x4fff: wholly inside */
    put(in, 2, 7, 0x5000, 4, 0xf);  /* 0x5000-0x8fff: split at 0x6000 */
    expect_count(run(in, 3, &r, 1, out, 8), 5, "range across three descriptors");
    expect(out, 0, 7, 0x0000, 2, 0xf, "a");
    expect(out, 1, 7, 0x2000, 1, 0xf | MR, "b");
    expect(out, 2, 2, 0x3000, 2, 0xf | MR, "c");
    expect(out, 3, 7, 0x5000, 1, 0xf | MR, "d");
    expect(out, 4, 7, 0x6000, 3, 0xf, "e");
}

static void test_exact_fit_and_two_ranges(void)
{
    uint8_t in[2 * DESC], out[8 * DESC];
    struct mm_range r[3] = { { 0x10000, 0x1ffff }, { 0x30000, 0x30fff }, { 0x38000, 0x3ffff } };
    put(in, 0, 7, 0x10000, 0x10, 0xf);          /* exactly range 0: no split */
    put(in, 1, 7, 0x20000, 0x20, 0x8000000000000001ULL); /* 0x20000-0x3ffff: ranges 1 and 2 inside */
    expect_count(run(in, 2, r, 3, out, 8), 5, "exact fit plus two ranges in one descriptor");
    expect(out, 0, 7, 0x10000, 0x10, 0xf | MR, "exact");
    expect(out, 1, 7, 0x20000, 0x10, 0x8000000000000001ULL, "gap before 1");
    expect(out, 2, 7, 0x30000, 0x1, 0x8000000000000001ULL | MR, "range 1");
    expect(out, 3, 7, 0x31000, 0x7, 0x8000000000000001ULL, "gap before 2");
    expect(out, 4, 7, 0x38000, 0x8, 0x8000000000000001ULL | MR, "range 2 to the end");
}

static void test_overlapping_ranges_and_empty_descriptor(void)
{
    uint8_t in[2 * DESC], out[8 * DESC];
    struct mm_range r[2] = { { 0x1000, 0x3fff }, { 0x2000, 0x4fff } };
    put(in, 0, 7, 0x0, 8, 0xf);
    put(in, 1, 0, 0x9000, 0, 0x0);
    expect_count(run(in, 2, r, 2, out, 8), 4, "overlapping ranges");
    expect(out, 0, 7, 0x0, 1, 0xf, "before");
    expect(out, 1, 7, 0x1000, 4, 0xf | MR, "union of both ranges is one piece");
    expect(out, 2, 7, 0x5000, 3, 0xf, "after");
    expect(out, 3, 0, 0x9000, 0, 0x0, "empty descriptor copied, never marked");
}

static void test_capacity_and_no_ranges(void)
{
    uint8_t in[1 * DESC], out[2 * DESC];
    struct mm_range r = { 0x1000, 0x1fff };
    put(in, 0, 7, 0x0, 3, 0xf);
    memset(out, 0xEE, sizeof out);
    expect_count(mm_apply(in, 1, DESC, &r, 1, out, 1), 3, "needs three even with room for one");
    expect(out, 0, 7, 0x0, 1, 0xf, "first piece written");
    if (out[DESC] != 0xEE) {
        printf("FAIL capacity: wrote past out_cap\n");
        failures++;
    }
    expect_count(mm_apply(in, 1, DESC, &r, 0, out, 2), 1, "no ranges copies the map");
    expect(out, 0, 7, 0x0, 3, 0xf, "copy");
    expect_count(mm_apply(in, 1, 24, &r, 1, out, 2), 0, "descriptor size too small");
}

static void test_clear_wc_on_mmio_only(void)
{
    uint8_t in[5 * DESC], out[8 * DESC];
    struct mm_range r = { 0x48000000, 0x57ffffff };
    /* AAVMF's arm64 map tail: RAM (one piece mirrored), then the MMIO|RUN|WC flash and the MMIO|RUN|UC UART. */
    put(in, 0, 7, 0x40000000, 0x40000, 0xf);
    put(in, 1, 5, 0x7c440000, 0x80, 0x800000000000000fULL);          /* Runtime Code with WC|WT|WB|UC: kept */
    put(in, 2, 11, 0x04000000, 0x4000, 0x8000000000000002ULL);       /* MMIO|RUN|WC: loses WC */
    put(in, 3, 11, 0x09010000, 0x1, 0x8000000000000001ULL);          /* MMIO|RUN|UC: no WC, unchanged */
    put(in, 4, 12, 0x3eff0000, 0x10, 0x2);                           /* MMIO port space with WC: another type */
    size_t n = run(in, 5, &r, 1, out, 8);
    expect_count(n, 7, "mirror split before the WC rule");
    expect_count(mm_clear_attr(out, n, DESC, MM_EFI_MEMORY_MAPPED_IO, MM_EFI_MEMORY_WC), 1, "one MMIO|WC descriptor");
    expect(out, 0, 7, 0x40000000, 0x8000, 0xf, "RAM below the mirror");
    expect(out, 1, 7, 0x48000000, 0x10000, 0xf | MR, "mirror piece");
    expect(out, 2, 7, 0x58000000, 0x28000, 0xf, "RAM above the mirror");
    expect(out, 3, 5, 0x7c440000, 0x80, 0x800000000000000fULL, "runtime code keeps WC");
    expect(out, 4, 11, 0x04000000, 0x4000, 0x8000000000000000ULL, "flash: RUN only");
    expect(out, 5, 11, 0x09010000, 0x1, 0x8000000000000001ULL, "UART keeps UC");
    expect(out, 6, 12, 0x3eff0000, 0x10, 0x2, "port space untouched");
    expect_count(mm_clear_attr(out, n, DESC, MM_EFI_MEMORY_MAPPED_IO, MM_EFI_MEMORY_WC), 0, "idempotent");
    expect_count(mm_clear_attr(out, n, 24, MM_EFI_MEMORY_MAPPED_IO, MM_EFI_MEMORY_WC), 0, "descriptor size too small");
}

static void test_parse(void)
{
    struct mm_range r;
    const char *good = "0x40000000-0x5fffffff";
    if (mm_parse_range(good, strlen(good), &r) != 0 || r.first != 0x40000000 || r.last != 0x5fffffff) {
        printf("FAIL parse good\n");
        failures++;
    }
    const char *bad[] = { "0x40000000-0x5ffffffe", "0x40000001-0x5fffffff", "0x5000-0x1fff", "0x1000",
                          "zz-0x1fff", "0x1000-0x1fffx", "0x10000000000000000-0x1fff", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mm_parse_range(bad[i], strlen(bad[i]), &r) == 0) {
            printf("FAIL parse accepted '%s'\n", bad[i]);
            failures++;
        }
}

int main(void)
{
    test_split_inside_one_descriptor();
    test_range_across_descriptors();
    test_exact_fit_and_two_ranges();
    test_overlapping_ranges_and_empty_descriptor();
    test_capacity_and_no_ranges();
    test_clear_wc_on_mmio_only();
    test_parse();
    if (failures == 0)
        printf("mirrormap: all checks passed\n");
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
