using System.Globalization;
using System.Text;

namespace Affinity.Core.Features;

/// <summary>
/// Splits free text into tokens for bag-of-words features, for English and Chinese alike: runs of
/// letters and digits in space-separated scripts become lower-cased words; runs of CJK ideographs,
/// kana or hangul (which do not separate words by spaces) become overlapping character bigrams,
/// a lone character its own token, the usual n-gram indexing of CJK text (Lucene's CJKAnalyzer and
/// its <c>CJKBigramFilter</c>, which bigrams Han, Hiragana, Katakana and Hangul alike).
/// </summary>
/// <remarks>
/// <para>The text is first brought to Unicode normalisation form KC, so that precomposed and
/// decomposed accents ("é" and "e" + U+0301), full-width forms ("ｉＰｈｏｎｅ１５") and half-width
/// katakana give the same tokens as their ordinary forms (ICU's NFKC step in Lucene's ICU analyzers).
/// A lone surrogate, which normalisation rejects, is read as U+FFFD and separates tokens.</para>
/// <para>Word boundaries follow the main rules of Unicode's UAX #29 as Lucene's StandardTokenizer
/// applies them: an apostrophe between two letters stays inside the word ("don't", "o'brien"), and a
/// point or comma between two digits stays inside the number ("3.5", "1,000"); every other character
/// that is neither a letter, a digit nor a combining mark ends the word. Combining marks stay with
/// the word they follow (Devanagari vowel signs); after a CJK character they are dropped. Scripts written without spaces
/// other than CJK (Thai, Khmer, ...) are not segmented: a run of their letters is one word.</para>
/// </remarks>
public static class TextTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order, repeats kept.</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = TextFolding.Fold(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var lastInWord = Previous.None;
        var cjk = new List<(int Start, int Length)>();
        Span<char> buffer = stackalloc char[2];
        var position = 0;
        while (position < s.Length)
        {
            // A lone surrogate decodes as U+FFFD, a symbol, so it separates tokens instead of throwing.
            Rune.DecodeFromUtf16(s.AsSpan(position), out var rune, out var consumed);
            var start = position;
            position += consumed;
            if (IsCjk(rune))
            {
                Flush(word, tokens, ref lastInWord);
                cjk.Add((start, rune.Utf16SequenceLength));
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                FlushCjk(s, cjk, tokens);
                var written = Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer);
                word.Append(buffer[..written]);
                lastInWord = Rune.IsDigit(rune) ? Previous.Digit : Previous.Letter;
            }
            else if (IsMark(rune))
            {
                // A mark after a CJK character is dropped without ending the run (variation selectors).
                if (word.Length > 0)
                {
                    word.Append(s.AsSpan(start, rune.Utf16SequenceLength));
                }
            }
            else if (JoinsWord(rune, lastInWord, s, position))
            {
                word.Append(rune.Value == '\u2019' ? '\'' : (char)rune.Value);
                lastInWord = Previous.Joiner;
            }
            else
            {
                Flush(word, tokens, ref lastInWord);
                FlushCjk(s, cjk, tokens);
            }
        }

        Flush(word, tokens, ref lastInWord);
        FlushCjk(s, cjk, tokens);
        return tokens;
    }

    /// <summary>Han ideographs, Hiragana, Katakana and Hangul: the scripts written without spaces between words.</summary>
    /// <remarks>The katakana middle dot (U+30FB) and double hyphen (U+30A0) are punctuation and separate tokens.</remarks>
    public static bool IsCjk(Rune rune)
    {
        var c = rune.Value;
        if (c is 0x30FB or 0x30A0)
        {
            return false;
        }

        return c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2FA1F)
            or (>= 0x30000 and <= 0x323AF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF)
            or (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F)
            or (>= 0xA960 and <= 0xA97F) or (>= 0xD7B0 and <= 0xD7FF);
    }

    private enum Previous
    {
        None,
        Letter,
        Digit,
        Joiner,
    }

    private static bool IsMark(Rune rune)
        => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>An apostrophe between letters or a point or comma between digits (UAX #29 MidLetter, MidNum).</summary>
    private static bool JoinsWord(Rune rune, Previous previous, string s, int next)
    {
        if (next >= s.Length || previous is Previous.None or Previous.Joiner)
        {
            return false;
        }

        Rune.DecodeFromUtf16(s.AsSpan(next), out var following, out _);
        return rune.Value switch
        {
            '\'' or '\u2019' => previous == Previous.Letter && Rune.IsLetter(following) && !IsCjk(following),
            '.' or ',' => previous == Previous.Digit && Rune.IsDigit(following),
            _ => false,
        };
    }

    private static void Flush(StringBuilder word, List<string> tokens, ref Previous lastInWord)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }

        lastInWord = Previous.None;
    }

    private static void FlushCjk(string s, List<(int Start, int Length)> run, List<string> tokens)
    {
        if (run.Count == 1)
        {
            tokens.Add(s.Substring(run[0].Start, run[0].Length));
        }

        for (var i = 0; i + 1 < run.Count; i++)
        {
            tokens.Add(string.Concat(s.AsSpan(run[i].Start, run[i].Length), s.AsSpan(run[i + 1].Start, run[i + 1].Length)));
        }

        run.Clear();
    }
}
