using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;
using Affinity.Core.Loading;
using Affinity.Testing;

namespace Affinity.Core.Tests.Loading;

public sealed class LastFmFixture
{
    public Dataset Data { get; } = LastFm.Load(TestData.PathOf("hetrec2011-lastfm-2k"));
}

/// <summary>Pins the counts that SOURCES.md checked for the real hetrec2011-lastfm-2k files.</summary>
public sealed class LastFmTests(LastFmFixture fixture) : IClassFixture<LastFmFixture>
{
    private readonly Dataset _data = fixture.Data;

    [Fact]
    public void Counts_match_the_readme()
    {
        Assert.Equal(("lastfm-2k", FeedbackKind.Implicit), (_data.Name, _data.Kind));
        Assert.Equal(92_834, _data.Count);
        Assert.Equal(1892, _data.UserCount);
        Assert.Equal(17_632, _data.ItemCount);
        Assert.False(_data.HasTimestamps);
    }

    [Fact]
    public void Values_are_play_counts_from_1_to_352698()
    {
        var values = _data.Values.ToArray();
        Assert.Equal((1f, 352_698f), (values.Min(), values.Max()));

        // user_artists.dat line 2: "2 51 13883".
        Assert.Equal(("2", "51", 13_883f), (_data.Users[_data.UserIndexes[0]], _data.Items[_data.ItemIndexes[0]], values[0]));
    }

    [Fact]
    public void Artists_carry_name_and_url()
    {
        var first = _data.Items.IndexOf("1");
        Assert.Equal(0, first);
        Assert.Equal("MALICE MIZER", _data.ItemAttributes.Get<TextColumn>("name").Values[first]);
        Assert.Equal("http://www.last.fm/music/MALICE+MIZER", _data.ItemAttributes.Get<TextColumn>("url").Values[first]);
    }

    [Fact]
    public void Tag_names_come_from_tags_dat_decoded_as_latin1()
    {
        var names = LastFm.ReadTagNames(TestData.PathOf("hetrec2011-lastfm-2k", "tags.dat"), new IdPool());
        Assert.Equal(11_946, names.Count);
        Assert.Equal("tropicália", names["2863"]);
        Assert.Equal("fußball", names["7982"]);

        var vocabulary = _data.ItemAttributes.Get<TagsColumn>("tags").Vocabulary;
        Assert.Contains("rock français", vocabulary.Ids);
        Assert.Contains("die Ärzte", vocabulary.Ids);
    }

    [Fact]
    public void Tag_weights_count_the_users_who_applied_them_on_listed_artists_only()
    {
        var tags = _data.ItemAttributes.Get<TagsColumn>("tags");

        // 186479 applications, less those on the 390 artists that artists.dat lacks: 184941 kept,
        // on 12133 artists, with 9718 distinct tags.
        Assert.Equal(184_941f, tags.Matrix.Values.ToArray().Sum());
        Assert.Equal(12_133, Enumerable.Range(0, _data.ItemCount).Count(tags.HasValue));
        Assert.Equal(9718, tags.Vocabulary.Count);

        // The heaviest pair: 108 users tagged artist 289 "pop".
        var britney = _data.Items.IndexOf("289");
        var pop = tags.Matrix.RowColumns(britney).IndexOf(tags.Vocabulary.IndexOf("pop"));
        Assert.Equal(108f, tags.Matrix.RowValues(britney)[pop]);
        Assert.Equal(108f, tags.Matrix.Values.ToArray().Max());
    }

    [Fact]
    public void Artists_nobody_listened_to_are_still_items()
    {
        using var folder = new TempFolder();
        folder.Write("artists.dat", "id\tname\turl\tpictureURL\n1\tA\thttp://a\t\n2\tB\t\t\n");
        folder.Write("tags.dat", "tagID\ttagValue\r\n1\tmetal\r\n", System.Text.Encoding.Latin1);
        folder.Write("user_artists.dat", "userID\tartistID\tweight\r\n7\t1\t12\r\n");
        folder.Write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\r\n7\t2\t1\t1\t4\t2009\r\n9\t2\t1\t1\t4\t2009\r\n8\t99\t1\t1\t4\t2009\r\n");
        var data = LastFm.Load(folder.Path);
        Assert.Equal((1, 2, 1), (data.Count, data.ItemCount, data.UserCount));
        var tags = data.ItemAttributes.Get<TagsColumn>("tags");
        Assert.Equal(2f, tags.Matrix.RowValues(data.Items.IndexOf("2"))[0]);
        Assert.False(data.ItemAttributes.Get<TextColumn>("url").HasValue(data.Items.IndexOf("2")));
    }
}
