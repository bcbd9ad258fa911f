namespace FirmwarePlanner.Linux;

/// <summary>How one boot parameter bears on the prediction.</summary>
public enum ParameterRole
{
    /// <summary>Changes the predicted lines and is modeled.</summary>
    Modeled,

    /// <summary>Changes only where early allocations land (NODE_DATA and later); the placement planner models it.</summary>
    AffectsAllocations,

    /// <summary>Known to have no effect on the memory map, NUMA or zones.</summary>
    Irrelevant,

    /// <summary>May change the results and is not modeled: the prediction may be wrong.</summary>
    NotModeled,

    /// <summary>Recognised but its value is not valid; the kernel ignores it (or reports it) and so do we.</summary>
    Invalid,
}

/// <summary>One <c>name[=value]</c> word of the command line and what we make of it.</summary>
public sealed record BootParameter(string Name, string? Value, ParameterRole Role, string Note)
{
    public string Text => Value is null ? Name : Name + "=" + Value;
}

/// <summary>One <c>efi_fake_mem=size@start:attr</c> entry (kernels before 6.11 with CONFIG_EFI_FAKE_MEMMAP).</summary>
public sealed record EfiFakeMemEntry(ulong Start, ulong Size, ulong Attribute);

/// <summary>
/// The kernel command line split as <c>next_arg()</c> does (spaces outside double quotes separate words; the
/// quotes are dropped; <c>--</c> ends the kernel's part) and classified. Parameter names compare with
/// <c>-</c> and <c>_</c> as equal, as <c>parameq()</c> does.
/// </summary>
public sealed record BootCommandLine(string Text, IReadOnlyList<BootParameter> Parameters)
{
    public static BootCommandLine Empty { get; } = new(string.Empty, []);

    public static BootCommandLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Split(text);
        var parameters = new List<BootParameter>(words.Count);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? word : word[..eq];
            var value = eq < 0 ? null : word[(eq + 1)..];
            parameters.Add(BootParameterCatalog.Classify(name, value));
        }

        return new BootCommandLine(text.Trim(), parameters);
    }

    /// <summary>All values of a parameter in command-line order (later ones usually win in the kernel).</summary>
    public IEnumerable<string?> ValuesOf(string name)
    {
        List<string?>? values = null;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (SameName(Parameters[i].Name, name))
            {
                (values ??= []).Add(Parameters[i].Value);
            }
        }

        return values ?? (IEnumerable<string?>)[];
    }

    public bool Has(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (SameName(Parameters[i].Name, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the last occurrence, or null.</summary>
    public string? Last(string name)
    {
        for (var i = Parameters.Count - 1; i >= 0; i--)
        {
            if (SameName(Parameters[i].Name, name))
            {
                return Parameters[i].Value;
            }
        }

        return null;
    }

    /// <summary>Parameter names as the kernel compares them: '-' and '_' are the same character (parameq()).</summary>
    public static bool SameName(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i] == '-' ? '_' : a[i];
            var y = b[i] == '-' ? '_' : b[i];
            if (x != y)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inQuote = false;
        var any = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuote = !inQuote;
                any = true;
                continue;
            }

            if (!inQuote && char.IsWhiteSpace(c))
            {
                if (any)
                {
                    if (current.ToString() == "--")
                    {
                        return words;
                    }

                    words.Add(current.ToString());
                    current.Clear();
                    any = false;
                }

                continue;
            }

            current.Append(c);
            any = true;
        }

        if (any && current.ToString() != "--")
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
