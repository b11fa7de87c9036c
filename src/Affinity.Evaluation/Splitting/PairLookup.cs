using Affinity.Core.Data;

namespace Affinity.Evaluation.Splitting;

/// <summary>
/// Finds the interaction of a dataset without repeated pairs from external (user, item) ids read
/// from a split file, and marks which part of a split it belongs to.
/// </summary>
internal sealed class PairLookup
{
    private readonly Dataset _data;
    private readonly Dictionary<long, int> _interactionOfPair;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _users;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _items;

    public PairLookup(Dataset data)
    {
        _data = data;
        _users = SpanLookup(data.Users);
        _items = SpanLookup(data.Items);
        _interactionOfPair = new Dictionary<long, int>(data.Count);
        var users = data.UserIndexes;
        var items = data.ItemIndexes;
        for (var i = 0; i < data.Count; i++)
        {
            _interactionOfPair.Add(Key(users[i], items[i]), i);
        }
    }

    /// <summary>Reads one split file and marks each listed interaction with <paramref name="part"/>.</summary>
    /// <exception cref="DataFormatException">A line is malformed, names an unknown user, item or pair, or lists an interaction that already has a part.</exception>
    public void Assign(string path, sbyte part, Span<sbyte> partOf)
    {
        long lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var rest = line.AsSpan().TrimStart();
            if (rest.IsEmpty)
            {
                continue;
            }

            var userField = NextField(ref rest);
            var itemField = NextField(ref rest);
            if (itemField.IsEmpty)
            {
                throw new DataFormatException(path, lineNumber, null, "expected at least two fields, the user id and the item id.");
            }

            if (!_users.TryGetValue(userField, out var user))
            {
                throw new DataFormatException(path, lineNumber, "user", $"the user '{userField}' is not in '{_data.Name}'.");
            }

            if (!_items.TryGetValue(itemField, out var item))
            {
                throw new DataFormatException(path, lineNumber, "item", $"the item '{itemField}' is not in '{_data.Name}'.");
            }

            if (!_interactionOfPair.TryGetValue(Key(user, item), out var interaction))
            {
                throw new DataFormatException(path, lineNumber, null, $"the pair (user '{userField}', item '{itemField}') is not an interaction of '{_data.Name}'.");
            }

            if (partOf[interaction] != SplitParts.Dropped)
            {
                var where = partOf[interaction] == part ? "earlier in this file" : "in the other file of this split";
                throw new DataFormatException(path, lineNumber, null, $"the pair (user '{userField}', item '{itemField}') is listed again; it was already {where}.");
            }

            partOf[interaction] = part;
        }
    }

    // IdMap looks ids up by string only; a span lookup spares two strings per line of a 100,000-line file.
    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanLookup(IdMap ids)
    {
        var indexes = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            indexes.Add(ids[i], i);
        }

        return indexes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static long Key(int user, int item) => ((long)user << 32) | (uint)item;

    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
        {
            end++;
        }

        var field = rest[..end];
        rest = rest[end..].TrimStart();
        return field;
    }
}
