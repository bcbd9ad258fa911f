using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Tests.Efi;

public class EfiMemoryDescriptorLayoutTests
{
    [Fact]
    public void SizeIsTheSpecs40Bytes() => Assert.Equal(40, EfiMemoryDescriptorLayout.Size);

    [Fact]
    public void FieldsAreContiguousAndFillTheDescriptor()
    {
        var offset = 0;
        foreach (var field in EfiMemoryDescriptorLayout.Fields)
        {
            Assert.Equal(offset, field.Offset);
            offset += field.Length;
        }

        Assert.Equal(EfiMemoryDescriptorLayout.Size, offset);
        Assert.Equal(8, EfiMemoryDescriptorLayout.PhysicalStart);
        Assert.Equal(24, EfiMemoryDescriptorLayout.NumberOfPages);
        Assert.Equal(32, EfiMemoryDescriptorLayout.Attribute);
    }

    [Fact]
    public void LinuxTypeNamesAreThe612Table()
    {
        Assert.Equal("Conventional", EfiMemoryTypes.LinuxName(EfiMemoryType.ConventionalMemory));
        Assert.Equal("ACPI Mem NVS", EfiMemoryTypes.LinuxName(EfiMemoryType.AcpiMemoryNvs));
        Assert.Equal("Unaccepted", EfiMemoryTypes.LinuxName(EfiMemoryType.UnacceptedMemoryType));
        Assert.Null(EfiMemoryTypes.LinuxName((EfiMemoryType)16));
        Assert.True(EfiMemoryTypes.TryParseLinuxName("Conventional Memory", out var old));
        Assert.Equal(EfiMemoryType.ConventionalMemory, old);
        Assert.True(EfiMemoryTypes.TryParseShellName("BS_Data", out var shell));
        Assert.Equal(EfiMemoryType.BootServicesData, shell);
    }
}
