namespace RunRun.Api.Tests;

/// <summary>Files of the repository the tests read, found by walking up from the test binaries.</summary>
internal static class RepositoryFiles
{
    /// <summary>api/README.md: the HTTP contract.</summary>
    public static string ApiReadme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var readme = Path.Combine(directory.FullName, "api", "README.md");
            if (File.Exists(readme))
            {
                return readme;
            }
        }

        throw new FileNotFoundException("api/README.md was not found above " + AppContext.BaseDirectory);
    }
}
