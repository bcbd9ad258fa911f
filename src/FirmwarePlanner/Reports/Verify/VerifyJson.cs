using System.Text.Json;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Reports.Verify;

/// <summary>The verification as JSON (<c>schemaVersion</c> 1): one object per group with its status, lines and diff.</summary>
public static class VerifyJson
{
    public const int SchemaVersion = 1;

    public static string Render(BootVerification verification) => JsonText.Write(w => Write(w, verification));

    public static void Write(Utf8JsonWriter w, BootVerification verification)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(verification);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", ReportText.ToolName + " " + ReportText.ToolVersion);
        w.WriteString("machine", verification.Machine);
        w.WriteString("kernel", verification.Kernel);
        w.WriteNumber("exitCode", verification.ExitCode);
        w.StringOrNull("unusable", verification.Unusable);
        w.WriteStartObject("counts");
        w.WriteNumber("identical", verification.Count(VerifyStatus.Identical));
        w.WriteNumber("different", verification.Count(VerifyStatus.Different));
        w.WriteNumber("notComparable", verification.Count(VerifyStatus.NotComparable));
        w.WriteEndObject();
        w.WriteStartArray("groups");
        foreach (var g in verification.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group.Id());
            w.WriteString("title", g.Group.Title());
            w.WriteString("status", Status(g.Status));
            w.StringOrNull("source", g.Source);
            w.StringOrNull("reason", g.Reason);
            w.WriteStartArray("kernel");
            foreach (var k in g.Kernel)
            {
                w.WriteStartObject();
                w.WriteNumber("line", k.Line);
                w.WriteString("text", k.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("predicted");
            foreach (var p in g.Predicted)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            if (g.Status == VerifyStatus.Different)
            {
                w.WriteStartArray("diff");
                foreach (var d in g.Diff)
                {
                    w.WriteStartObject();
                    w.WriteString("op", d.Kind switch { '-' => "kernel", '+' => "predicted", '@' => "gap", _ => "both" });
                    if (d.KernelLine is { } n)
                    {
                        w.WriteNumber("line", n);
                    }

                    w.WriteString("text", d.Text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("predictedFrom");
        foreach (var b in verification.Basis)
        {
            w.WriteStringValue(b);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Status(VerifyStatus status) => status switch
    {
        VerifyStatus.Identical => "identical",
        VerifyStatus.Different => "different",
        _ => "not-comparable",
    };
}
