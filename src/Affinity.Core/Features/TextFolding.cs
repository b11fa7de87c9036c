using System.Text;

namespace Affinity.Core.Features;

/// <summary>
/// The part of Unicode compatibility normalisation (NFKC) and accent folding that
/// <see cref="TextTokenizer"/> needs, done by table because the build runs in invariant
/// globalisation mode, where <see cref="string.Normalize()"/> is not available: full-width ASCII
/// and the ideographic space become ASCII, half-width katakana full-width with its voiced sound
/// marks composed (ｶﾞ is ガ, as NFKC makes it), and Latin letters with diacritics lose them, precomposed
/// ("é") or decomposed ("e" + U+0301) alike, as Lucene's ASCIIFoldingFilter folds them.
/// </summary>
/// <remarks>The tables were generated from Unicode's decomposition data (Python's <c>unicodedata</c>,
/// Unicode 15): a letter of U+00C0..U+024F or U+1E00..U+1EFF folds to the base letter of its canonical
/// decomposition when the rest of that decomposition is combining marks; letters without one (Æ, Ø,
/// ß, Ð) stay. Combining diacritical marks (U+0300..U+036F) are dropped wherever they stand; the
/// marks of other scripts (Devanagari vowel signs) are kept.</remarks>
internal static class TextFolding
{
    private const char None = '\0';

    /// <summary>Base letters of U+00C0..U+024F, <see cref="None"/> where the letter stays.</summary>
    private const string LatinExtended =
        "AAAAAA\0CEEEEIIII\0NOOOOO\0\0UUUUY\0\0"
        + "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y"
        + "AaAaAaCcCcCcCcDd\0\0EeEeEeEeEeGgGg"
        + "GgGgHh\0\0IiIiIiIiI\0\0\0JjKk\0LlLlLl\0"
        + "\0\0\0NnNnNn\0\0\0OoOoOo\0\0RrRrRrSsSsSs"
        + "SsTtTt\0\0UuUuUuUuUuUuWwYyYZzZzZz\0"
        + "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
        + "Oo\0\0\0\0\0\0\0\0\0\0\0\0\0Uu\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
        + "\0\0\0\0\0\0\0\0\0\0\0\0\0AaIiOoUuUuUuUuUu\0Aa"
        + "AaÆæ\0\0GgKkOoOoƷ\0j\0\0\0Gg\0\0NnAaÆæØø"
        + "AaAaEeEeIiIiOoOoRrRrUuUuSsTt\0\0Hh"
        + "\0\0\0\0\0\0AaEeOoOoOoOoYy\0\0\0\0\0\0\0\0\0\0\0\0"
        + "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

    /// <summary>Base letters of U+1E00..U+1EFF (Latin Extended Additional: Vietnamese, Welsh, ...).</summary>
    private const string LatinAdditional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFf"
        + "GgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
        + "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRr"
        + "SsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
        + "WwWwWwWwWwXxXxYyZzZzZzhtwy\0ſ\0\0\0\0"
        + "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
        + "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOo"
        + "OoOoUuUuUuUuUuUuUuYyYyYyYy\0\0\0\0\0\0";

    /// <summary>The full-width forms of U+FF61..U+FF9F; the last two are the combining voiced sound marks.</summary>
    private const string HalfWidthKatakana = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u3099\u309A";

    /// <summary>Pairs of a kana and its voiced form (か + U+3099 is が).</summary>
    private const string Voiced = "うゔかがきぎくぐけげこごさざしじすずせぜそぞただちぢつづてでとどはばひびふぶへべほぼウヴカガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバヒビフブヘベホボワヷヰヸヱヹヲヺ";

    /// <summary>Pairs of a kana and its semi-voiced form (は + U+309A is ぱ).</summary>
    private const string SemiVoiced = "はぱひぴふぷへぺほぽハパヒピフプヘペホポ";

    /// <summary>The folded text; the same instance when nothing needs folding.</summary>
    public static string Fold(string text)
    {
        var first = 0;
        while (first < text.Length && !NeedsFolding(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var folded = new StringBuilder(text.Length);
        folded.Append(text.AsSpan(0, first));
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case >= '\u0300' and <= '\u036F':
                    break;
                case >= '\uFF01' and <= '\uFF5E':
                    folded.Append((char)(c - 0xFEE0));
                    break;
                case '\u3000':
                    folded.Append(' ');
                    break;
                case >= '\uFF61' and <= '\uFF9F':
                    AppendKana(folded, HalfWidthKatakana[c - 0xFF61]);
                    break;
                case '\u3099' or '\u309A':
                    AppendKana(folded, c);
                    break;
                case >= '\u00C0' and <= '\u024F' when LatinExtended[c - 0xC0] != None:
                    folded.Append(LatinExtended[c - 0xC0]);
                    break;
                case >= '\u1E00' and <= '\u1EFF' when LatinAdditional[c - 0x1E00] != None:
                    folded.Append(LatinAdditional[c - 0x1E00]);
                    break;
                default:
                    folded.Append(c);
                    break;
            }
        }

        return folded.ToString();
    }

    private static bool NeedsFolding(char c)
        => c is (>= '\u0300' and <= '\u036F') or (>= '\uFF01' and <= '\uFF5E') or '\u3000' or (>= '\uFF61' and <= '\uFF9F')
            or '\u3099' or '\u309A'
            || (c is >= '\u00C0' and <= '\u024F' && LatinExtended[c - 0xC0] != None)
            || (c is >= '\u1E00' and <= '\u1EFF' && LatinAdditional[c - 0x1E00] != None);

    /// <summary>Appends a kana, composing a voiced sound mark with the kana before it where a composed form exists.</summary>
    private static void AppendKana(StringBuilder folded, char kana)
    {
        if (kana is '\u3099' or '\u309A' && folded.Length > 0)
        {
            var pairs = kana == '\u3099' ? Voiced : SemiVoiced;
            var previous = folded[^1];
            for (var p = 0; p < pairs.Length; p += 2)
            {
                if (pairs[p] == previous)
                {
                    folded[^1] = pairs[p + 1];
                    return;
                }
            }
        }

        folded.Append(kana);
    }
}
