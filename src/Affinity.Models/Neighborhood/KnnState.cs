using Affinity.Core.Persistence;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// What a fitted neighbourhood model holds, whichever side its rows are: the mode it runs in, the
/// top-k similarity matrix, the per-row scale of ranking-mode normalisation, and, in rating mode,
/// the baseline. Saved and loaded as one.
/// </summary>
internal sealed class KnnState
{
    public KnnState(KnnSettings settings, SimilarityMatrix similarities, KnnBaseline? baseline)
    {
        Settings = settings;
        Similarities = similarities;
        Baseline = baseline;
        RowScales = new float[similarities.RowCount];
        for (var r = 0; r < RowScales.Length; r++)
        {
            RowScales[r] = RowScale(similarities.Similarities(r), settings.Normalization);
        }
    }

    /// <summary>The resolved options of the fit.</summary>
    public KnnSettings Settings { get; }

    public KnnMode Mode => Settings.Mode;

    public SimilarityMatrix Similarities { get; }

    /// <summary>The baseline; present exactly in rating mode.</summary>
    public KnnBaseline? Baseline { get; }

    /// <summary>What each row's similarities are multiplied by when scores add them up (ranking mode).</summary>
    public float[] RowScales { get; }

    /// <summary>The factor a row's similarities get: 1, or one over their sum for <see cref="KnnNormalization.RowSum"/>.</summary>
    public static float RowScale(ReadOnlySpan<float> similarities, KnnNormalization normalization)
    {
        if (normalization == KnnNormalization.None)
        {
            return 1f;
        }

        var sum = 0.0;
        foreach (var s in similarities)
        {
            sum += s;
        }

        return sum > 0 ? (float)(1 / sum) : 1f;
    }

    public void Save(ModelWriter writer)
    {
        writer.Write("knn.mode", [(int)Mode]);
        Similarities.Save(writer, "knn.similarities");
        Baseline?.Save(writer);
    }

    /// <summary>Reads a state written by <see cref="Save"/>; the options come from the file's options record, resolved for the saved mode.</summary>
    public static KnnState Load(ModelReader reader, KnnOptions options, int rowCount, int userCount, int itemCount)
    {
        var mode = reader.ReadInt32s("knn.mode");
        if (mode.Length != 1 || mode[0] is not ((int)KnnMode.Rating or (int)KnnMode.Ranking))
        {
            throw reader.Invalid("knn.mode", "expected one value, Rating or Ranking.");
        }

        var fitted = (KnnMode)mode[0];
        var similarities = SimilarityMatrix.Load(reader, "knn.similarities", rowCount);
        var baseline = fitted == KnnMode.Rating ? KnnBaseline.Load(reader, userCount, itemCount) : null;
        KnnSettings settings;
        try
        {
            settings = options.Settle(fitted);
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid("knn.mode", e.Message);
        }

        return new KnnState(settings, similarities, baseline);
    }
}
