using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// The head of a document as lines (its first <see cref="TextLines.SniffBytes"/>): what the readers look at to
/// recognize it, decoded once per document however many readers ask.
/// </summary>
public static class DocumentHead
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<InputDocument, string[]> Heads = new();

    public static string[] Lines(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Heads.GetValue(document, d => TextLines.Head(d.Content, TextLines.SniffBytes));
    }
}
