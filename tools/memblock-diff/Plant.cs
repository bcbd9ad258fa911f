namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>Deliberate divergences of the tool's engine side, never of the product: they exercise the differ and
/// the minimizer on a known bug.</summary>
public enum Plant
{
    None,

    /// <summary>A <c>free_last</c> that frees a block reports <c>= 1</c> instead of its real result.</summary>
    FreeLastResult,
}

/// <summary>Applies a <see cref="Plant"/> to the engine's rendered output.</summary>
public static class Plants
{
    public static Plant Parse(string name) => name switch
    {
        "none" => Plant.None,
        "free-last-result" => Plant.FreeLastResult,
        _ => throw new ArgumentException($"unknown plant '{name}' (none, free-last-result)", nameof(name)),
    };

    public static string Apply(Plant plant, string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (plant == Plant.None)
        {
            return output;
        }

        var lines = output.Split('\n');
        var freeing = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("  (freeing [", StringComparison.Ordinal))
            {
                freeing = true;
            }
            else if (freeing && lines[i].StartsWith("= ", StringComparison.Ordinal))
            {
                lines[i] = "= 1";
                freeing = false;
            }
        }

        return string.Join('\n', lines);
    }
}
