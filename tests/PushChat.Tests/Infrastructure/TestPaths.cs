namespace PushChat.Tests.Infrastructure;

public static class TestPaths
{
    /// <summary>The checkout the tests run from: the first folder above the test binaries holding PushChat.Embedded.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PushChat.Embedded.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No PushChat.Embedded.sln above " + AppContext.BaseDirectory);
    }
}
