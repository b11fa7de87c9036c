using System.Globalization;
using System.Text;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Loads MovieLens 100K (GroupLens, 1998; Harper and Konstan, "The MovieLens Datasets: History
/// and Context", ACM TiiS 5(4), 2015) from the folder of the original archive.
/// </summary>
/// <remarks>
/// <para>Files, as the archive's README describes them (it calls the <c>|</c> files tab separated; they are not):</para>
/// <list type="bullet">
/// <item><c>u.data</c>: <c>user id \t item id \t rating \t timestamp</c>, whole stars 1 to 5, Unix seconds.</item>
/// <item><c>u.item</c> (latin-1): <c>movie id | title | release date | video release date | IMDb URL</c>
/// and one 0/1 flag per genre of <c>u.genre</c>. Item attributes: text "title", numeric "year" (of
/// the release date "01-Jan-1995"; NaN when empty, as for item 267 "unknown", which is kept),
/// tags "genres" and text "imdb_url".</item>
/// <item><c>u.user</c>: <c>user id | age | gender | occupation | zip code</c>. User attributes:
/// numeric "age", categorical "gender", "occupation" and "zip".</item>
/// </list>
/// <para>Items and users are indexed in the order of <c>u.item</c> and <c>u.user</c>, so dense
/// index <c>k</c> is MovieLens id <c>k + 1</c>.</para>
/// </remarks>
public static class MovieLens100K
{
    /// <summary>The dataset name, as in <see cref="DatasetCatalog"/>.</summary>
    public const string DatasetName = "ml-100k";

    private static readonly string[] RatingFields = ["user id", "item id", "rating", "timestamp"];
    private static readonly string[] UserFields = ["user id", "age", "gender", "occupation", "zip code"];
    private static readonly string[] ItemFields = ["movie id", "movie title", "release date", "video release date", "IMDb URL"];

    /// <summary>Loads ratings, movies and users from the folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static Dataset Load(string folder)
    {
        LoaderFiles.RequireFolder(folder);
        var builder = new DatasetBuilder(DatasetName, FeedbackKind.Explicit);
        var pool = new IdPool();
        var genres = ReadGenres(Path.Combine(folder, "u.genre"));
        ReadItems(Path.Combine(folder, "u.item"), genres, builder, pool);
        ReadUsers(Path.Combine(folder, "u.user"), builder, pool);
        ReadRatings(Path.Combine(folder, "u.data"), builder, pool);
        return builder.Build();
    }

    /// <summary>
    /// Loads only the ratings of any file in <c>u.data</c> format (<c>u1.base</c>, <c>ua.test</c>, ...),
    /// without attributes; users and items are indexed in order of first appearance.
    /// </summary>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static Dataset LoadRatingsFile(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = new DatasetBuilder(name, FeedbackKind.Explicit);
        ReadRatings(path, builder, new IdPool());
        return builder.Build();
    }

    /// <summary>
    /// Loads the dataset and the fold of every rating in the archive's own five-fold split: fold
    /// <c>k</c> (0..4) is the test set <c>u{k+1}.test</c>, and its training set is <c>u{k+1}.base</c>,
    /// which is every other rating: the predefined split that Surprise reads with
    /// <c>Dataset.load_from_folds</c> and <c>PredefinedKFold</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A test file is missing.</exception>
    /// <exception cref="DataFormatException">A test file names a rating that <c>u.data</c> lacks, or the five do not cover <c>u.data</c> exactly once.</exception>
    public static (Dataset Data, int[] FoldOf) LoadWithFolds(string folder)
    {
        var data = Load(folder);
        var positionOf = new Dictionary<(int User, int Item), int>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            positionOf[(data.UserIndexes[i], data.ItemIndexes[i])] = i;
        }

        var foldOf = new int[data.Count];
        Array.Fill(foldOf, -1);
        var pool = new IdPool();
        for (var fold = 0; fold < 5; fold++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"u{fold + 1}.test"));
            using var reader = RecordReader.Open(path, Encoding.Latin1, "\t", quoting: false, RatingFields);
            while (reader.Read())
            {
                var user = data.Users.IndexOf(reader.IntegerId(0, pool));
                var item = data.Items.IndexOf(reader.IntegerId(1, pool));
                if (!positionOf.TryGetValue((user, item), out var i) || data.Values[i] != reader.Rating(2, RatingScale.WholeStars))
                {
                    throw reader.Error(1, "this rating is not in u.data");
                }

                if (foldOf[i] >= 0)
                {
                    throw reader.Error(1, string.Create(CultureInfo.InvariantCulture, $"this rating is already in fold {foldOf[i] + 1}"));
                }

                foldOf[i] = fold;
            }
        }

        var uncovered = Array.IndexOf(foldOf, -1);
        if (uncovered >= 0)
        {
            throw new DataFormatException(Path.Combine(folder, "u.data"), 0, null, $"the rating of user {data.Users[data.UserIndexes[uncovered]]} on item {data.Items[data.ItemIndexes[uncovered]]} is in no u*.test file");
        }

        return (data, foldOf);
    }

    private static void ReadRatings(string path, DatasetBuilder builder, IdPool pool)
    {
        using var reader = RecordReader.Open(path, Encoding.Latin1, "\t", quoting: false, RatingFields);
        while (reader.Read())
        {
            builder.Add(reader.IntegerId(0, pool), reader.IntegerId(1, pool), reader.Rating(2, RatingScale.WholeStars), reader.Int64(3));
        }
    }

    private static string[] ReadGenres(string path)
    {
        var names = new List<string>();
        using var reader = RecordReader.Open(path, Encoding.Latin1, "|", quoting: false, ["genre", "index"]);
        while (reader.Read())
        {
            if (reader.Int32(1) != names.Count)
            {
                throw reader.Error(1, string.Create(CultureInfo.InvariantCulture, $"genres must be numbered 0, 1, 2, ... in order; {names.Count} was expected"));
            }

            names.Add(reader.Text(0));
        }

        return [.. names];
    }

    private static void ReadItems(string path, string[] genres, DatasetBuilder builder, IdPool pool)
    {
        var items = builder.ItemAttributes;
        using var reader = RecordReader.Open(path, Encoding.Latin1, "|", quoting: false, [.. ItemFields, .. genres]);
        while (reader.Read())
        {
            var id = reader.IntegerId(0, pool);
            builder.AddItem(id);
            items.SetText(id, "title", reader.Text(1));
            items.SetNumeric(id, "year", YearOfReleaseDate(reader, 2));
            if (reader.OptionalText(4) is { } url)
            {
                items.SetText(id, "imdb_url", url);
            }

            for (var g = 0; g < genres.Length; g++)
            {
                var flag = reader[ItemFields.Length + g];
                if (flag.SequenceEqual("1"))
                {
                    items.AddTag(id, "genres", genres[g]);
                }
                else if (!flag.SequenceEqual("0"))
                {
                    throw reader.Error(ItemFields.Length + g, $"a genre flag must be 0 or 1, not {FieldNames.Quote(flag)}");
                }
            }
        }
    }

    private static double YearOfReleaseDate(RecordReader reader, int field)
    {
        var text = reader[field];
        if (text.IsEmpty)
        {
            return double.NaN;
        }

        return DateTime.TryParseExact(text, "d-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.Year
            : throw reader.Error(field, $"{FieldNames.Quote(text)} is not a date like 01-Jan-1995");
    }

    private static void ReadUsers(string path, DatasetBuilder builder, IdPool pool)
    {
        var users = builder.UserAttributes;
        using var reader = RecordReader.Open(path, Encoding.Latin1, "|", quoting: false, UserFields);
        while (reader.Read())
        {
            var id = reader.IntegerId(0, pool);
            builder.AddUser(id);
            users.SetNumeric(id, "age", reader.Int32(1));
            users.SetCategorical(id, "gender", reader.Text(2));
            users.SetCategorical(id, "occupation", reader.Text(3));
            users.SetCategorical(id, "zip", reader.Text(4));
        }
    }
}
