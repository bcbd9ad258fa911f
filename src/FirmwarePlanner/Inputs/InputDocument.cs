namespace FirmwarePlanner.Inputs;

/// <summary>
/// One input as the library sees it: a display name (a path relative to what the user named, or a name the
/// caller chose) and its bytes. Readers pick their format from <see cref="Content"/>, never from the name.
/// </summary>
public sealed record InputDocument(string Name, ReadOnlyMemory<byte> Content)
{
    public static InputDocument FromText(string name, string text) =>
        new(name, System.Text.Encoding.UTF8.GetBytes(text));
}
