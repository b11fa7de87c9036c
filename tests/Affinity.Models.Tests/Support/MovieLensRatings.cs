using System.Globalization;
using Affinity.Core.Data;

namespace Affinity.Models.Tests.Support;

/// <summary>
/// A minimal reader of MovieLens 100K rating files (user TAB item TAB rating TAB timestamp, integer
/// ids), kept here so these tests do not depend on the library's loaders.
/// </summary>
public static class MovieLensRatings
{
    /// <summary>Reads a training file into a dataset, numbering ids in first-seen order as Surprise does.</summary>
    public static Dataset Read(string path)
    {
        var rows = Lines(path);
        var users = new Numbering();
        var items = new Numbering();
        var userIndexes = new int[rows.Count];
        var itemIndexes = new int[rows.Count];
        var values = new float[rows.Count];
        var times = new long[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            userIndexes[n] = users.IndexOf(rows[n].User);
            itemIndexes[n] = items.IndexOf(rows[n].Item);
            values[n] = rows[n].Rating;
            times[n] = rows[n].Time;
        }

        return new Dataset(Path.GetFileName(path), FeedbackKind.Explicit, users.ToIdMap(), items.ToIdMap(), userIndexes, itemIndexes, values, times);
    }

    /// <summary>The (user, item, rating, timestamp) rows of a file.</summary>
    public static List<(int User, int Item, float Rating, long Time)> Lines(string path)
    {
        var rows = new List<(int, int, float, long)>(100_000);
        foreach (var line in File.ReadLines(path))
        {
            var rest = line.AsSpan();
            var user = int.Parse(Next(ref rest), CultureInfo.InvariantCulture);
            var item = int.Parse(Next(ref rest), CultureInfo.InvariantCulture);
            var rating = float.Parse(Next(ref rest), CultureInfo.InvariantCulture);
            rows.Add((user, item, rating, long.Parse(rest, CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest)
    {
        var tab = rest.IndexOf('\t');
        var field = rest[..tab];
        rest = rest[(tab + 1)..];
        return field;
    }

    /// <summary>Dense indexes for integer ids in first-seen order.</summary>
    private sealed class Numbering
    {
        private readonly Dictionary<int, int> _indexes = [];
        private readonly List<string> _ids = [];

        public int IndexOf(int id)
        {
            if (!_indexes.TryGetValue(id, out var index))
            {
                index = _ids.Count;
                _indexes.Add(id, index);
                _ids.Add(id.ToString(CultureInfo.InvariantCulture));
            }

            return index;
        }

        public IdMap ToIdMap() => IdMap.FromIds(_ids);
    }
}
