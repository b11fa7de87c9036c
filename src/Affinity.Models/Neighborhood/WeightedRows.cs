using Affinity.Core.Data;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// The rows whose similarities a neighbourhood model computes (items x users for item-kNN, users x
/// items for user-kNN), with every value already turned into the weight its measure multiplies
/// (a residual, a BM25 or TF-IDF weight, a 1), a column index for finding the rows that share a
/// column, and the per-row norms. Weighting a row that was not in training (a fold-in history) goes
/// through the same code, so a training row weighted again gives identical numbers.
/// </summary>
/// <remarks>
/// Weighting, by measure. Rating measures: x - b (on residuals) or x, then, for the adjusted cosine,
/// minus the column's mean of those values. Ranking cosine: x (or 1). Jaccard: 1. TF-IDF (implicit's
/// <c>tfidf_weight</c>): sqrt(x) idf_c with idf_c = ln(R) - ln(1 + n_c), R the number of rows (empty ones
/// included, as the shape of implicit's matrix) and n_c the entries of column c. BM25 (implicit's
/// <c>bm25_weight</c>): x (K1 + 1) / (K1 ((1 - B) + B len / avglen) + x) idf_c, len the row's sum of
/// values and avglen the mean of that over all R rows.
/// </remarks>
internal sealed class WeightedRows
{
    private readonly KnnSettings _settings;
    private readonly Residuals? _residuals;
    private readonly int[] _rowPointers;
    private readonly int[] _rowColumns;
    private readonly float[] _rowWeights;
    private readonly double[] _rowStats;
    private readonly double[] _targetFactors;
    private readonly int[] _columnPointers;
    private readonly int[] _columnRows;
    private readonly float[] _columnWeights;
    private readonly double[] _idf;
    private readonly double[] _columnMeans;
    private readonly double _averageLength;

    private WeightedRows(CsrMatrix rows, KnnSettings settings, Residuals? residuals)
    {
        _settings = settings;
        _residuals = residuals;
        RowCount = rows.RowCount;
        ColumnCount = rows.ColumnCount;
        _rowPointers = rows.RowPointers.ToArray();
        _rowColumns = rows.Columns.ToArray();
        var values = rows.Values;
        var columnCounts = new int[ColumnCount];
        foreach (var c in _rowColumns)
        {
            columnCounts[c]++;
        }

        _idf = NeedsIdf(settings.Similarity) ? InverseDocumentFrequencies(columnCounts, RowCount) : [];
        _averageLength = settings.Similarity == KnnSimilarity.Bm25 ? AverageLength(values, RowCount, settings.Binarize) : 0;
        _columnMeans = settings.CoRated && settings.Similarity == KnnSimilarity.AdjustedCosine ? ColumnMeans(columnCounts, values) : [];
        _rowWeights = new float[_rowColumns.Length];
        _rowStats = new double[RowCount];
        _targetFactors = new double[RowCount];
        for (var r = 0; r < RowCount; r++)
        {
            var span = new Range(_rowPointers[r], _rowPointers[r + 1]);
            _rowStats[r] = Weigh(_rowColumns.AsSpan(span), values[span], RowBias(r), _rowWeights.AsSpan(span));
            _targetFactors[r] = TargetFactor(_rowStats[r]);
        }

        (_columnPointers, _columnRows, _columnWeights) = Transpose(columnCounts);
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Weighs every row of <paramref name="rows"/> (its values are the raw training values).</summary>
    public static WeightedRows Create(CsrMatrix rows, KnnSettings settings, Residuals? residuals)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new WeightedRows(rows, settings, residuals);
    }

    /// <summary>The columns of a training row.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => _rowColumns.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>The weights of a training row, aligned with <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<float> RowWeights(int row) => _rowWeights.AsSpan(_rowPointers[row], _rowPointers[row + 1] - _rowPointers[row]);

    /// <summary>The norm statistic of a training row (sum of squared weights, or the count for Jaccard).</summary>
    public double RowStat(int row) => _rowStats[row];

    /// <summary>
    /// Writes the weights of a row given its columns and raw values, and returns its norm statistic.
    /// <paramref name="rowBias"/> is the row's baseline bias when the measure works on residuals.
    /// </summary>
    public double Weigh(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, double rowBias, Span<float> weights)
    {
        var similarity = _settings.Similarity;
        if (_settings.CoRated)
        {
            for (var k = 0; k < columns.Length; k++)
            {
                var c = columns[k];
                double v = values[k];
                if (_residuals is not null)
                {
                    v -= _residuals.Mean + rowBias + _residuals.ColumnBiases[c];
                }

                if (similarity == KnnSimilarity.AdjustedCosine)
                {
                    v -= _columnMeans[c];
                }

                weights[k] = (float)v;
            }

            return 0;
        }

        var binary = _settings.Binarize || similarity == KnnSimilarity.Jaccard;
        var lengthNorm = similarity == KnnSimilarity.Bm25 ? Bm25LengthNorm(values, binary) : 0;
        var squares = 0.0;
        for (var k = 0; k < columns.Length; k++)
        {
            double x = binary ? 1f : values[k];
            var w = similarity switch
            {
                KnnSimilarity.TfIdf => Math.Sqrt(x) * _idf[columns[k]],
                KnnSimilarity.Bm25 => x * (_settings.K1 + 1) / (lengthNorm + x) * _idf[columns[k]],
                _ => x,
            };
            weights[k] = (float)w;
            squares += (double)weights[k] * weights[k];
        }

        return similarity == KnnSimilarity.Jaccard ? columns.Length : squares;
    }

    /// <summary>
    /// Offers to <paramref name="scratch"/>'s heap every row that shares a column with the query row,
    /// with its similarity (after min support and shrinkage; only finite values above zero), except
    /// the row <paramref name="self"/> (-1 for none).
    /// </summary>
    public void Search(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, double stat, int self, PairScratch scratch)
    {
        var touched = _settings.CoRated ? AccumulateCoRated(columns, weights, self, scratch) : AccumulateDots(columns, weights, self, scratch);
        var sourceFactor = SourceFactor(stat);
        var counts = scratch.Counts;
        for (var t = 0; t < touched; t++)
        {
            var b = scratch.Touched[t];
            var n = counts[b];
            var similarity = Measure(scratch, b, n, stat, sourceFactor);
            Reset(scratch, b);
            if (n < _settings.MinSupport)
            {
                continue;
            }

            if (_settings.Shrinkage > 0)
            {
                similarity *= n / (n + _settings.Shrinkage);
            }

            var value = (float)similarity;
            if (value > 0 && float.IsFinite(value))
            {
                scratch.Heap.Offer(b, value);
            }
        }
    }

    private static bool NeedsIdf(KnnSimilarity similarity) => similarity is KnnSimilarity.TfIdf or KnnSimilarity.Bm25;

    private static double[] InverseDocumentFrequencies(int[] columnCounts, int rowCount)
    {
        var idf = new double[columnCounts.Length];
        var logRows = Math.Log(rowCount);
        for (var c = 0; c < idf.Length; c++)
        {
            idf[c] = logRows - Math.Log(1.0 + columnCounts[c]);
        }

        return idf;
    }

    private static double AverageLength(ReadOnlySpan<float> values, int rowCount, bool binary)
    {
        var total = 0.0;
        foreach (var v in values)
        {
            total += binary ? 1 : v;
        }

        return rowCount == 0 ? 0 : total / rowCount;
    }

    private double Bm25LengthNorm(ReadOnlySpan<float> values, bool binary)
    {
        var length = 0.0;
        foreach (var v in values)
        {
            length += binary ? 1 : v;
        }

        var relative = _averageLength > 0 ? length / _averageLength : 1;
        return _settings.K1 * ((1 - _settings.B) + (_settings.B * relative));
    }

    private double RowBias(int row) => _residuals is null ? 0 : _residuals.RowBiases[row];

    private double[] ColumnMeans(int[] columnCounts, ReadOnlySpan<float> values)
    {
        var sums = new double[ColumnCount];
        for (var r = 0; r < RowCount; r++)
        {
            var bias = _residuals is null ? 0 : _residuals.Mean + _residuals.RowBiases[r];
            for (var e = _rowPointers[r]; e < _rowPointers[r + 1]; e++)
            {
                var c = _rowColumns[e];
                sums[c] += values[e] - (_residuals is null ? 0 : bias + _residuals.ColumnBiases[c]);
            }
        }

        for (var c = 0; c < sums.Length; c++)
        {
            sums[c] = columnCounts[c] == 0 ? 0 : sums[c] / columnCounts[c];
        }

        return sums;
    }

    private double SourceFactor(double stat) => _settings.Similarity switch
    {
        KnnSimilarity.Cosine when !_settings.CoRated => _settings.Alpha == 0.5 ? Math.Sqrt(stat) : Math.Pow(stat, _settings.Alpha),
        KnnSimilarity.TfIdf => Math.Sqrt(stat),
        _ => 1,
    };

    private double TargetFactor(double stat) => _settings.Similarity switch
    {
        KnnSimilarity.Cosine when !_settings.CoRated => _settings.Alpha == 0.5 ? Math.Sqrt(stat) : Math.Pow(stat, 1 - _settings.Alpha),
        KnnSimilarity.TfIdf => Math.Sqrt(stat),
        _ => 1,
    };

    private double Measure(PairScratch s, int b, int n, double sourceStat, double sourceFactor)
    {
        var dot = s.Dots[b];
        switch (_settings.Similarity)
        {
            case KnnSimilarity.Cosine when _settings.CoRated:
            case KnnSimilarity.AdjustedCosine:
                var squares = s.SourceSquares[b] * s.TargetSquares[b];
                return squares > 0 ? dot / Math.Sqrt(squares) : 0;
            case KnnSimilarity.Pearson:
                var numerator = (n * dot) - (s.SourceSums[b] * s.TargetSums[b]);
                var spread = ((n * s.SourceSquares[b]) - (s.SourceSums[b] * s.SourceSums[b])) * ((n * s.TargetSquares[b]) - (s.TargetSums[b] * s.TargetSums[b]));
                return spread > 0 ? numerator / Math.Sqrt(spread) : 0;
            case KnnSimilarity.Msd:
                var squaredDifference = Math.Max(0, s.SourceSquares[b] + s.TargetSquares[b] - (2 * dot));
                return 1 / ((squaredDifference / n) + 1);
            case KnnSimilarity.Jaccard:
                return n / (sourceStat + _rowStats[b] - n);
            case KnnSimilarity.Bm25:
                return dot;
            default:
                var norm = sourceFactor * _targetFactors[b];
                return norm > 0 ? dot / norm : 0;
        }
    }

    private int AccumulateDots(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, int self, PairScratch s)
    {
        var counts = s.Counts;
        var dots = s.Dots;
        var touched = s.Touched;
        var m = 0;
        for (var k = 0; k < columns.Length; k++)
        {
            var c = columns[k];
            double a = weights[k];
            for (var e = _columnPointers[c]; e < _columnPointers[c + 1]; e++)
            {
                var b = _columnRows[e];
                if (b == self)
                {
                    continue;
                }

                if (counts[b]++ == 0)
                {
                    touched[m++] = b;
                }

                dots[b] += a * _columnWeights[e];
            }
        }

        return m;
    }

    private int AccumulateCoRated(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, int self, PairScratch s)
    {
        var counts = s.Counts;
        var touched = s.Touched;
        var m = 0;
        for (var k = 0; k < columns.Length; k++)
        {
            var c = columns[k];
            double a = weights[k];
            for (var e = _columnPointers[c]; e < _columnPointers[c + 1]; e++)
            {
                var b = _columnRows[e];
                if (b == self)
                {
                    continue;
                }

                if (counts[b]++ == 0)
                {
                    touched[m++] = b;
                }

                double w = _columnWeights[e];
                s.Dots[b] += a * w;
                s.SourceSquares[b] += a * a;
                s.TargetSquares[b] += w * w;
                s.SourceSums[b] += a;
                s.TargetSums[b] += w;
            }
        }

        return m;
    }

    private void Reset(PairScratch s, int b)
    {
        s.Counts[b] = 0;
        s.Dots[b] = 0;
        if (_settings.CoRated)
        {
            s.SourceSquares[b] = 0;
            s.TargetSquares[b] = 0;
            s.SourceSums[b] = 0;
            s.TargetSums[b] = 0;
        }
    }

    private (int[] Pointers, int[] Rows, float[] Weights) Transpose(int[] columnCounts)
    {
        var pointers = new int[ColumnCount + 1];
        for (var c = 0; c < ColumnCount; c++)
        {
            pointers[c + 1] = pointers[c] + columnCounts[c];
        }

        var next = pointers[..^1];
        var rows = new int[_rowColumns.Length];
        var weights = new float[_rowColumns.Length];
        for (var r = 0; r < RowCount; r++)
        {
            for (var e = _rowPointers[r]; e < _rowPointers[r + 1]; e++)
            {
                var position = next[_rowColumns[e]]++;
                rows[position] = r;
                weights[position] = _rowWeights[e];
            }
        }

        return (pointers, rows, weights);
    }
}
