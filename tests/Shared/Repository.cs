namespace Rtvi.Testing;

/// <summary>The repository these tests run from (the folder holding Rtvi.sln); linked into every test project that needs it.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rtvi.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Rtvi.sln not found above " + AppContext.BaseDirectory);
    }
}
