using System.Numerics.Tensors;

namespace PaperBot.Rag.Index;

/// <summary>
/// Normalized vectors in one contiguous array, row i belonging to paper <c>Pids[i]</c>: exact cosine search is
/// one dot product per row, which TensorPrimitives vectorizes.
/// </summary>
/// <remarks>Each row carries its paper's days, sorted (a paper can be featured on several days).</remarks>
public sealed class VectorMatrix(int dimension, long[] pids, DateOnly[][] days, float[] values)
{
    public static VectorMatrix Empty { get; } = new(0, [], [], []);

    public int Dimension { get; } = dimension;

    public int Count => pids.Length;

    /// <summary>The <paramref name="top"/> most similar papers to a normalized query, best first, optionally within a day range.</summary>
    public IReadOnlyList<(long Pid, float Similarity)> Nearest(ReadOnlySpan<float> query, int top, DateOnly? from = null, DateOnly? to = null)
    {
        if (query.Length != Dimension || Count == 0)
        {
            return [];
        }

        var scored = new List<(long Pid, float Similarity)>(Count);
        for (var row = 0; row < pids.Length; row++)
        {
            if (from is not null || to is not null)
            {
                if (!AnyWithin(days[row], from, to))
                {
                    continue;
                }
            }

            scored.Add((pids[row], TensorPrimitives.Dot(query, values.AsSpan(row * Dimension, Dimension))));
        }

        scored.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        return scored.Count > top ? scored.GetRange(0, top) : scored;
    }

    /// <summary>The stored vector of paper <paramref name="pid"/>; empty when it has none (rows are sorted by pid).</summary>
    public ReadOnlySpan<float> VectorOf(long pid)
    {
        var row = Array.BinarySearch(pids, pid);
        return row < 0 ? [] : values.AsSpan(row * Dimension, Dimension);
    }

    private static bool AnyWithin(DateOnly[] days, DateOnly? from, DateOnly? to)
    {
        foreach (var day in days)
        {
            if ((from is null || day >= from) && (to is null || day <= to))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="vector"/> scaled to unit length (unchanged when it is all zeros).</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = TensorPrimitives.Norm(result);
        if (norm > 0)
        {
            TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }
}
