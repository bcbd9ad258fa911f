using FirmwarePlanner.Kernel;
namespace FirmwarePlanner.Linux;

/// <summary>Entry point: runs the boot path of the inputs' architecture.</summary>
public static class BootModel
{
    public static BootPrediction Run(BootInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Arch == BootArch.Arm64 ? Arm64BootModel.Run(inputs) : X86BootModel.Run(inputs);
    }
}
