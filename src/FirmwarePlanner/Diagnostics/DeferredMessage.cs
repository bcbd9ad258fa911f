using System.Text;

namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// A diagnostic message kept as the values it names and formatted when read (<see cref="Diagnostic.Message"/>):
/// for findings one table can repeat tens of thousands of times, where a string each would outweigh the table.
/// The text is the same on every read.
/// </summary>
public abstract class DeferredMessage
{
    /// <summary>The message text.</summary>
    public string Format()
    {
        var sb = new StringBuilder(128);
        AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Appends the message text to <paramref name="sb"/>.</summary>
    public abstract void AppendTo(StringBuilder sb);

    public override string ToString() => Format();
}
