namespace Affinity.Core.Recommending;

/// <summary>
/// What to recommend for one user (dense index). Items the user interacted with in the training
/// data are excluded by default; <see cref="Exclude"/> removes more; when <see cref="Candidates"/>
/// is given, only those items are ranked. A count larger than what is left returns what exists.
/// </summary>
public sealed record RecommendRequest
{
    /// <summary>Creates a request for the top <paramref name="count"/> items of a user.</summary>
    public RecommendRequest(int user, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        User = user;
        Count = count;
    }

    /// <summary>The user's dense index; an index outside the training users is an unknown user.</summary>
    public int User { get; init; }

    /// <summary>How many items to return at most.</summary>
    public int Count { get; init; }

    /// <summary>Whether to drop the items the user has in the training data.</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>Items never to return.</summary>
    public IReadOnlyCollection<int>? Exclude { get; init; }

    /// <summary>When set, the only items that may be returned.</summary>
    public IReadOnlyCollection<int>? Candidates { get; init; }
}
