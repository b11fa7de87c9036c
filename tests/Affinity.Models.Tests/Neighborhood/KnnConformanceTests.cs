using Affinity.Core.Recommending;
using Affinity.Models.Neighborhood;
using Affinity.Models.Tests.Conformance;

namespace Affinity.Models.Tests.Neighborhood;

/// <summary>Item-kNN with its defaults: rating mode on the (explicit) conformance data, ranking mode on the (implicit) checkerboard.</summary>
public sealed class ItemKnnConformanceTests : RecommenderConformanceTests
{
    protected override bool LearnsCollaborativeStructure => true;

    protected override IRecommender CreateModel() => new ItemKnn();
}

/// <summary>Item-kNN in ranking mode on every fixture.</summary>
public sealed class ItemKnnRankingConformanceTests : RecommenderConformanceTests
{
    protected override bool LearnsCollaborativeStructure => true;

    protected override IRecommender CreateModel() => new ItemKnn(new ItemKnnOptions { Mode = KnnMode.Ranking });
}

/// <summary>User-kNN with its defaults.</summary>
public sealed class UserKnnConformanceTests : RecommenderConformanceTests
{
    protected override bool LearnsCollaborativeStructure => true;

    protected override IRecommender CreateModel() => new UserKnn();
}

/// <summary>User-kNN in ranking mode on every fixture.</summary>
public sealed class UserKnnRankingConformanceTests : RecommenderConformanceTests
{
    protected override bool LearnsCollaborativeStructure => true;

    protected override IRecommender CreateModel() => new UserKnn(new UserKnnOptions { Mode = KnnMode.Ranking });
}
