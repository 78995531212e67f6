namespace PaperBot.Rag;

/// <summary>
/// The folder that relative paths in the configuration (data/, models/, prompts/) are resolved against: the
/// nearest folder at or above the working directory that has an appsettings.json (the repository root when
/// run with <c>dotnet run</c>), else the folder of the executable.
/// </summary>
public static class ContentRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "appsettings.json")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    /// <summary><paramref name="path"/> made absolute against <paramref name="root"/>.</summary>
    public static string Resolve(string root, string path) => Path.GetFullPath(Path.Combine(root, path));
}
