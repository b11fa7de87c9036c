using System.Globalization;

namespace Affinity.Core.Demo;

/// <summary>
/// The size of a synthetic interaction dataset: users, items and interactions. Immutable; the
/// presets copy the shapes of the public datasets benchmarks are quoted on.
/// </summary>
/// <param name="Users">The number of users (each gets at least one interaction).</param>
/// <param name="Items">The number of items in the catalogue.</param>
/// <param name="Interactions">The number of distinct (user, item) pairs.</param>
public sealed record SyntheticShape(int Users, int Items, int Interactions)
{
    /// <summary>MovieLens 20M's ratings of 4 stars or more: 138,493 users, about 20k items, 10M interactions.</summary>
    public static SyntheticShape MovieLens20M { get; } = new(138_493, 20_000, 10_000_000);

    /// <summary>MovieLens 1M's ratings: 6,040 users, 3,706 items, 1,000,209 interactions.</summary>
    public static SyntheticShape MovieLens1M { get; } = new(6_040, 3_706, 1_000_209);

    /// <summary>MovieLens 100K's ratings: 943 users, 1,682 items, 100,000 interactions.</summary>
    public static SyntheticShape MovieLens100K { get; } = new(943, 1_682, 100_000);

    /// <summary>
    /// Reads a preset name (<c>ml-20m</c>, <c>ml-1m</c>, <c>ml-100k</c>) or
    /// <c>USERSxITEMSxINTERACTIONS</c> (<c>5000x2000x200000</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is neither a preset nor three positive integers joined by 'x'.</exception>
    public static SyntheticShape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        switch (trimmed.ToUpperInvariant())
        {
            case "ML-20M":
                return MovieLens20M;
            case "ML-1M":
                return MovieLens1M;
            case "ML-100K":
                return MovieLens100K;
        }

        var parts = trimmed.Split('x', 'X');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var users) && users > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var items) && items > 0
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var interactions) && interactions > 0)
        {
            return new SyntheticShape(users, items, interactions);
        }

        throw new FormatException($"'{text}' is not a synthetic data shape: use ml-20m, ml-1m, ml-100k or USERSxITEMSxINTERACTIONS such as 5000x2000x200000.");
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Users}x{Items}x{Interactions}");
}
