namespace Affinity.Models;

/// <summary>
/// Checks for option values, called from the <c>init</c> accessors of options records so that an
/// invalid value fails where it is set (object initialiser, <c>with</c>, or JSON), naming the option.
/// </summary>
internal static class OptionGuard
{
    /// <summary>Returns <paramref name="value"/> when it is at least 1.</summary>
    public static int Positive(int value, string option)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, option);
        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is a finite number greater than zero.</summary>
    public static double Positive(double value, string option)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(option, value, $"The option '{option}' must be a finite number greater than zero.");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is a finite number of at least zero.</summary>
    public static double NonNegative(double value, string option)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(option, value, $"The option '{option}' must be a finite number of at least zero.");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is a named member of its enum.</summary>
    public static T Defined<T>(T value, string option)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(option, value, $"The option '{option}' must be one of {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }
}
