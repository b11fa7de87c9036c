using Affinity.Core.Data;
using Affinity.Evaluation.Metrics;

namespace Affinity.Evaluation.Tests.Metrics;

public sealed class ItemCosineSimilarityTests
{
    // Items x users: item 0 <- users 0, 1, 2 (values 1, 2, 3); item 1 <- users 1, 2, 3 (values 1, 1, 2);
    // item 2 <- user 4; item 3 <- nobody.
    private static CsrMatrix Small() => CsrMatrix.FromCoordinates(
        4, 5, [0, 0, 0, 1, 1, 1, 2], [0, 1, 2, 1, 2, 3, 4], [1, 2, 3, 1, 1, 2, 1]);

    [Fact]
    public void Binary_similarity_is_co_occurrence_over_the_root_of_the_counts()
    {
        // Items 0 and 1 share users 1 and 2: 2 / sqrt(3 * 3) = 2/3.
        var similarity = new ItemCosineSimilarity(Small());
        Assert.Equal(2.0 / 3, similarity.Similarity(0, 1), 1e-12);
        Assert.Equal(2.0 / 3, similarity.Similarity(1, 0), 1e-12);
        Assert.Equal(0.0, similarity.Similarity(0, 2));
        Assert.Equal(1.0, similarity.Similarity(0, 0));
        Assert.Equal(0.0, similarity.Similarity(3, 0));
        Assert.Equal(0.0, similarity.Similarity(3, 3));
    }

    [Fact]
    public void Valued_similarity_is_the_cosine_of_the_value_vectors()
    {
        // Dot = 2*1 (user 1) + 3*1 (user 2) = 5; norms sqrt(1 + 4 + 9) = sqrt(14), sqrt(1 + 1 + 4) = sqrt(6); 5 / sqrt(84).
        var similarity = new ItemCosineSimilarity(Small(), useValues: true);
        Assert.Equal(5 / Math.Sqrt(84), similarity.Similarity(0, 1), 1e-12);
    }

    [Fact]
    public void Repeated_entries_count_once_in_binary_form_and_sum_in_valued_form()
    {
        // Item 0 <- user 1 twice (1 and 2), user 2; item 1 <- users 1 and 3.
        var matrix = CsrMatrix.FromCoordinates(2, 4, [0, 0, 0, 1, 1], [1, 1, 2, 1, 3], [1, 2, 1, 1, 1]);

        // Binary: {1, 2} and {1, 3} share one user: 1 / sqrt(2 * 2) = 0.5.
        Assert.Equal(0.5, new ItemCosineSimilarity(matrix).Similarity(0, 1), 1e-12);

        // Valued: item 0 = (user 1: 3, user 2: 1), item 1 = (1: 1, 3: 1); 3 / (sqrt(10) sqrt(2)).
        Assert.Equal(3 / Math.Sqrt(20), new ItemCosineSimilarity(matrix, useValues: true).Similarity(0, 1), 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_and_search_paths_agree_with_a_dense_reference(bool useValues)
    {
        // Skewed rows (1 to 300 users among 400, some repeated) so both intersection paths run.
        const int items = 30;
        const int users = 400;
        var random = new Random(7);
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        var dense = new double[items, users];
        for (var i = 0; i < items; i++)
        {
            var length = i % 3 == 0 ? 300 : 1 + random.Next(6);
            for (var e = 0; e < length; e++)
            {
                var user = random.Next(users);
                var value = 1 + random.Next(4);
                rows.Add(i);
                columns.Add(user);
                values.Add(value);
                dense[i, user] = useValues ? dense[i, user] + value : 1;
            }
        }

        var similarity = new ItemCosineSimilarity(CsrMatrix.FromCoordinates(items, users, [.. rows], [.. columns], [.. values]), useValues);
        for (var a = 0; a < items; a++)
        {
            for (var b = 0; b < items; b++)
            {
                double dot = 0, na = 0, nb = 0;
                for (var u = 0; u < users; u++)
                {
                    dot += dense[a, u] * dense[b, u];
                    na += dense[a, u] * dense[a, u];
                    nb += dense[b, u] * dense[b, u];
                }

                Assert.Equal(dot / Math.Sqrt(na * nb), similarity.Similarity(a, b), 1e-12);
            }
        }
    }

    [Fact]
    public void It_plugs_into_intra_list_diversity()
    {
        // One list [0, 1, 2]: binary similarities 2/3, 0, 0 -> distances 1/3, 1, 1 -> mean 7/9.
        var similarity = new ItemCosineSimilarity(Small());
        Assert.Equal(7.0 / 9, DiversityMetrics.IntraListDiversity([[0, 1, 2]], similarity.Similarity), 1e-12);
    }

    [Fact]
    public void Items_outside_the_matrix_are_rejected()
    {
        var similarity = new ItemCosineSimilarity(Small());
        Assert.Throws<ArgumentOutOfRangeException>(() => similarity.Similarity(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => similarity.Similarity(-1, 0));
    }
}
