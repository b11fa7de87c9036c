using Affinity.Core.Data;

namespace Affinity.Models.Content;

/// <summary>
/// The profiles of <see cref="ContentBased"/>: p_u = Σ_h w_uh · v_h over a history, with
/// w_uh = max(r_uh − r̄_u, floor) for explicit ratings and the value for implicit feedback.
/// </summary>
internal static class ProfileBuilder
{
    /// <summary>Every training user's profile, users × features.</summary>
    public static CsrMatrix Build(Dataset train, CsrMatrix vectors, double floor, CancellationToken cancellation)
    {
        var byUser = train.ByUser;
        var profile = new float[vectors.ColumnCount];
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        for (var u = 0; u < byUser.RowCount; u++)
        {
            if (u % 1024 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            Array.Clear(profile);
            Accumulate(vectors, byUser.RowColumns(u), byUser.RowValues(u), train.Kind, floor, profile);
            for (var f = 0; f < profile.Length; f++)
            {
                if (profile[f] != 0)
                {
                    rows.Add(u);
                    columns.Add(f);
                    values.Add(profile[f]);
                }
            }
        }

        return CsrMatrix.FromCoordinates(byUser.RowCount, vectors.ColumnCount, rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    /// <summary>Adds the history's weighted item vectors to <paramref name="profile"/>; returns the profile's norm.</summary>
    public static float Accumulate(CsrMatrix vectors, ReadOnlySpan<int> items, ReadOnlySpan<float> values, FeedbackKind kind, double floor, Span<float> profile)
    {
        var mean = 0.0;
        if (kind == FeedbackKind.Explicit && !values.IsEmpty)
        {
            foreach (var v in values)
            {
                mean += v;
            }

            mean /= values.Length;
        }

        for (var h = 0; h < items.Length; h++)
        {
            var item = items[h];
            if ((uint)item >= (uint)vectors.RowCount)
            {
                continue;
            }

            var weight = kind == FeedbackKind.Explicit ? (float)Math.Max(values[h] - mean, floor) : values[h];
            if (weight <= 0)
            {
                continue;
            }

            var features = vectors.RowColumns(item);
            var entries = vectors.RowValues(item);
            for (var k = 0; k < features.Length; k++)
            {
                profile[features[k]] += weight * entries[k];
            }
        }

        var sum = 0.0;
        foreach (var p in profile)
        {
            sum += (double)p * p;
        }

        return (float)Math.Sqrt(sum);
    }
}
