using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// How papers are recognised as the same paper: the same arXiv id, or the same normalized title.
/// </summary>
public static class PaperIdentity
{
    /// <summary>
    /// Lower-cased letters and digits of the title, words separated by single spaces, diacritics removed:
    /// "Learning  Code-Preference!" and "learning code preference" give the same key.
    /// </summary>
    public static string TitleKey(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormKD);
        var key = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && key.Length > 0)
                {
                    key.Append(' ');
                }

                key.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return key.ToString();
    }

    /// <summary>The index id of a paper: its arXiv id when known, else "t-" and a hash of its title key.</summary>
    public static string IdFor(string? arxivId, string title)
    {
        if (!string.IsNullOrWhiteSpace(arxivId))
        {
            return arxivId.Trim();
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(TitleKey(title)));
        return "t-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
