namespace OrderFunctions.App.Tests;

/// <summary>The checkout the tests run from: the directory above the test binaries that holds OrderFunctions.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "OrderFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrderFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
