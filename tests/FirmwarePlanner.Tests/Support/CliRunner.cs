using FirmwarePlanner.Cli;

namespace FirmwarePlanner.Tests.Support;

/// <summary>Runs <c>fwplan</c> in-process and captures what it writes.</summary>
public static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var o = new StringWriter { NewLine = "\n" };
        using var e = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
