using Affinity.Core.Data;

namespace Affinity.Core.Profiles;

/// <summary>
/// What a user's behaviour and declared attributes say about them: the item features they lean
/// towards and away from, how active and how recent they are, how they rate, and what they told us.
/// Built by <see cref="UserProfileBuilder"/>; immutable.
/// </summary>
/// <param name="User">The user's dense index, or -1 for a history that is not in the dataset.</param>
/// <param name="UserId">The user's external id, or null for a history that is not in the dataset.</param>
/// <param name="Kind">What the interaction values mean.</param>
/// <param name="Affinities">The features with the largest positive affinity, largest first (see <see cref="FeatureAffinity"/>).</param>
/// <param name="Aversions">The features with the most negative affinity, most negative first; only explicit ratings below the
/// user's mean make one.</param>
/// <param name="Activity">How much the user does.</param>
/// <param name="Recency">When the user was active; null without timestamps or interactions.</param>
/// <param name="Ratings">The user's rating tendency; null for implicit feedback or an empty history.</param>
/// <param name="Attributes">The user's declared attributes, in ordinal order of field name.</param>
public sealed record UserProfile(
    int User,
    string? UserId,
    FeedbackKind Kind,
    IReadOnlyList<FeatureAffinity> Affinities,
    IReadOnlyList<FeatureAffinity> Aversions,
    ActivityLevel Activity,
    Recency? Recency,
    RatingTendency? Ratings,
    IReadOnlyList<DeclaredAttribute> Attributes);

/// <summary>
/// A user's leaning towards one item feature: the weighted mean of the feature's value over the
/// items of their history, <c>Σ w_i x_if / Σ |w_i|</c>, where <c>w_i</c> is the interaction's weight
/// (see <see cref="UserProfileBuilder"/>) and <c>x_if</c> the item's value of the feature.
/// </summary>
/// <remarks>With 0/1 features (genres encoded without TF-IDF) and implicit feedback of 1, the affinity
/// is the share of the history that has the feature; with centred ratings it lies in [-1, 1], positive
/// where the user rates items with the feature above their own mean. This is the Rocchio-style profile
/// of content-based recommenders (Pazzani and Billsus, "Content-Based Recommendation Systems", The
/// Adaptive Web, 2007), scaled so that users with long and short histories compare.</remarks>
/// <param name="Feature">The feature's column in the item feature matrix.</param>
/// <param name="Name">The feature's name ("genres=Sci-Fi").</param>
/// <param name="Field">The field ("genres").</param>
/// <param name="Value">The value ("Sci-Fi").</param>
/// <param name="Weight">The affinity.</param>
/// <param name="Support">How many interactions of the history are with items that have the feature.</param>
public sealed record FeatureAffinity(int Feature, string Name, string Field, string Value, double Weight, int Support);

/// <summary>How much a user does.</summary>
/// <param name="Interactions">The number of interactions in the history.</param>
/// <param name="ActiveDays">The number of distinct UTC calendar days with an interaction; 0 for an empty history, null for a history without timestamps.</param>
/// <param name="InteractionsPerActiveDay">Interactions divided by active days; null without timestamps or interactions.</param>
public sealed record ActivityLevel(int Interactions, int? ActiveDays, double? InteractionsPerActiveDay);

/// <summary>When a user was active, in Unix seconds.</summary>
/// <param name="First">The earliest interaction.</param>
/// <param name="Last">The latest interaction.</param>
/// <param name="DaysSinceLast">Days from <paramref name="Last"/> to the reference time (by default the dataset's latest
/// timestamp), never negative.</param>
public sealed record Recency(long First, long Last, double DaysSinceLast);

/// <summary>How a user rates.</summary>
/// <param name="Mean">The mean rating.</param>
/// <param name="StandardDeviation">The population standard deviation of the ratings (divided by n, not n - 1).</param>
public sealed record RatingTendency(double Mean, double StandardDeviation);

/// <summary>One attribute the user declared ("occupation" = "writer"), as text.</summary>
/// <param name="Field">The attribute's name.</param>
/// <param name="Value">The value: a categorical level, a number in invariant culture, tags joined by ", ", or the text.</param>
public sealed record DeclaredAttribute(string Field, string Value);
