namespace Affinity.Models.Factorization.Rating;

/// <summary>
/// The kept samples of a <see cref="BayesianMf"/> chain, laid out as the model stores them: sample s
/// fills block s of every user row with (p + z) / S and of every item row with q + w, so one dot
/// product gives the sample mean of the factor term; the biases are summed. Fold-in also needs,
/// per sample, the item biases, the user prior, α and (with SVD++'s implicit term) the y_j.
/// </summary>
internal sealed class BayesianSamples(int userCount, int itemCount, int factors, int sampleCount, bool userImplicit)
{
    private readonly double[] _userBiases = new double[userCount];
    private readonly double[] _itemBiases = new double[itemCount];
    private int _kept;

    public FactorMatrix Users { get; } = new(userCount, factors * sampleCount);

    public FactorMatrix Items { get; } = new(itemCount, factors * sampleCount);

    /// <summary>The y_j of every sample (block s of row j), when the chain has them.</summary>
    public FactorMatrix? ImplicitFactors { get; } = userImplicit ? new(itemCount, factors * sampleCount) : null;

    public float[] ItemBiasBySample { get; } = new float[sampleCount * itemCount];

    public double[] UserPriorMeans { get; } = new double[sampleCount * (factors + 1)];

    public double[] UserPriorPrecisions { get; } = new double[sampleCount * (factors + 1) * (factors + 1)];

    public double[] NoisePrecisions { get; } = new double[sampleCount];

    public void Keep(BayesianChain chain, RowPrior userPrior, double alpha)
    {
        var k = factors + 1;
        var s = _kept++;
        var users = chain.UserEffective;
        var items = chain.ItemEffective;
        for (var u = 0; u < userCount; u++)
        {
            var target = Users.Row(u).Slice(s * factors, factors);
            for (var f = 0; f < factors; f++)
            {
                target[f] = (float)(users[(u * k) + f] / sampleCount);
            }

            _userBiases[u] += users[(u * k) + factors];
        }

        for (var i = 0; i < itemCount; i++)
        {
            var target = Items.Row(i).Slice(s * factors, factors);
            for (var f = 0; f < factors; f++)
            {
                target[f] = (float)items[(i * k) + f];
            }

            _itemBiases[i] += items[(i * k) + factors];
            ItemBiasBySample[(s * itemCount) + i] = (float)items[(i * k) + factors];
            if (ImplicitFactors is not null)
            {
                var y = ImplicitFactors.Row(i).Slice(s * factors, factors);
                for (var f = 0; f < factors; f++)
                {
                    y[f] = (float)chain.UserImplicit![(i * factors) + f];
                }
            }
        }

        userPrior.Mean.CopyTo(UserPriorMeans, s * k);
        userPrior.Precision.CopyTo(UserPriorPrecisions, s * k * k);
        NoisePrecisions[s] = alpha;
    }

    /// <summary>Zeroes what fold-in would read for items without training ratings, as their stored rows are.</summary>
    public void ForgetItems(int[] itemCounts)
    {
        for (var i = 0; i < itemCounts.Length; i++)
        {
            if (itemCounts[i] == 0)
            {
                for (var s = 0; s < sampleCount; s++)
                {
                    ItemBiasBySample[(s * itemCount) + i] = 0;
                }

                ImplicitFactors?.Row(i).Clear();
            }
        }
    }

    public float[] MeanUserBiases() => Array.ConvertAll(_userBiases, b => (float)(b / sampleCount));

    public float[] MeanItemBiases() => Array.ConvertAll(_itemBiases, b => (float)(b / sampleCount));
}
