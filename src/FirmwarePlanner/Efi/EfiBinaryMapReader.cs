using System.Globalization;
using FirmwarePlanner.Binary;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>
/// Reads a raw <c>GetMemoryMap()</c> buffer: descriptors of <c>DescriptorSize</c> bytes each (≥ 40, 48 on most
/// firmware), the version 1 fields at the offsets of <see cref="EfiMemoryDescriptorLayout"/>. The buffer carries no
/// header, so the stride comes from the caller or is detected: the smallest size (a multiple of 8, 40..256) for which
/// every whole descriptor is plausible (known or OEM/OS type, page-aligned start, non-zero pages inside 2^64).
/// </summary>
public static class EfiBinaryMapReader
{
    public const int MaxDetectedSize = 256;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads <paramref name="data"/>; <paramref name="descriptorSize"/> null means detect.</summary>
    public static EfiMemoryMap Read(ReadOnlySpan<byte> data, string source, uint? descriptorSize, uint? descriptorVersion)
    {
        var bag = new DiagnosticBag();
        var version = descriptorVersion ?? EfiMemoryDescriptorLayout.Version;
        if (version != EfiMemoryDescriptorLayout.Version)
        {
            bag.Report(EfiDiagnostics.DescriptorVersionUnknown, SourceLocation.Whole(source), string.Create(Inv, $"descriptor version {version}"));
        }

        var size = descriptorSize ?? DetectSize(data, source, bag);
        if (size is null)
        {
            return Empty(source, 0, version, bag);
        }

        if (size < EfiMemoryDescriptorLayout.Size)
        {
            bag.Report(EfiDiagnostics.DescriptorSizeTooSmall, SourceLocation.AtOffset(source, 0), string.Create(Inv, $"descriptor size {size}"));
            return Empty(source, size.Value, version, bag);
        }

        var descriptors = ReadDescriptors(new ByteReader(data), source, (int)Math.Min(size.Value, int.MaxValue), bag);
        if (descriptors.Count == 0)
        {
            bag.Report(EfiDiagnostics.EmptyMap, SourceLocation.AtOffset(source, 0), string.Create(Inv, $"{data.Length} bytes hold no whole {size}-byte descriptor"));
        }

        EfiMapValidator.Validate(descriptors, bag);
        return new EfiMemoryMap(source, EfiMapForm.Binary, descriptors, size.Value, version, null, bag.ToList())
        {
            Start = SourceLocation.AtOffset(source, 0),
        };
    }

    /// <summary>True when <paramref name="data"/> reads as a plausible map at exactly one base stride.</summary>
    public static bool LooksLikeMap(ReadOnlySpan<byte> data) => Candidates(data, strict: true).Count > 0 || Candidates(data, strict: false).Count > 0;

    private static List<EfiMemoryDescriptor> ReadDescriptors(ByteReader reader, string source, int size, DiagnosticBag bag)
    {
        // As many descriptors as the bytes hold (the buffer's own length, not a field of it): one array, no regrowth.
        var list = new List<EfiMemoryDescriptor>(size > 0 ? reader.Length / size : 0);
        long offset = 0;
        for (; reader.Has(offset, size); offset += size)
        {
            list.Add(Decode(reader, offset, list.Count, source));
        }

        if (offset < reader.Length)
        {
            bag.Report(EfiDiagnostics.MapLengthNotMultiple, SourceLocation.AtOffset(source, offset),
                string.Create(Inv, $"{reader.Length} bytes is not a multiple of {size}: {reader.Length - offset} trailing bytes ignored"));
        }

        return list;
    }

    private static EfiMemoryDescriptor Decode(ByteReader r, long at, int index, string source) => new(
        index,
        (EfiMemoryType)r.U32(at + EfiMemoryDescriptorLayout.Type),
        r.U64(at + EfiMemoryDescriptorLayout.PhysicalStart),
        r.U64(at + EfiMemoryDescriptorLayout.VirtualStart),
        r.U64(at + EfiMemoryDescriptorLayout.NumberOfPages),
        (EfiMemoryAttribute)r.U64(at + EfiMemoryDescriptorLayout.Attribute),
        SourceLocation.AtOffset(source, at));

    private static uint? DetectSize(ReadOnlySpan<byte> data, string source, DiagnosticBag bag)
    {
        var candidates = Candidates(data, strict: true);
        if (candidates.Count == 0)
        {
            // Damaged maps (a few bad descriptors) still have one stride that reads mostly right; validation reports the rest.
            candidates = Candidates(data, strict: false);
        }

        if (candidates.Count == 1)
        {
            return (uint)candidates[0];
        }

        var what = candidates.Count == 0 ? "no descriptor size from 40 to 256 gives a plausible map"
            : "sizes " + string.Join(", ", candidates.Select(c => c.ToString(Inv))) + " all give plausible maps";
        bag.Report(EfiDiagnostics.DescriptorSizeUndetermined, SourceLocation.AtOffset(source, 0), what + "; pass --desc-size");
        return null;
    }

    /// <summary>
    /// Base strides that read plausibly. Multiples of a plausible stride read every k-th descriptor and are dropped;
    /// strides leaving a partial descriptor at the end count only when no stride divides the length. Strict means every
    /// whole descriptor is plausible; otherwise at least three quarters of two or more.
    /// </summary>
    private static List<int> Candidates(ReadOnlySpan<byte> data, bool strict)
    {
        var reader = new ByteReader(data);
        var exact = new List<int>();
        var partial = new List<int>();
        for (var size = EfiMemoryDescriptorLayout.Size; size <= MaxDetectedSize; size += 8)
        {
            if (IsMultipleOfAny(size, exact) || IsMultipleOfAny(size, partial) || !Plausible(reader, size, strict))
            {
                continue;
            }

            (data.Length % size == 0 ? exact : partial).Add(size);
        }

        return exact.Count > 0 ? exact : partial;
    }

    private static bool IsMultipleOfAny(int size, List<int> strides)
    {
        foreach (var s in strides)
        {
            if (size % s == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Plausible(ByteReader reader, int size, bool strict)
    {
        int count = 0, good = 0;
        for (long at = 0; reader.Has(at, size); at += size, count++)
        {
            var type = reader.U32(at + EfiMemoryDescriptorLayout.Type);
            var start = reader.U64(at + EfiMemoryDescriptorLayout.PhysicalStart);
            var pages = reader.U64(at + EfiMemoryDescriptorLayout.NumberOfPages);
            var typeOk = type < EfiMemoryTypes.DefinedCount || type >= EfiMemoryTypes.OemFirst;
            var rangeOk = pages != 0 && (start & 0xfff) == 0 && pages <= (ulong.MaxValue >> 12) - (start >> 12);
            if (typeOk && rangeOk)
            {
                good++;
            }
            else if (strict)
            {
                return false;
            }
        }

        return strict ? count > 0 : count >= 2 && good * 4 >= count * 3;
    }

    private static EfiMemoryMap Empty(string source, uint size, uint version, DiagnosticBag bag) =>
        new(source, EfiMapForm.Binary, [], size, version, null, bag.ToList()) { Start = SourceLocation.AtOffset(source, 0) };
}
