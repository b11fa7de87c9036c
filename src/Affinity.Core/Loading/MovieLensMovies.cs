using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Core.Loading;

/// <summary>
/// The movie list that MovieLens 1M (<c>movies.dat</c>) and MovieLens latest (<c>movies.csv</c>)
/// share: id, title with the release year in trailing parentheses, and <c>|</c>-separated genres.
/// </summary>
internal static class MovieLensMovies
{
    /// <summary>What MovieLens latest writes for a movie without genres.</summary>
    public const string NoGenres = "(no genres listed)";

    /// <summary>Reads every movie into the item catalogue: text "title", numeric "year", tags "genres".</summary>
    /// <returns>The ids read, in file order.</returns>
    public static HashSet<string> Read(RecordReader reader, DatasetBuilder builder, IdPool pool)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var items = builder.ItemAttributes;
        while (reader.Read())
        {
            var id = reader.IntegerId(0, pool);
            if (!ids.Add(id))
            {
                throw reader.Error(0, $"the movie {id} appears twice");
            }

            builder.AddItem(id);
            var title = reader.Text(1);
            items.SetText(id, "title", title);
            items.SetNumeric(id, "year", YearOfTitle(title));
            AddGenres(reader, 2, id, items, pool);
        }

        return ids;
    }

    /// <summary>The year of a title that ends in "(1995)", trailing spaces allowed; NaN when it has none.</summary>
    public static double YearOfTitle(ReadOnlySpan<char> title)
    {
        title = title.TrimEnd();
        if (title.Length < 6 || title[^1] != ')' || title[^6] != '(')
        {
            return double.NaN;
        }

        var digits = title[^5..^1];
        var year = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return double.NaN;
            }

            year = (year * 10) + (c - '0');
        }

        return year;
    }

    private static void AddGenres(RecordReader reader, int field, string id, AttributeTableBuilder items, IdPool pool)
    {
        var genres = reader[field];
        if (genres.IsEmpty)
        {
            throw reader.Error(field, $"the field is empty; a movie without genres is written '{NoGenres}'");
        }

        if (genres.SequenceEqual(NoGenres))
        {
            return;
        }

        foreach (var range in genres.Split('|'))
        {
            var genre = genres[range];
            if (genre.IsEmpty)
            {
                throw reader.Error(field, $"an empty genre in {FieldNames.Quote(genres)}");
            }

            items.AddTag(id, "genres", pool.Get(genre));
        }
    }
}
