using System.Runtime.InteropServices;
using System.Text;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Loads hetrec2011-lastfm-2k (Last.fm listening data of 1892 users; Cantador, Brusilovsky and
/// Kuflik, "2nd Workshop on Information Heterogeneity and Fusion in Recommender Systems
/// (HetRec 2011)", RecSys 2011) from the folder of the archive. Implicit feedback: the value of an
/// interaction is the user's play count of the artist; there are no timestamps.
/// </summary>
/// <remarks>
/// <para>Files, tab-separated with a header row, as the archive's readme.txt describes them:</para>
/// <list type="bullet">
/// <item><c>user_artists.dat</c>: <c>userID artistID weight</c>, the play count (a whole number, at least 0).</item>
/// <item><c>artists.dat</c> (UTF-8): <c>id name url pictureURL</c>. Every artist becomes an item, listened
/// to or not. Item attributes: text "name" and "url".</item>
/// <item><c>tags.dat</c> (latin-1): <c>tagID tagValue</c>, the tag names.</item>
/// <item><c>user_taggedartists.dat</c>: <c>userID artistID tagID day month year</c>. Item attribute:
/// tags "tags", the tag names of <c>tags.dat</c>, weight = the number of users who applied the tag
/// to the artist (the file holds no repeated user-artist-tag row).</item>
/// </list>
/// <para>The original <c>user_taggedartists.dat</c> tags 390 artists that <c>artists.dat</c> does not
/// list and nobody listened to. Those applications are left out, so the catalogue stays the 17632
/// artists the readme counts; an item with neither a name nor a listener has no place in it.</para>
/// </remarks>
public static class LastFm
{
    /// <summary>The dataset name, as in <see cref="DatasetCatalog"/>.</summary>
    public const string DatasetName = "lastfm-2k";

    private static readonly string[] ListenFields = ["userID", "artistID", "weight"];
    private static readonly string[] ArtistFields = ["id", "name", "url", "pictureURL"];
    private static readonly string[] TagFields = ["tagID", "tagValue"];
    private static readonly string[] TaggingFields = ["userID", "artistID", "tagID", "day", "month", "year"];

    /// <summary>Loads play counts, artists and tags from the folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line or a header is malformed.</exception>
    public static Dataset Load(string folder)
    {
        LoaderFiles.RequireFolder(folder);
        var builder = new DatasetBuilder(DatasetName, FeedbackKind.Implicit);
        var pool = new IdPool();
        var artists = ReadArtists(Path.Combine(folder, "artists.dat"), builder, pool);
        var tagNames = ReadTagNames(Path.Combine(folder, "tags.dat"), pool);
        using (var reader = RecordReader.OpenWithHeader(Path.Combine(folder, "user_artists.dat"), Encoding.Latin1, "\t", quoting: false, ListenFields))
        {
            while (reader.Read())
            {
                var plays = reader.Int64(2);
                if (plays < 0)
                {
                    throw reader.Error(2, "a play count cannot be negative");
                }

                builder.Add(reader.IntegerId(0, pool), reader.IntegerId(1, pool), plays);
            }
        }

        foreach (var ((artist, tag), users) in CountTaggers(Path.Combine(folder, "user_taggedartists.dat"), artists, tagNames, pool))
        {
            builder.ItemAttributes.AddTag(artist, "tags", tag, users);
        }

        return builder.Build();
    }

    /// <summary>How many users applied each tag to each listed artist, in order of first application.</summary>
    private static Dictionary<(string Artist, string Tag), int> CountTaggers(string path, HashSet<string> artists, Dictionary<string, string> tagNames, IdPool pool)
    {
        // Counting here rather than adding one weight-1 tag per row keeps the attribute builder's work to one entry per pair.
        var counts = new Dictionary<(string Artist, string Tag), int>();
        using var reader = RecordReader.OpenWithHeader(path, Encoding.Latin1, "\t", quoting: false, TaggingFields);
        while (reader.Read())
        {
            reader.IntegerId(0, pool);
            var artist = reader.IntegerId(1, pool);
            if (!tagNames.TryGetValue(reader.IntegerId(2, pool), out var tag))
            {
                throw reader.Error(2, "the tag is not in tags.dat");
            }

            if (artists.Contains(artist))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (artist, tag), out _)++;
            }
        }

        return counts;
    }

    private static HashSet<string> ReadArtists(string path, DatasetBuilder builder, IdPool pool)
    {
        var artists = new HashSet<string>(StringComparer.Ordinal);
        using var reader = RecordReader.OpenWithHeader(path, LineReader.StrictUtf8, "\t", quoting: false, ArtistFields);
        while (reader.Read())
        {
            var id = reader.IntegerId(0, pool);
            if (!artists.Add(id))
            {
                throw reader.Error(0, $"the artist {id} appears twice");
            }

            builder.AddItem(id);
            builder.ItemAttributes.SetText(id, "name", reader.Text(1));
            if (reader.OptionalText(2) is { } url)
            {
                builder.ItemAttributes.SetText(id, "url", url);
            }
        }

        return artists;
    }

    internal static Dictionary<string, string> ReadTagNames(string path, IdPool pool)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = RecordReader.OpenWithHeader(path, Encoding.Latin1, "\t", quoting: false, TagFields);
        while (reader.Read())
        {
            if (!names.TryAdd(reader.IntegerId(0, pool), reader.Text(1)))
            {
                throw reader.Error(0, "the tag id appears twice");
            }
        }

        return names;
    }
}
