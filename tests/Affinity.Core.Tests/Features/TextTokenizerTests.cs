using System.Text;
using Affinity.Core.Features;

namespace Affinity.Core.Tests.Features;

public sealed class TextTokenizerTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("   \t\n ", new string[0])]
    [InlineData("!?-- ...", new string[0])]
    [InlineData("Star Wars", new[] { "star", "wars" })]
    [InlineData("Star Wars: Episode IV - A New Hope", new[] { "star", "wars", "episode", "iv", "a", "new", "hope" })]
    [InlineData("Usual Suspects, The (1995)", new[] { "usual", "suspects", "the", "1995" })]
    [InlineData("WALL·E", new[] { "wall", "e" })]
    [InlineData("snake_case/slashes+plus", new[] { "snake", "case", "slashes", "plus" })]
    public void Splits_english_on_punctuation_and_lower_cases(string text, string[] expected)
        => Assert.Equal(expected, TextTokenizer.Tokenize(text));

    [Theory]
    [InlineData("Schindler's List", new[] { "schindler's", "list" })]
    [InlineData("Don\u2019t Look Now", new[] { "don't", "look", "now" })]
    [InlineData("'quoted' words'", new[] { "quoted", "words" })]
    [InlineData("90's", new[] { "90", "s" })]
    public void Keeps_an_apostrophe_between_letters_only(string text, string[] expected)
        => Assert.Equal(expected, TextTokenizer.Tokenize(text));

    [Theory]
    [InlineData("8 1/2 (1963)", new[] { "8", "1", "2", "1963" })]
    [InlineData("version 3.5, 1,000 copies.", new[] { "version", "3.5", "1,000", "copies" })]
    [InlineData("R2-D2 and C3PO", new[] { "r2", "d2", "and", "c3po" })]
    [InlineData("end. 4", new[] { "end", "4" })]
    [InlineData("1.", new[] { "1" })]
    public void Keeps_numbers_whole_with_their_decimal_points(string text, string[] expected)
        => Assert.Equal(expected, TextTokenizer.Tokenize(text));

    [Fact]
    public void Precomposed_and_decomposed_accents_fold_to_the_same_token()
    {
        // "é" as U+00E9 and as "e" + U+0301 COMBINING ACUTE ACCENT; É (U+00C9) folds to E, then lower-cases.
        var precomposed = TextTokenizer.Tokenize("Am\u00E9lie Caf\u00C9");
        var decomposed = TextTokenizer.Tokenize("Ame\u0301lie CAFE\u0301");

        Assert.Equal(["amelie", "cafe"], precomposed);
        Assert.Equal(precomposed, decomposed);

        // Vietnamese letters with two marks (ế = e + circumflex + acute) and letters with no decomposition.
        Assert.Equal(["tieng", "viet"], TextTokenizer.Tokenize("Tiếng Việt"));
        Assert.Equal(["strasse", "æon", "ørsted"], TextTokenizer.Tokenize("STRASSE Æon Ørsted"));
        Assert.Equal(["straße"], TextTokenizer.Tokenize("Straße"));
    }

    [Fact]
    public void Combining_marks_stay_inside_the_word_they_follow()
    {
        // Devanagari: the vowel signs of "हिन्दी" are combining marks (Mc, Mn) and the virama too.
        Assert.Equal(["हिन्दी", "फ़िल्म"], TextTokenizer.Tokenize("हिन्दी फ़िल्म"));

        // A mark with no word before it starts nothing.
        Assert.Equal(["x"], TextTokenizer.Tokenize("\u0301 x"));
    }

    [Fact]
    public void Full_width_forms_read_as_their_ordinary_letters_and_digits()
        => Assert.Equal(["iphone", "15"], TextTokenizer.Tokenize("ｉＰｈｏｎｅ　１５"));

    [Theory]
    [InlineData("星球大战", new[] { "星球", "球大", "大战" })]
    [InlineData("手机", new[] { "手机" })]
    [InlineData("书", new[] { "书" })]
    [InlineData("你好，世界。", new[] { "你好", "世界" })]
    public void Splits_chinese_into_overlapping_bigrams_within_each_run(string text, string[] expected)
        => Assert.Equal(expected, TextTokenizer.Tokenize(text));

    [Fact]
    public void Splits_japanese_kana_and_kanji_into_bigrams_and_the_middle_dot_separates()
    {
        // Hiragana, katakana and kanji form one run; the prolonged sound mark ー is part of it.
        Assert.Equal(["とな", "なり", "りの", "のト", "トト", "トロ"], TextTokenizer.Tokenize("となりのトトロ"));
        Assert.Equal(["ハリ", "リー", "ポッ", "ッタ", "ター"], TextTokenizer.Tokenize("ハリー・ポッター"));

        // Half-width katakana is brought to full width, the voiced mark composed: ｶﾞ is ガ.
        Assert.Equal(TextTokenizer.Tokenize("ガンダム"), TextTokenizer.Tokenize("ｶﾞﾝﾀﾞﾑ"));
    }

    [Fact]
    public void Splits_korean_hangul_into_bigrams_within_each_spaced_word()
        => Assert.Equal(["기생", "생충", "영화"], TextTokenizer.Tokenize("기생충 영화"));

    [Fact]
    public void Mixes_scripts_in_one_text()
    {
        Assert.Equal(["iphone", "15", "手机", "机壳"], TextTokenizer.Tokenize("iPhone 15 手机壳"));
        Assert.Equal(["iphone15", "手机", "机壳", "pro"], TextTokenizer.Tokenize("iPhone15手机壳Pro"));
        Assert.Equal(["東京", "2020", "olympics"], TextTokenizer.Tokenize("東京2020 Olympics"));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_are_kept_whole()
    {
        // U+20BB7 𠮷 is a Han ideograph of the supplementary plane: one rune, two UTF-16 units.
        Assert.Equal(["𠮷野", "野家"], TextTokenizer.Tokenize("𠮷野家"));

        // Emoji are neither letters nor CJK: they separate.
        Assert.Equal(["love", "it"], TextTokenizer.Tokenize("love😀it"));
    }

    [Fact]
    public void A_lone_surrogate_separates_tokens_instead_of_throwing()
        => Assert.Equal(["ab", "cd"], TextTokenizer.Tokenize("ab\uD800cd"));

    [Theory]
    [InlineData('中', true)]
    [InlineData('ひ', true)]
    [InlineData('カ', true)]
    [InlineData('한', true)]
    [InlineData('・', false)]
    [InlineData('a', false)]
    [InlineData('é', false)]
    public void Knows_which_characters_are_cjk(char c, bool expected)
        => Assert.Equal(expected, TextTokenizer.IsCjk(new Rune(c)));

    [Fact]
    public void Null_is_a_misuse()
        => Assert.Throws<ArgumentNullException>(() => TextTokenizer.Tokenize(null!));
}
