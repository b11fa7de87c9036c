using Affinity.Core.Data;
using Affinity.Core.Persistence;
using Affinity.Core.Recommending;

namespace Affinity.Evaluation.Tests.Running;

/// <summary>A model that scores item i as -i for every user (item 0 best), so rankings are known in advance.</summary>
internal sealed class FixedOrderRecommender : ScoringRecommender
{
    public override string Name => "fixed-order";

    public override bool CanScore(int user) => true;

    public override void ScoreItems(int user, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = -i;
        }
    }

    protected override object OptionsRecord => new();

    protected override void FitCore(Dataset train, FitContext context)
    {
    }

    protected override void SaveModel(ModelWriter writer)
    {
    }

    protected override void LoadModel(ModelReader reader, int userCount, int itemCount)
    {
    }
}
