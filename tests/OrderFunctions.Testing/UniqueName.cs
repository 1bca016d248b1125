namespace OrderFunctions.Testing;

/// <summary>Per-test resource names that never collide, in each service's naming rules.</summary>
public static class UniqueName
{
    /// <summary>Letters and digits, starting with a letter, at most 63 characters.</summary>
    public static string Table(string prefix = "test")
    {
        var clean = new string(prefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        clean = clean.Length > 0 && char.IsAsciiLetter(clean[0]) ? clean : "t" + clean;
        return (clean.Length > 30 ? clean[..30] : clean) + Guid.NewGuid().ToString("N");
    }

    /// <summary>Lower-case letters, digits and single hyphens, at most 63 characters.</summary>
    public static string Queue(string prefix = "test")
    {
        var clean = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)).ToArray());
        clean = clean.Length > 0 ? clean : "q";
        return (clean.Length > 30 ? clean[..30] : clean) + "-" + Guid.NewGuid().ToString("N");
    }
}
