using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Loads MovieLens latest-small (GroupLens, generated 2018-09-26; Harper and Konstan, ACM TiiS
/// 5(4), 2015) from the folder of the archive: UTF-8 CSV files with a header row and RFC 4180 quoting.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ratings.csv</c>: <c>userId,movieId,rating,timestamp</c>, half stars 0.5 to 5, Unix seconds.</item>
/// <item><c>movies.csv</c>: <c>movieId,title,genres</c>; titles with commas are quoted; genres are
/// <c>|</c>-separated and "(no genres listed)" means none. Item attributes: text "title",
/// numeric "year" (from the title's trailing "(1995)", NaN when the title has none), tags "genres".</item>
/// <item><c>tags.csv</c>: <c>userId,movieId,tag,timestamp</c>, one row per application of a free-text
/// tag. Item attribute: tags "tags", case preserved, weight = the number of applications.</item>
/// </list>
/// <para>Items are indexed in the order of <c>movies.csv</c>, so the catalogue holds all 9742 movies,
/// including the 18 nobody rated. A tag on a movie that <c>movies.csv</c> lacks is an error.</para>
/// </remarks>
public static class MovieLensLatestSmall
{
    /// <summary>The dataset name, as in <see cref="DatasetCatalog"/>.</summary>
    public const string DatasetName = "ml-latest-small";

    private static readonly string[] RatingFields = ["userId", "movieId", "rating", "timestamp"];
    private static readonly string[] MovieFields = ["movieId", "title", "genres"];
    private static readonly string[] TagFields = ["userId", "movieId", "tag", "timestamp"];

    /// <summary>Loads ratings, movies and tags from the folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line or a header is malformed.</exception>
    public static Dataset Load(string folder)
    {
        LoaderFiles.RequireFolder(folder);
        var builder = new DatasetBuilder(DatasetName, FeedbackKind.Explicit);
        var pool = new IdPool();
        HashSet<string> movies;
        using (var reader = RecordReader.OpenWithHeader(Path.Combine(folder, "movies.csv"), LineReader.StrictUtf8, ",", quoting: true, MovieFields))
        {
            movies = MovieLensMovies.Read(reader, builder, pool);
        }

        using (var reader = RecordReader.OpenWithHeader(Path.Combine(folder, "ratings.csv"), LineReader.StrictUtf8, ",", quoting: true, RatingFields))
        {
            while (reader.Read())
            {
                builder.Add(reader.IntegerId(0, pool), reader.IntegerId(1, pool), reader.Rating(2, RatingScale.HalfStars), reader.Int64(3));
            }
        }

        using (var reader = RecordReader.OpenWithHeader(Path.Combine(folder, "tags.csv"), LineReader.StrictUtf8, ",", quoting: true, TagFields))
        {
            while (reader.Read())
            {
                reader.IntegerId(0, pool);
                var movie = reader.IntegerId(1, pool);
                if (!movies.Contains(movie))
                {
                    throw reader.Error(1, $"the movie {movie} is not in movies.csv");
                }

                builder.ItemAttributes.AddTag(movie, "tags", reader.PooledText(2, pool));
                reader.Int64(3);
            }
        }

        return builder.Build();
    }
}
