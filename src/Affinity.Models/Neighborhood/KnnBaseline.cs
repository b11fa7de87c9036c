using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;
using Affinity.Models.Baselines;

namespace Affinity.Models.Neighborhood;

/// <summary>
/// The baseline b_ui = mu + b_u + b_i of rating-mode neighbourhood models, fitted by
/// <see cref="BiasBaseline"/>, as Surprise's <c>KNNBaseline</c> fits <c>BaselineOnly</c>'s biases first.
/// Unknown users and items contribute no bias.
/// </summary>
internal sealed class KnnBaseline
{
    private KnnBaseline(RatingScale scale, double[] userBiases, double[] itemBiases)
    {
        Scale = scale;
        UserBiases = userBiases;
        ItemBiases = itemBiases;
    }

    public RatingScale Scale { get; }

    public double Mean => Scale.Mean;

    public double[] UserBiases { get; }

    public double[] ItemBiases { get; }

    public static KnnBaseline Fit(Dataset train, BiasBaselineOptions options, FitContext context)
    {
        var model = new BiasBaseline(options);
        model.Fit(train, context);
        return new KnnBaseline(RatingScale.Of(train, model.Name), model.UserBiases.ToArray(), model.ItemBiases.ToArray());
    }

    public double UserBias(int user) => (uint)user < (uint)UserBiases.Length ? UserBiases[user] : 0;

    public double ItemBias(int item) => (uint)item < (uint)ItemBiases.Length ? ItemBiases[item] : 0;

    /// <summary>
    /// The bias of a user known only by a history: the last step of an ALS epoch,
    /// b_u = sum(r - mu - b_i) / (reg_u + n), which gives a training user's own history exactly its
    /// fitted bias when the baseline was fitted by ALS.
    /// </summary>
    public double FoldInUserBias(ReadOnlySpan<int> items, ReadOnlySpan<float> values, double userReg)
    {
        if (items.IsEmpty)
        {
            return 0;
        }

        var deviation = 0.0;
        for (var k = 0; k < items.Length; k++)
        {
            deviation += values[k] - Mean - ItemBiases[items[k]];
        }

        return deviation / (userReg + items.Length);
    }

    public void Save(ModelWriter writer)
    {
        Scale.Save(writer);
        writer.Write("knn.userBiases", UserBiases);
        writer.Write("knn.itemBiases", ItemBiases);
    }

    public static KnnBaseline Load(ModelReader reader, int userCount, int itemCount)
    {
        var userBiases = reader.ReadDoubles("knn.userBiases");
        var itemBiases = reader.ReadDoubles("knn.itemBiases");
        if (userBiases.Length != userCount || itemBiases.Length != itemCount)
        {
            throw reader.Invalid("knn.userBiases", $"{userBiases.Length} user and {itemBiases.Length} item biases for {userCount} users and {itemCount} items.");
        }

        return new KnnBaseline(RatingScale.Load(reader), userBiases, itemBiases);
    }
}
