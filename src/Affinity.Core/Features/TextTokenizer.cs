using System.Globalization;
using System.Text;

namespace Affinity.Core.Features;

/// <summary>
/// Splits free text into tokens for bag-of-words features, for English and Chinese alike: runs of
/// letters and digits in space-separated scripts become lower-cased words; runs of CJK ideographs,
/// kana or hangul (which do not separate words by spaces) become overlapping character bigrams,
/// a lone character its own token, the usual n-gram indexing of CJK text (as in Lucene's CJKAnalyzer).
/// </summary>
public static class TextTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order, repeats kept.</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var cjk = new List<string>();
        var position = 0;
        while (position < text.Length)
        {
            var rune = Rune.GetRuneAt(text, position);
            position += rune.Utf16SequenceLength;
            if (IsCjk(rune))
            {
                Flush(word, tokens);
                cjk.Add(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                FlushCjk(cjk, tokens);
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark && word.Length > 0)
            {
                // Combining marks belong to the word they follow (Devanagari vowel signs, accents).
                word.Append(rune.ToString());
            }
            else
            {
                Flush(word, tokens);
                FlushCjk(cjk, tokens);
            }
        }

        Flush(word, tokens);
        FlushCjk(cjk, tokens);
        return tokens;
    }

    /// <summary>Han ideographs, Hiragana, Katakana and Hangul: the scripts written without spaces between words.</summary>
    public static bool IsCjk(Rune rune)
    {
        var c = rune.Value;
        return c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2FA1F)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF)
            or (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F);
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    private static void FlushCjk(List<string> run, List<string> tokens)
    {
        if (run.Count == 1)
        {
            tokens.Add(run[0]);
        }

        for (var i = 0; i + 1 < run.Count; i++)
        {
            tokens.Add(run[i] + run[i + 1]);
        }

        run.Clear();
    }
}
