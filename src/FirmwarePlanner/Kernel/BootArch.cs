namespace FirmwarePlanner.Kernel;

/// <summary>The architectures whose boot path is modelled.</summary>
public enum BootArch
{
    X64,
    Arm64,
}

/// <summary>The one spelling of <see cref="BootArch"/> every verb accepts and prints (<c>x86_64</c>, <c>arm64</c>).</summary>
public static class BootArchNames
{
    public static string Name(this BootArch arch) => arch == BootArch.Arm64 ? "arm64" : "x86_64";

    public static bool TryParse(string? text, out BootArch arch)
    {
        arch = text switch
        {
            "arm64" or "aarch64" => BootArch.Arm64,
            _ => BootArch.X64,
        };
        return text is "x86_64" or "x86-64" or "amd64" or "arm64" or "aarch64";
    }
}
