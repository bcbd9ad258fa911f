using FirmwarePlanner.Common;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Tests.Planning;

/// <summary>
/// The page-table pages <c>init_mem_mapping()</c> takes from memblock once brk is used up. The e-pc capture (pc
/// machine: RAM 0–3 GiB with holes and 4–5 GiB, QEMU TCG without 1 GiB pages, nokaslr) logged three
/// <c>alloc_low_pages</c> allocations from memblock (dmesg.txt:341-346), all while mapping the region that holds the
/// kernel image (which may not use brk): its two new PMD pages (1st and 2nd GiB) and the PTE page of its unaligned end.
/// </summary>
public class DirectMapModelTests
{
    /// <summary>memblock.memory of e-pc after e820 (its first MEMBLOCK dump, dmesg.txt:213-219).</summary>
    private static readonly AddressRange[] EpcMemory =
    [
        new(0x1000, 0xa0000), new(0x100000, 0x806000), new(0x808000, 0x810000), new(0x900000, 0xbea8a000),
        new(0xbeb8c000, 0xbf4ec000), new(0xbf7fe000, 0xbfeec000), new(0x100000000, 0x140000000),
    ];

    /// <summary>The kernel image reservation as iomem shows it (Kernel code .. bss), brk at its end.</summary>
    private static readonly AddressRange Brk = new(0x41f0000, 0x4200000);

    private static ulong MemblockPages(bool gbPages, int trampolinePages)
    {
        ulong pages = 0;
        new DirectMapModel(EpcMemory, gbPages, brkPages: 16, Brk, trampolinePages).Run(0x140000000, 0x140000000, (_, _, n) =>
        {
            pages += n;
            return 1;
        });
        return pages;
    }

    [Fact]
    public void Without_1_GiB_pages_the_kernels_three_memblock_pages_are_predicted()
    {
        Assert.Equal(3UL, MemblockPages(gbPages: false, trampolinePages: 0));
    }

    [Fact]
    public void With_1_GiB_pages_the_fully_mapped_gigabyte_needs_no_PMD_page()
    {
        Assert.Equal(2UL, MemblockPages(gbPages: true, trampolinePages: 0));
    }

    [Fact]
    public void The_KASLR_trampoline_page_comes_out_of_brk_and_only_shows_once_brk_runs_short()
    {
        // e-pc's mapping leaves brk pages unused, so one page taken by init_trampoline_kaslr() changes nothing ...
        Assert.Equal(MemblockPages(false, 0), MemblockPages(false, 1));

        // ... while with a brk buffer just big enough for what the mapping puts in brk, it costs one memblock page.
        ulong Tight(int trampoline)
        {
            ulong pages = 0;
            new DirectMapModel(EpcMemory, false, brkPages: 3 + 1 + 1 + 3, Brk, trampoline).Run(0x140000000, 0x140000000, (_, _, n) =>
            {
                pages += n;
                return 1;
            });
            return pages;
        }

        Assert.Equal(Tight(0) + 1, Tight(1));
    }
}
