using FirmwarePlanner.Checks;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Reports;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// <c>check</c> and <c>fleet</c> run the boot model without formatting kernel lines. On every QEMU capture's firmware
/// files (no dmesg given), the model itself must come out the same as when the lines are kept.
/// </summary>
public class KernelLinesOffTests
{
    public static TheoryData<string> Captures() => QemuCaptureTests.Captures();

    [Theory]
    [MemberData(nameof(Captures))]
    public void Without_kernel_lines_the_model_is_the_same_and_the_log_is_empty(string capture)
    {
        var documents = QemuCaptureTests.InputsOf(capture)
            .Select(f => new InputDocument(f, File.ReadAllBytes(Fixtures.PathOf("qemu", capture, f)))).ToArray();
        var options = QemuCaptureTests.FirmwareOnlyOptions(capture);

        var withLines = MachineAnalyzer.Analyze(capture, documents, options);
        var withoutLines = MachineAnalyzer.Analyze(capture, documents, options, kernelLines: false);
        var with = withLines.Prediction!;
        var without = withoutLines.Prediction!;

        Assert.NotEmpty(with.Log.Lines);
        Assert.Empty(without.Log.Lines);
        Assert.Equal(with.KernelE820, without.KernelE820);
        Assert.Equal(with.MemblockAfterE820, without.MemblockAfterE820);
        Assert.Equal(with.MemblockAfterNuma, without.MemblockAfterNuma);
        // The check report (its layout per node and zone, its findings) is what check and fleet print.
        Assert.Equal(
            ReportWriter.Render(Checker.Run(CheckSubjects.From(withLines, false)), ReportFormat.Json),
            ReportWriter.Render(Checker.Run(CheckSubjects.From(withoutLines, false)), ReportFormat.Json));
        Assert.Equal(with.Notes, without.Notes);
        Assert.Equal((with.MirrorBytes, with.MaxPfn, with.NumaFaked), (without.MirrorBytes, without.MaxPfn, without.NumaFaked));
    }
}
