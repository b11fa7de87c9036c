using Affinity.Core.Persistence;
using Affinity.Models.Factorization;

namespace Affinity.Models.Tests.Factorization;

public sealed class FactorMatrixTests
{
    [Fact]
    public void DotAll_matches_a_scalar_dot_per_row()
    {
        var matrix = FactorMatrix.Normal(37, 13, 1.0, new Random(3));
        var vector = Enumerable.Range(0, 13).Select(i => (float)Math.Sin(i)).ToArray();
        var scores = new float[37];

        matrix.DotAll(vector, scores);

        for (var r = 0; r < 37; r++)
        {
            var expected = 0.0;
            for (var f = 0; f < 13; f++)
            {
                expected += vector[f] * matrix.Row(r)[f];
            }

            Assert.Equal(expected, scores[r], 4);
        }
    }

    [Fact]
    public void Normal_is_seeded_and_has_the_requested_spread()
    {
        var a = FactorMatrix.Normal(200, 50, 0.1, new Random(9));
        var b = FactorMatrix.Normal(200, 50, 0.1, new Random(9));

        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        var values = a.Values.ToArray();
        var std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.InRange(std, 0.095, 0.105);
    }

    [Fact]
    public void Save_and_load_round_trip_and_check_the_row_count()
    {
        var matrix = FactorMatrix.Normal(4, 3, 1.0, new Random(1));
        using var stream = new MemoryStream();
        ModelFile.Write(stream, "test", "{}", w => matrix.Save(w, "items"));
        stream.Position = 0;
        var reader = ModelFile.Read(stream, "f.model");

        Assert.Equal(matrix.Values.ToArray(), FactorMatrix.Load(reader, "items", 4).Values.ToArray());
        Assert.Throws<InvalidDataException>(() => FactorMatrix.Load(reader, "items", 5));
    }
}
