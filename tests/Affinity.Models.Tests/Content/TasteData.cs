using Affinity.Core.Data;

namespace Affinity.Models.Tests.Content;

/// <summary>
/// A small implicit dataset where features decide taste, for the feature models' cold-start tests.
/// </summary>
public static class TasteData
{
    /// <summary>The cold Sci-Fi item (no interactions).</summary>
    public const string ColdSciFi = "cold-scifi";

    /// <summary>The cold Romance item (no interactions).</summary>
    public const string ColdRomance = "cold-romance";

    /// <summary>A registered user with no interactions whose declared taste is Sci-Fi.</summary>
    public const string NewSciFiFan = "new-scifi-fan";

    /// <summary>A registered user with no interactions whose declared taste is Romance.</summary>
    public const string NewRomanceFan = "new-romance-fan";

    /// <summary>
    /// Sci-Fi items s0..s5 and Romance items r0..r5 (every third also Comedy, so genres overlap), two
    /// cold items (<see cref="ColdSciFi"/>, <see cref="ColdRomance"/>); users f0..f5 declare
    /// "fan=scifi" and touch four Sci-Fi items each, users g0..g5 declare "fan=romance" and touch four
    /// Romance items each, and two users with a declared taste and no interactions. When
    /// <paramref name="coldSciFiGenres"/> is given, it replaces the cold Sci-Fi item's genres; with
    /// <paramref name="titles"/>, items also have a title of two words from a small vocabulary.
    /// </summary>
    public static Dataset Build(string[]? coldSciFiGenres = null, bool titles = false)
    {
        var b = new DatasetBuilder("taste", FeedbackKind.Implicit);
        for (var i = 0; i < 6; i++)
        {
            b.AddItem($"s{i}");
            b.ItemAttributes.AddTag($"s{i}", "genres", "Sci-Fi");
            b.AddItem($"r{i}");
            b.ItemAttributes.AddTag($"r{i}", "genres", "Romance");
            if (i % 3 == 0)
            {
                b.ItemAttributes.AddTag($"s{i}", "genres", "Comedy");
                b.ItemAttributes.AddTag($"r{i}", "genres", "Comedy");
            }
        }

        if (titles)
        {
            string[] words = ["star", "night", "love", "war"];
            for (var i = 0; i < 6; i++)
            {
                b.ItemAttributes.SetText($"s{i}", "title", $"{words[i % 4]} {words[(i + 1) % 4]}");
                b.ItemAttributes.SetText($"r{i}", "title", $"{words[(i + 2) % 4]} {words[(i + 3) % 4]}");
            }
        }

        b.AddItem(ColdSciFi);
        foreach (var genre in coldSciFiGenres ?? ["Sci-Fi", "Comedy"])
        {
            b.ItemAttributes.AddTag(ColdSciFi, "genres", genre);
        }

        b.AddItem(ColdRomance);
        b.ItemAttributes.AddTag(ColdRomance, "genres", "Romance");
        b.ItemAttributes.AddTag(ColdRomance, "genres", "Comedy");
        for (var u = 0; u < 6; u++)
        {
            for (var k = 0; k < 4; k++)
            {
                b.Add($"f{u}", $"s{(u + k) % 6}", 1f);
                b.Add($"g{u}", $"r{(u + k) % 6}", 1f);
            }

            b.UserAttributes.SetCategorical($"f{u}", "fan", "scifi");
            b.UserAttributes.SetCategorical($"g{u}", "fan", "romance");
        }

        b.AddUser(NewSciFiFan);
        b.UserAttributes.SetCategorical(NewSciFiFan, "fan", "scifi");
        b.AddUser(NewRomanceFan);
        b.UserAttributes.SetCategorical(NewRomanceFan, "fan", "romance");
        return b.Build();
    }
}
