using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Reports.Verify;

/// <summary>The verify report in the format asked for.</summary>
public static class VerifyReports
{
    public static string Render(BootVerification verification, string format) => format switch
    {
        "json" => VerifyJson.Render(verification),
        "junit" => VerifyJunit.Render([verification], "fwplan verify"),
        "markdown" => VerifyMarkdown.Render(verification),
        _ => VerifyText.Render(verification),
    };
}
