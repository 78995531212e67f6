using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag;

/// <summary>Where PaperBot keeps its data (section "Data"). Relative paths are resolved against the content root.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The folder of the SQLite index and caches.</summary>
    [Required]
    public string Directory { get; set; } = "data";

    /// <summary>The index file's name inside <see cref="Directory"/>.</summary>
    [Required]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "Data:DatabaseFile must be a file name, not a path.")]
    public string DatabaseFile { get; set; } = "paperbot.db";

    /// <summary>The sample corpus ingested when the index is empty.</summary>
    [Required]
    public string SeedDirectory { get; set; } = "data/seed";
}
