using System.Globalization;

namespace PaperBot.Rag.Llm.Local.Gguf;

/// <summary>
/// A GGUF file's header, metadata and tensor descriptors, read without the weights. <see cref="Read"/> also
/// checks what llama.cpp would otherwise abort on: magic, version, tensor types and that every tensor's data lies
/// inside the file.
/// </summary>
public sealed class GgufFile
{
    public const uint Magic = 0x46554747; // "GGUF" little-endian
    public const uint DefaultAlignment = 32;

    internal GgufFile(string path, uint version, long fileLength, long dataOffset, uint alignment, IReadOnlyDictionary<string, object> metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Path = path;
        Version = version;
        FileLength = fileLength;
        DataOffset = dataOffset;
        Alignment = alignment;
        Metadata = metadata;
        Tensors = tensors;
    }

    public string Path { get; }

    public uint Version { get; }

    public long FileLength { get; }

    /// <summary>Where the tensor data section starts.</summary>
    public long DataOffset { get; }

    public uint Alignment { get; }

    /// <summary>Values are CLR scalars (byte, int, uint, float, bool, string, ...) or typed arrays (string[], int[], ...).</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public string? Architecture => GetString("general.architecture");

    public string? Name => GetString("general.name");

    public string? ChatTemplate => GetString("tokenizer.chat_template");

    /// <summary>The trained context length (<c>{arch}.context_length</c>).</summary>
    public long? ContextLength => GetInteger($"{Architecture}.context_length");

    /// <summary><c>general.file_type</c>: a <c>llama_ftype</c> value (1 = F16, 7 = Q8_0, 15 = Q4_K_M, ...).</summary>
    public long? FileType => GetInteger("general.file_type");

    public long ParameterCount => Tensors.Sum(t => t.ElementCount);

    /// <summary>The tensor type holding most bytes: a fair one-word description of the quantization.</summary>
    public GgmlType? MainTensorType => Tensors.Count == 0 ? null : Tensors.GroupBy(t => t.Type).MaxBy(g => g.Sum(t => t.ByteSize))!.Key;

    public static GgufFile Read(string path) => GgufReader.Read(path);

    public string? GetString(string key) => Metadata.TryGetValue(key, out var value) ? value as string : null;

    public long? GetInteger(string key) => Metadata.TryGetValue(key, out var value) && value is byte or sbyte or short or ushort or int or uint or long or ulong
        ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
        : null;
}
