namespace Affinity.Core.Loading;

/// <summary>
/// Turns the same id text into the same string instance, so a file that names a user a hundred
/// times allocates its id once. Lookups take a span straight from the line buffer.
/// </summary>
internal sealed class IdPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public IdPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = text.ToString();
        _strings.Add(created, created);
        return created;
    }
}
