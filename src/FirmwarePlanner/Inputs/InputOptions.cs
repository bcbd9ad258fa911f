namespace FirmwarePlanner.Inputs;

/// <summary>What the user told us about inputs that cannot tell it themselves (binary EFI maps carry no header).</summary>
public sealed record InputOptions(uint? DescriptorSize = null, uint? DescriptorVersion = null)
{
    public static InputOptions Default { get; } = new();
}
