using Affinity.Models.Factorization;

namespace Affinity.Models.Tests.Factorization;

public sealed class ImplicitLeastSquaresTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    [InlineData(17, 4)]
    [InlineData(64, 5)]
    public void Cholesky_matches_a_direct_solve_of_a_random_spd_system(int n, int seed)
    {
        var random = new Random(seed);
        var a = RandomSpd(n, random);
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = DirectSolve(a, b, n);

        var x = (double[])b.Clone();
        DenseCholesky.Solve((double[])a.Clone(), n, x);

        Assert.Equal(expected, x, (p, q) => Math.Abs(p - q) <= 1e-9 * (1 + Math.Abs(p)));
    }

    [Fact]
    public void Cholesky_solves_a_hand_computed_system()
    {
        // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; b = [2, 5] gives x = [-0.5, 2]
        // (4 · -0.5 + 2 · 2 = 2, 2 · -0.5 + 3 · 2 = 5). The upper triangle is never read: 99 stands in for 2.
        double[] a = [4, 99, 2, 3];
        double[] b = [2, 5];

        Assert.True(DenseCholesky.TryFactor(a, 2));
        Assert.Equal([2, 99, 1, Math.Sqrt(2)], a);
        DenseCholesky.SolveFactored(a, 2, b);
        Assert.Equal(-0.5, b[0], 12);
        Assert.Equal(2, b[1], 12);
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_is_refused()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and -1: the second pivot is 1 - 2² = -3.
        Assert.False(DenseCholesky.TryFactor(new double[] { 1, 2, 2, 1 }, 2));
        Assert.Throws<ArgumentException>(() => DenseCholesky.Solve(new double[] { 1, 2, 2, 1 }, 2, new double[2]));
        Assert.Throws<ArgumentException>(() => DenseCholesky.Solve(new double[3], 2, new double[2]));
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(8, 12)]
    [InlineData(16, 13)]
    public void Exact_and_conjugate_gradient_row_solves_agree_with_a_direct_solve(int factors, int seed)
    {
        var random = new Random(seed);
        var fixedFactors = FactorMatrix.Normal(40, factors, 0.5, random);
        int[] columns = [1, 4, 9, 22, 39];
        float[] weights = [3f, 0f, 0.5f, 7f, 1f];
        const double lambda = 0.3;
        var expected = ReferenceRowSolve(fixedFactors, columns, weights, lambda);
        var solver = new ImplicitLeastSquares(fixedFactors, lambda);

        var exact = new float[factors];
        solver.SolveExact(columns, weights, exact, solver.CreateWorkspace());

        // From zero, conjugate gradient reaches the solution of a k × k system in k steps in exact
        // arithmetic; twice as many absorb the float rounding.
        var cg = new float[factors];
        solver.SolveConjugateGradient(columns, weights, cg, 2 * factors, solver.CreateWorkspace());

        Assert.Equal(expected, exact.Select(v => (double)v), (p, q) => Math.Abs(p - q) <= 1e-5);
        Assert.Equal(expected, cg.Select(v => (double)v), (p, q) => Math.Abs(p - q) <= 1e-3);
    }

    [Fact]
    public void Each_conjugate_gradient_step_lowers_the_row_objective()
    {
        var random = new Random(5);
        var fixedFactors = FactorMatrix.Normal(30, 12, 0.5, random);
        int[] columns = [0, 3, 7, 8, 21];
        float[] weights = [4f, 1f, 2f, 0f, 9f];
        var solver = new ImplicitLeastSquares(fixedFactors, 0.1);
        var x = new float[12];
        var previous = solver.RowLoss(columns, weights, x);

        for (var step = 0; step < 6; step++)
        {
            solver.SolveConjugateGradient(columns, weights, x, 1, solver.CreateWorkspace());
            var loss = solver.RowLoss(columns, weights, x);
            Assert.True(loss < previous, $"step {step}: {loss} after {previous}");
            previous = loss;
        }
    }

    [Fact]
    public void The_row_loss_is_the_weighted_squared_error_over_every_column_plus_the_penalty()
    {
        // Y = [[1, 0], [0, 2], [1, 1]], λ = 0.5, x = [0.5, 0.25]; scores s = [0.5, 0.5, 0.75].
        // Column 0 positive with w = 3 (c = 4): 4 (1 - 0.5)² = 1; column 1 not positive: 0.5² = 0.25;
        // column 2 positive with w = 1 (c = 2): 2 (1 - 0.75)² = 0.125; penalty 0.5 (0.25 + 0.0625) = 0.15625.
        var y = new FactorMatrix(3, 2);
        float[] values = [1, 0, 0, 2, 1, 1];
        values.CopyTo(y.Values);
        var solver = new ImplicitLeastSquares(y, 0.5);

        Assert.Equal(1 + 0.25 + 0.125 + 0.15625, solver.RowLoss([0, 2], [3f, 1f], [0.5f, 0.25f]), 6);
    }

    [Fact]
    public void The_gram_matrix_does_not_depend_on_the_number_of_threads()
    {
        var factors = FactorMatrix.Normal(500, 24, 1.0, new Random(8));

        var one = new ImplicitLeastSquares(factors, 2.5, maxDegreeOfParallelism: 1).GramMatrix.ToArray();
        var many = new ImplicitLeastSquares(factors, 2.5, maxDegreeOfParallelism: 4).GramMatrix.ToArray();

        Assert.Equal(one, many);
        // G[0, 0] = Σ y[r, 0]² + λ.
        var expected = 2.5;
        for (var r = 0; r < 500; r++)
        {
            expected += (double)factors.Row(r)[0] * factors.Row(r)[0];
        }

        Assert.Equal(expected, one[0], 9);
    }

    [Fact]
    public void Shapes_and_arguments_are_checked()
    {
        var solver = new ImplicitLeastSquares(new FactorMatrix(3, 2), 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitLeastSquares(new FactorMatrix(3, 2), -1));
        Assert.Throws<ArgumentException>(() => solver.SolveExact([0], [], new float[2], solver.CreateWorkspace()));
        Assert.Throws<ArgumentException>(() => solver.SolveExact([0], [1f], new float[3], solver.CreateWorkspace()));
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.SolveConjugateGradient([0], [1f], new float[2], 0, solver.CreateWorkspace()));
    }

    /// <summary>(YᵀY + Σ w y yᵀ + λI) x = Σ (1 + w) y, formed explicitly and solved by Gaussian elimination.</summary>
    private static double[] ReferenceRowSolve(FactorMatrix y, int[] columns, float[] weights, double lambda)
    {
        var k = y.Factors;
        var a = new double[k * k];
        var b = new double[k];
        for (var r = 0; r < y.Rows; r++)
        {
            var index = Array.IndexOf(columns, r);
            var c = index < 0 ? 1.0 : 1.0 + weights[index];
            var p = index < 0 ? 0.0 : 1.0;
            var row = y.Row(r);
            for (var i = 0; i < k; i++)
            {
                b[i] += c * p * row[i];
                for (var j = 0; j < k; j++)
                {
                    a[(i * k) + j] += c * row[i] * row[j];
                }
            }
        }

        for (var i = 0; i < k; i++)
        {
            a[(i * k) + i] += lambda;
        }

        return DirectSolve(a, b, k);
    }

    private static double[] RandomSpd(int n, Random random)
    {
        // MᵀM + nI is symmetric positive definite.
        var m = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var r = 0; r < n; r++)
                {
                    a[(i * n) + j] += m[(r * n) + i] * m[(r * n) + j];
                }
            }

            a[(i * n) + i] += n;
        }

        return a;
    }

    /// <summary>Gaussian elimination with partial pivoting on copies.</summary>
    private static double[] DirectSolve(double[] matrix, double[] rhs, int n)
    {
        var a = (double[])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[(r * n) + col]) > Math.Abs(a[(pivot * n) + col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (a[(col * n) + c], a[(pivot * n) + c]) = (a[(pivot * n) + c], a[(col * n) + c]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var r = col + 1; r < n; r++)
            {
                var factor = a[(r * n) + col] / a[(col * n) + col];
                for (var c = col; c < n; c++)
                {
                    a[(r * n) + c] -= factor * a[(col * n) + c];
                }

                b[r] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= a[(r * n) + c] * x[c];
            }

            x[r] = sum / a[(r * n) + r];
        }

        return x;
    }
}
