namespace FirmwarePlanner.Planning;

/// <summary>A <c>--profile</c> file read through <see cref="ProfileReader"/>: the profile, or every error diagnostic as the reason.</summary>
public static class ProfileFile
{
    public static bool TryLoad(string path, out PlanningProfile? profile, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        profile = null;
        if (!File.Exists(path))
        {
            if (BuiltInProfiles.Named(path) is { } builtIn)
            {
                profile = builtIn.Profile;
                error = null;
                return true;
            }

            error = $"{path}: no such profile file, and no built-in profile of that name ({string.Join(", ", BuiltInProfiles.All.Select(p => p.Name))})";
            return false;
        }

        if (!Inputs.BoundedFile.TryRead(path, Inputs.BoundedFile.MaxSettingsBytes, out var bytes, out error))
        {
            return false;
        }

        var read = ProfileReader.Read(bytes, path);
        if (read.HasErrors)
        {
            error = string.Join('\n', read.Diagnostics.Select(d => d.ToString()));
            return false;
        }

        profile = read.Profile with { Name = path };
        error = null;
        return true;
    }
}
