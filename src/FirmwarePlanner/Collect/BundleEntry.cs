namespace FirmwarePlanner.Collect;

/// <summary>One file of a machine bundle: its path inside the archive and its bytes.</summary>
public sealed record BundleEntry(string Name, byte[] Content);
