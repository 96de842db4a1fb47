namespace PushChat.ConsoleHost;

/// <summary>Where the chat keeps its files (the account file among them).</summary>
internal static class DataFolder
{
    /// <summary>
    /// The configured folder; without one, a "data" folder next to the program, or, when the
    /// program's folder may not be written (installed under Program Files or /usr), a PushChat
    /// folder in the user's local application data.
    /// </summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var folder = Path.GetFullPath(configured);
            Directory.CreateDirectory(folder);
            return folder;
        }

        var besideProgram = Path.Combine(AppContext.BaseDirectory, "data");
        return IsWritable(besideProgram)
            ? besideProgram
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PushChat");
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
