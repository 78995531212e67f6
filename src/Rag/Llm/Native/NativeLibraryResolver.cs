using System.Reflection;
using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Maps the logical names "llama" and "ggml" to the files of one native folder. The prebuilt libraries are named
/// <c>libllama.v0.5.0.so</c>, a source build <c>libllama.so</c>: both are matched. Registered once per process.
/// </summary>
internal static class NativeLibraryResolver
{
    private static string? _directory;

    public static string? Directory => _directory;

    /// <summary>Chooses the folder and registers the resolver; the first successful call wins.</summary>
    public static string Register(string? configuredPath, string backend)
    {
        if (_directory is not null)
        {
            return _directory;
        }

        var directory = FindDirectory(configuredPath, backend);
        _directory = directory;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        return directory;
    }

    public static string? FindLibrary(string directory, string name)
    {
        var exact = Path.Combine(directory, $"lib{name}.so");
        if (File.Exists(exact))
        {
            return exact;
        }

        return System.IO.Directory.EnumerateFiles(directory, $"lib{name}.v*.so").Concat(System.IO.Directory.EnumerateFiles(directory, $"lib{name}.so.*"))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string FindDirectory(string? configuredPath, string backend)
    {
        const string Fix = "Install Node.js/npm and rebuild (the build fetches the prebuilt llama.cpp libraries), or set Llm:NativeLibraryPath to a folder holding libllama*.so and libggml*.so.";
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath);
            if (!System.IO.Directory.Exists(full) || FindLibrary(full, LlamaNative.Llama) is null)
            {
                throw new LlamaNativeLibraryException($"Llm:NativeLibraryPath '{full}' holds no libllama*.so. {Fix}");
            }

            return full;
        }

        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "native", backend) };
        if (!string.Equals(backend, "cpu", StringComparison.OrdinalIgnoreCase))
        {
            candidates.Add(Path.Combine(AppContext.BaseDirectory, "native", "cpu"));
        }

        foreach (var candidate in candidates)
        {
            if (System.IO.Directory.Exists(candidate) && FindLibrary(candidate, LlamaNative.Llama) is not null)
            {
                return candidate;
            }
        }

        throw new LlamaNativeLibraryException($"llama.cpp native libraries ({backend}) not found in {string.Join(" or ", candidates)}. {Fix}");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (_directory is null || (libraryName != LlamaNative.Llama && libraryName != LlamaNative.Ggml))
        {
            return IntPtr.Zero;
        }

        var file = FindLibrary(_directory, libraryName)
            ?? throw new LlamaNativeLibraryException($"lib{libraryName}*.so is missing from {_directory}.");
        try
        {
            return NativeLibrary.Load(file);
        }
        catch (DllNotFoundException e)
        {
            throw new LlamaNativeLibraryException($"Cannot load {file}: {e.Message} (a CUDA build needs the CUDA 13 runtime and a recent driver; use Llm:Backend=cpu otherwise).", e);
        }
    }
}
