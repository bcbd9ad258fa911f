#include "mirrormap.h"

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

static int inside_any(uint64_t addr, const struct mm_range *ranges, size_t range_count)
{
    for (size_t i = 0; i < range_count; i++)
        if (addr >= ranges[i].first && addr <= ranges[i].last)
            return 1;
    return 0;
}

/* Collects the edges of the union of the ranges strictly inside (start, last] as sorted, distinct cut addresses:
 * a piece begins at each cut. Returns how many were stored in cuts (capacity 2 * MM_MAX_RANGES). */
static size_t collect_cuts(uint64_t start, uint64_t last, const struct mm_range *ranges,
                           size_t range_count, uint64_t *cuts)
{
    size_t n = 0;
    for (size_t i = 0; i < range_count && i < MM_MAX_RANGES; i++) {
        uint64_t edges[2] = { ranges[i].first, ranges[i].last + 1 };
        for (int k = 0; k < 2; k++) {
            uint64_t c = edges[k];
            if (c == 0 || c <= start || c > last)
                continue;
            /* An edge of one range that lies inside another range is not a boundary of the union. */
            if (inside_any(c - 1, ranges, range_count) == inside_any(c, ranges, range_count))
                continue;
            int seen = 0;
            for (size_t m = 0; m < n; m++)
                if (cuts[m] == c)
                    seen = 1;
            if (seen)
                continue;
            size_t j = n;
            while (j > 0 && cuts[j - 1] > c) {
                cuts[j] = cuts[j - 1];
                j--;
            }
            cuts[j] = c;
            n++;
        }
    }
    return n;
}

size_t mm_apply(const uint8_t *in, size_t count, size_t desc_size,
                const struct mm_range *ranges, size_t range_count,
                uint8_t *out, size_t out_cap)
{
    size_t produced = 0;
    uint64_t cuts[2 * MM_MAX_RANGES + 1];

    if (desc_size < MM_MIN_DESC_SIZE)
        return 0;
    for (size_t d = 0; d < count; d++) {
        const uint8_t *src = in + d * desc_size;
        uint64_t start = get64(src + MM_OFF_PHYS);
        uint64_t pages = get64(src + MM_OFF_PAGES);
        uint64_t virt = get64(src + MM_OFF_VIRT);
        uint64_t attr = get64(src + MM_OFF_ATTR);
        size_t ncuts = 0;

        if (pages != 0 && pages <= (~0ULL - start) / MM_EFI_PAGE_SIZE + 1) {
            uint64_t last = start + pages * MM_EFI_PAGE_SIZE - 1;
            ncuts = collect_cuts(start, last, ranges, range_count, cuts);
        }
        cuts[ncuts] = start + pages * MM_EFI_PAGE_SIZE; /* end of the last piece (exclusive) */

        uint64_t piece = start;
        for (size_t k = 0; k <= ncuts; k++) {
            uint64_t next = cuts[k];
            if (produced < out_cap && out != NULL) {
                uint8_t *dst = out + produced * desc_size;
                copy_bytes(dst, src, desc_size);
                if (ncuts != 0) {
                    put64(dst + MM_OFF_PHYS, piece);
                    put64(dst + MM_OFF_PAGES, (next - piece) / MM_EFI_PAGE_SIZE);
                    if (virt != 0)
                        put64(dst + MM_OFF_VIRT, virt + (piece - start));
                }
                if (pages != 0 && inside_any(piece, ranges, range_count))
                    put64(dst + MM_OFF_ATTR, attr | MM_EFI_MEMORY_MORE_RELIABLE);
            }
            produced++;
            piece = next;
        }
    }
    return produced;
}

size_t mm_clear_attr(uint8_t *map, size_t count, size_t desc_size, uint32_t type, uint64_t bits)
{
    size_t changed = 0;

    if (desc_size < MM_MIN_DESC_SIZE)
        return 0;
    for (size_t d = 0; d < count; d++) {
        uint8_t *p = map + d * desc_size;
        uint32_t t = (uint32_t)p[MM_OFF_TYPE] | (uint32_t)p[MM_OFF_TYPE + 1] << 8 | (uint32_t)p[MM_OFF_TYPE + 2] << 16
                     | (uint32_t)p[MM_OFF_TYPE + 3] << 24;
        uint64_t attr = get64(p + MM_OFF_ATTR);
        if (t != type || (attr & bits) == 0)
            continue;
        put64(p + MM_OFF_ATTR, attr & ~bits);
        changed++;
    }
    return changed;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parses one hex number at text[*pos..len); returns 0 on success. */
static int parse_hex(const char *text, size_t len, size_t *pos, uint64_t *value)
{
    size_t i = *pos;
    uint64_t v = 0;
    int digits = 0;

    if (i + 1 < len && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        i += 2;
    while (i < len && hex_digit(text[i]) >= 0) {
        if (digits == 16)
            return -1;
        v = (v << 4) | (uint64_t)hex_digit(text[i]);
        digits++;
        i++;
    }
    if (digits == 0)
        return -1;
    *pos = i;
    *value = v;
    return 0;
}

int mm_parse_range(const char *text, size_t len, struct mm_range *r)
{
    size_t pos = 0;
    uint64_t first, last;

    if (parse_hex(text, len, &pos, &first) != 0 || pos >= len || text[pos] != '-')
        return -1;
    pos++;
    if (parse_hex(text, len, &pos, &last) != 0 || pos != len)
        return -1;
    if (last < first || first % MM_EFI_PAGE_SIZE != 0 || (last + 1) % MM_EFI_PAGE_SIZE != 0)
        return -1;
    r->first = first;
    r->last = last;
    return 0;
}
