namespace FirmwarePlanner.Memblock;

/// <summary>
/// How a region array is stored. Both run the same kernel algorithm and give identical results; they differ
/// only in cost (see <c>tools/FirmwarePlanner.Benchmarks</c>).
/// </summary>
public enum MemblockStorage
{
    /// <summary>Chunked sorted list with binary search: O(log n + chunk) per insert/remove. The default.</summary>
    Chunked,

    /// <summary>A plain array searched from index 0 and shifted per insert, as Linux does: O(n) per operation.</summary>
    LinearArray,
}
