using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Affinity.Evaluation.Metrics;

/// <summary>
/// Names one metric with its cutoff ("NDCG@10", "MAP@10", "AUC", "RMSE") and computes it. Immutable,
/// compared by value; <see cref="ToString"/> gives the canonical name, which <see cref="Parse"/> reads back.
/// </summary>
/// <remarks>
/// MAP and Recall divide by |rel| unless the spec says otherwise; the other denominator,
/// min(k, |rel|), is written with a ":min" suffix ("MAP@10:min", "Recall@20:min"). See
/// <see cref="MapNormalizer"/> and <see cref="RecallDenominator"/> for which library uses which.
/// </remarks>
public sealed record MetricSpec
{
    private const string MinSuffix = ":min";
    private const string Grammar = "Precision@k, Recall@k[:min], NDCG@k, MAP@k[:min], MRR@k, HitRate@k (or HR@k), AUC, RMSE, MAE";

    /// <summary>Creates a spec, checking that the cutoff and options fit the metric.</summary>
    /// <param name="kind">The metric.</param>
    /// <param name="cutoff">k for the top-k metrics (positive); 0 for AUC, RMSE and MAE.</param>
    /// <param name="mapNormalizer">For <see cref="MetricKind.Map"/> only.</param>
    /// <param name="recallDenominator">For <see cref="MetricKind.Recall"/> only.</param>
    /// <exception cref="ArgumentException">The cutoff or an option does not fit the metric.</exception>
    public MetricSpec(
        MetricKind kind,
        int cutoff = 0,
        MapNormalizer mapNormalizer = MapNormalizer.RelevantCount,
        RecallDenominator recallDenominator = RecallDenominator.RelevantCount)
    {
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(mapNormalizer) || !Enum.IsDefined(recallDenominator))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Unknown metric kind or option.");
        }

        if (HasCutoff(kind) ? cutoff <= 0 : cutoff != 0)
        {
            throw new ArgumentException(
                HasCutoff(kind) ? $"{kind} needs a positive cutoff, got {cutoff}." : $"{kind} takes no cutoff, got {cutoff}.",
                nameof(cutoff));
        }

        if (mapNormalizer != MapNormalizer.RelevantCount && kind != MetricKind.Map)
        {
            throw new ArgumentException($"A MAP normalizer does not apply to {kind}.", nameof(mapNormalizer));
        }

        if (recallDenominator != RecallDenominator.RelevantCount && kind != MetricKind.Recall)
        {
            throw new ArgumentException($"A recall denominator does not apply to {kind}.", nameof(recallDenominator));
        }

        Kind = kind;
        Cutoff = cutoff;
        MapNormalizer = mapNormalizer;
        RecallDenominator = recallDenominator;
    }

    /// <summary>The metric.</summary>
    public MetricKind Kind { get; }

    /// <summary>k for the top-k metrics; 0 for AUC, RMSE and MAE.</summary>
    public int Cutoff { get; }

    /// <summary>What MAP divides by (meaningful for <see cref="MetricKind.Map"/> only).</summary>
    public MapNormalizer MapNormalizer { get; }

    /// <summary>What recall divides by (meaningful for <see cref="MetricKind.Recall"/> only).</summary>
    public RecallDenominator RecallDenominator { get; }

    /// <summary>Whether the metric scores a ranking (<see cref="Compute(UserRanking)"/>).</summary>
    public bool IsRankingMetric => Kind is not (MetricKind.Rmse or MetricKind.Mae);

    /// <summary>Whether the metric scores rating predictions (<see cref="Compute(ReadOnlySpan{float}, ReadOnlySpan{float})"/>).</summary>
    public bool IsRatingMetric => !IsRankingMetric;

    /// <summary>Whether larger values are better (false for the error metrics RMSE and MAE).</summary>
    public bool HigherIsBetter => IsRankingMetric;

    /// <summary>Reads a metric name such as "ndcg@10", "MAP@10:min" or "rmse", ignoring case.</summary>
    /// <exception cref="FormatException">The text names no known metric, or the cutoff is missing or invalid.</exception>
    public static MetricSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MetricSpec? spec) => TryParse(text, out spec, out _);

    /// <summary>Scores one user's ranking; the value may be NaN where the metric is undefined for that user.</summary>
    /// <exception cref="InvalidOperationException">The spec names a rating metric.</exception>
    public double Compute(UserRanking ranking) => Kind switch
    {
        MetricKind.Precision => RankingMetrics.Precision(ranking, Cutoff),
        MetricKind.Recall => RankingMetrics.Recall(ranking, Cutoff, RecallDenominator),
        MetricKind.Ndcg => RankingMetrics.Ndcg(ranking, Cutoff),
        MetricKind.Map => RankingMetrics.AveragePrecision(ranking, Cutoff, MapNormalizer),
        MetricKind.Mrr => RankingMetrics.ReciprocalRank(ranking, Cutoff),
        MetricKind.HitRate => RankingMetrics.HitRate(ranking, Cutoff),
        MetricKind.Auc => RankingMetrics.Auc(ranking),
        _ => throw new InvalidOperationException($"{this} scores rating predictions, not a ranking."),
    };

    /// <summary>Scores rating predictions against the actual ratings.</summary>
    /// <exception cref="InvalidOperationException">The spec names a ranking metric.</exception>
    public double Compute(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual) => Kind switch
    {
        MetricKind.Rmse => RatingMetrics.Rmse(predicted, actual),
        MetricKind.Mae => RatingMetrics.Mae(predicted, actual),
        _ => throw new InvalidOperationException($"{this} scores a ranking, not rating predictions."),
    };

    /// <summary>The canonical name: "NDCG@10", "MAP@10:min", "AUC".</summary>
    public override string ToString()
    {
        var name = Kind switch
        {
            MetricKind.Precision => "Precision",
            MetricKind.Recall => "Recall",
            MetricKind.Ndcg => "NDCG",
            MetricKind.Map => "MAP",
            MetricKind.Mrr => "MRR",
            MetricKind.HitRate => "HitRate",
            MetricKind.Auc => "AUC",
            MetricKind.Rmse => "RMSE",
            _ => "MAE",
        };
        if (!HasCutoff(Kind))
        {
            return name;
        }

        var suffix = MapNormalizer == MapNormalizer.MinOfKAndRelevant || RecallDenominator == RecallDenominator.MinOfKAndRelevant ? MinSuffix : "";
        return string.Create(CultureInfo.InvariantCulture, $"{name}@{Cutoff}{suffix}");
    }

    private static bool HasCutoff(MetricKind kind) => kind is not (MetricKind.Auc or MetricKind.Rmse or MetricKind.Mae);

    private static bool TryParse(string? text, [NotNullWhen(true)] out MetricSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var trimmed = text?.Trim() ?? "";
        var min = trimmed.EndsWith(MinSuffix, StringComparison.OrdinalIgnoreCase);
        var body = min ? trimmed[..^MinSuffix.Length] : trimmed;
        var at = body.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? body : body[..at];
        MetricKind? kind = name.ToUpperInvariant() switch
        {
            "PRECISION" or "P" => MetricKind.Precision,
            "RECALL" => MetricKind.Recall,
            "NDCG" => MetricKind.Ndcg,
            "MAP" => MetricKind.Map,
            "MRR" => MetricKind.Mrr,
            "HITRATE" or "HR" => MetricKind.HitRate,
            "AUC" => MetricKind.Auc,
            "RMSE" => MetricKind.Rmse,
            "MAE" => MetricKind.Mae,
            _ => null,
        };
        if (kind is not { } k)
        {
            error = $"Unknown metric '{text}'. Known metrics: {Grammar}.";
            return false;
        }

        var cutoff = 0;
        if (HasCutoff(k))
        {
            if (at < 0 || !int.TryParse(body.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out cutoff) || cutoff <= 0)
            {
                error = $"Metric '{text}' needs a positive whole cutoff, as in {name.ToUpperInvariant()}@10.";
                return false;
            }
        }
        else if (at >= 0)
        {
            error = $"Metric '{text}' takes no cutoff; write {name.ToUpperInvariant()}.";
            return false;
        }

        if (min && k is not (MetricKind.Map or MetricKind.Recall))
        {
            error = $"Metric '{text}': the {MinSuffix} suffix applies to MAP and Recall only.";
            return false;
        }

        spec = new MetricSpec(
            k,
            cutoff,
            min && k == MetricKind.Map ? MapNormalizer.MinOfKAndRelevant : MapNormalizer.RelevantCount,
            min && k == MetricKind.Recall ? RecallDenominator.MinOfKAndRelevant : RecallDenominator.RelevantCount);
        error = null;
        return true;
    }
}
