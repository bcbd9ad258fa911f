using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace FirmwarePlanner.Tests.Support;

/// <summary>
/// Verify-style text snapshots: <c>__snapshots__/Class.Name.verified.txt</c> beside the calling test file.
/// A mismatch fails with a line diff and writes <c>.received.txt</c>; <c>UPDATE_SNAPSHOTS=1</c> accepts,
/// except when <c>CI=true</c>, so CI can neither create nor accept a snapshot.
/// </summary>
public static class TextSnapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "__snapshots__");
        var verified = Path.Combine(dir, name + ".verified.txt");
        var received = Path.Combine(dir, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var update = !ci && Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

        if (File.Exists(verified))
        {
            var expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (expected == actual)
            {
                if (File.Exists(received))
                {
                    File.Delete(received);
                }

                return;
            }

            if (update)
            {
                File.WriteAllText(verified, actual, new UTF8Encoding(false));
                return;
            }

            Directory.CreateDirectory(dir);
            File.WriteAllText(received, actual, new UTF8Encoding(false));
            throw new XunitException($"Snapshot mismatch: {name}.verified.txt\n--- verified / +++ received\n{Diff(expected, actual)}" +
                $"Received written to {name}.received.txt\nAccept with: UPDATE_SNAPSHOTS=1 dotnet test (or mv *.received.txt to *.verified.txt)");
        }

        if (update)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            return;
        }

        if (!ci)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(received, actual, new UTF8Encoding(false));
        }

        throw new XunitException($"Snapshot missing: {name}.verified.txt (received written beside it; accept with UPDATE_SNAPSHOTS=1)");
    }

    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        var shown = 0;
        foreach (var line in model.Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            if (line.Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                shown++;
            }

            if (shown > 200)
            {
                sb.Append("  … (diff cut after 200 changed lines)\n");
                break;
            }

            sb.Append(prefix).Append(line.Text).Append('\n');
        }

        return sb.ToString();
    }
}
