using System.Text;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// A kernel command line on its own (<c>/proc/cmdline</c>, a <c>cmdline.txt</c>): exactly one non-blank line whose
/// every parameter (double quotes group blanks, as the kernel's <c>next_arg()</c> does) is <c>name</c> or
/// <c>name=value</c>, at least one with a value. Tried last, so structured formats win.
/// </summary>
public sealed class CommandLineInputReader : IInputReader
{
    /// <summary>COMMAND_LINE_SIZE on x86-64 is 2048; 4096 leaves room for other architectures.</summary>
    public const int MaxLength = 4096;

    public string Name => "kernel command line";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Content.Length > MaxLength + 2 || TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        var lines = TextLines.Split(document.Content).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        if (lines.Length != 1)
        {
            return false;
        }

        var parameters = Parameters(lines[0]);
        return parameters.Count > 0 && parameters.TrueForAll(IsParameter) && parameters.Exists(p => p.Contains('=', StringComparison.Ordinal));
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var lines = TextLines.Split(document.Content);
        var index = TextLines.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        var text = index >= 0 ? lines[index].Trim() : string.Empty;
        into.CommandLines.Add(new KernelCommandLine(text, CommandLineOrigin.File, SourceLocation.AtLine(document.Name, index + 1)));
        return $"{Parameters(text).Count} parameters";
    }

    /// <summary>Splits at blanks outside double quotes.</summary>
    public static List<string> Parameters(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private static bool IsParameter(string p)
    {
        var name = p.Split('=', 2)[0];
        return name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
            name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
    }
}
