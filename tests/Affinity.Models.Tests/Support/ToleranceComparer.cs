namespace Affinity.Models.Tests.Support;

/// <summary>Compares numbers within an absolute tolerance, for whole-array asserts.</summary>
public sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>, IEqualityComparer<float>
{
    /// <inheritdoc />
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    /// <inheritdoc />
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    /// <inheritdoc />
    public int GetHashCode(double obj) => 0;

    /// <inheritdoc />
    public int GetHashCode(float obj) => 0;
}
