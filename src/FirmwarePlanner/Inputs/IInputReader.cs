namespace FirmwarePlanner.Inputs;

/// <summary>
/// One input format. <see cref="MachineReader"/> asks each registered reader, in order, whether it recognizes a
/// document by its content; the first that does reads it. Readers never throw on bad content: they add
/// diagnostics to the builder.
/// </summary>
public interface IInputReader
{
    /// <summary>Short format name shown to users: <c>kernel log</c>, <c>EFI map (binary)</c>.</summary>
    string Name { get; }

    /// <summary>0 for documents others depend on (map metadata), 1 for everything else; lower passes are read first.</summary>
    int Pass => 1;

    /// <summary>Cheap content sniffing; must not throw and must not look at the name.</summary>
    bool Recognizes(InputDocument document);

    /// <summary>Reads the document into <paramref name="into"/>, returning a one-line summary of what it gave.</summary>
    string Read(InputDocument document, InputOptions options, MachineBuilder into);
}
