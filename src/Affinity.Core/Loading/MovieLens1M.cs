using System.Globalization;
using System.Text;
using Affinity.Core.Data;

namespace Affinity.Core.Loading;

/// <summary>
/// Loads MovieLens 1M (GroupLens, 2003; Harper and Konstan, ACM TiiS 5(4), 2015) from the folder
/// of the original archive, or from the five published folds when <c>ratings.dat</c> is absent.
/// </summary>
/// <remarks>
/// <para>Files, as the archive's README describes them, all <c>::</c>-separated:</para>
/// <list type="bullet">
/// <item><c>ratings.dat</c>: <c>UserID::MovieID::Rating::Timestamp</c>, whole stars 1 to 5, Unix seconds.</item>
/// <item><c>folds/test_1m1.dat</c> .. <c>test_1m5.dat</c> (used only without <c>ratings.dat</c>):
/// <c>user,movie,rating</c>, no timestamps; the five are a random partition of <c>ratings.dat</c>.</item>
/// <item><c>movies.dat</c> (latin-1): <c>MovieID::Title::Genres</c>. Item attributes: text "title",
/// numeric "year" (from the title's trailing "(1995)"), tags "genres".</item>
/// <item><c>users.dat</c>: <c>UserID::Gender::Age::Occupation::Zip-code</c>. User attributes:
/// categorical "gender", numeric "age" (the README's age-group code: 1, 18, 25, ...),
/// categorical "occupation" (the code 0..20 as text), categorical "zip".</item>
/// </list>
/// <para>Items are indexed in the order of <c>movies.dat</c> (all 3883 movies, rated or not) and users in
/// the order of <c>users.dat</c>.</para>
/// </remarks>
public static class MovieLens1M
{
    /// <summary>The dataset name, as in <see cref="DatasetCatalog"/>.</summary>
    public const string DatasetName = "ml-1m";

    /// <summary>The number of fold files in <c>folds/</c>.</summary>
    public const int FoldCount = 5;

    private static readonly string[] RatingFields = ["UserID", "MovieID", "Rating", "Timestamp"];
    private static readonly string[] FoldFields = ["UserID", "MovieID", "Rating"];
    private static readonly string[] MovieFields = ["MovieID", "Title", "Genres"];
    private static readonly string[] UserFields = ["UserID", "Gender", "Age", "Occupation", "Zip-code"];

    /// <summary>
    /// Loads ratings, movies and users: ratings from <c>ratings.dat</c> (with timestamps) when it is
    /// there, otherwise from the five fold files in order (without timestamps).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">Neither <c>ratings.dat</c> nor the folds, or another file, is there.</exception>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static Dataset Load(string folder)
    {
        var ratings = Path.Combine(folder, "ratings.dat");
        if (File.Exists(ratings))
        {
            var builder = StartWithCatalogue(folder, out var pool);
            ReadRatings(ratings, builder, pool);
            return builder.Build();
        }

        if (!FoldsPresent(folder))
        {
            LoaderFiles.RequireFolder(folder);
            throw new FileNotFoundException($"MovieLens 1M needs ratings.dat or the five files folds/test_1m1.dat .. test_1m5.dat in '{folder}'; neither is there.", ratings);
        }

        return LoadWithFolds(folder).Data;
    }

    /// <summary>
    /// Loads the ratings of the five fold files, concatenated in order, with the fold (0..4) of every
    /// interaction: fold <c>k</c> is the test set of round <c>k</c> of five-fold cross-validation.
    /// </summary>
    /// <exception cref="FileNotFoundException">A fold file is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static (Dataset Data, int[] FoldOf) LoadWithFolds(string folder)
    {
        LoaderFiles.RequireFolder(folder);
        if (!FoldsPresent(folder))
        {
            throw new FileNotFoundException($"The MovieLens 1M folds are missing: LoadWithFolds needs folds/test_1m1.dat .. test_1m5.dat in '{folder}' (a folder with only ratings.dat can be split with a splitter instead).", FoldPath(folder, 0));
        }

        var builder = StartWithCatalogue(folder, out var pool);
        var foldOf = new List<int>();
        for (var fold = 0; fold < FoldCount; fold++)
        {
            using var reader = RecordReader.Open(FoldPath(folder, fold), Encoding.Latin1, ",", quoting: false, FoldFields);
            while (reader.Read())
            {
                builder.Add(reader.IntegerId(0, pool), reader.IntegerId(1, pool), reader.Rating(2, RatingScale.WholeStars));
                foldOf.Add(fold);
            }
        }

        return (builder.Build(), [.. foldOf]);
    }

    private static bool FoldsPresent(string folder)
    {
        for (var fold = 0; fold < FoldCount; fold++)
        {
            if (!File.Exists(FoldPath(folder, fold)))
            {
                return false;
            }
        }

        return true;
    }

    private static string FoldPath(string folder, int fold)
        => Path.Combine(folder, "folds", string.Create(CultureInfo.InvariantCulture, $"test_1m{fold + 1}.dat"));

    private static DatasetBuilder StartWithCatalogue(string folder, out IdPool pool)
    {
        LoaderFiles.RequireFolder(folder);
        var builder = new DatasetBuilder(DatasetName, FeedbackKind.Explicit);
        pool = new IdPool();
        using (var movies = RecordReader.Open(Path.Combine(folder, "movies.dat"), Encoding.Latin1, "::", quoting: false, MovieFields))
        {
            MovieLensMovies.Read(movies, builder, pool);
        }

        ReadUsers(Path.Combine(folder, "users.dat"), builder, pool);
        return builder;
    }

    private static void ReadRatings(string path, DatasetBuilder builder, IdPool pool)
    {
        using var reader = RecordReader.Open(path, Encoding.Latin1, "::", quoting: false, RatingFields);
        while (reader.Read())
        {
            builder.Add(reader.IntegerId(0, pool), reader.IntegerId(1, pool), reader.Rating(2, RatingScale.WholeStars), reader.Int64(3));
        }
    }

    private static void ReadUsers(string path, DatasetBuilder builder, IdPool pool)
    {
        var users = builder.UserAttributes;
        using var reader = RecordReader.Open(path, Encoding.Latin1, "::", quoting: false, UserFields);
        while (reader.Read())
        {
            var id = reader.IntegerId(0, pool);
            builder.AddUser(id);
            users.SetCategorical(id, "gender", reader.Text(1));
            users.SetNumeric(id, "age", reader.Int32(2));
            users.SetCategorical(id, "occupation", reader.IntegerId(3, pool));
            users.SetCategorical(id, "zip", reader.Text(4));
        }
    }
}
