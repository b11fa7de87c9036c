using Affinity.Core.Data;

namespace Affinity.Core.Tests.Cleaning;

/// <summary>Reads a dataset back as external-id rows, so expectations read like the input.</summary>
internal static class Rows
{
    public static string[] Of(Dataset data)
    {
        var rows = new string[data.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = $"{data.Users[data.UserIndexes[i]]} {data.Items[data.ItemIndexes[i]]} {data.Values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (data.HasTimestamps)
            {
                row += $" t{data.Timestamps[i]}";
            }

            if (data.HasEventTypes)
            {
                row += $" {data.EventTypeNames[data.EventTypes[i]]}";
            }

            rows[i] = row;
        }

        return rows;
    }

    /// <summary>Checks that a cleaned dataset still shares the id maps and attributes of its source.</summary>
    public static void AssertSharesMaps(Dataset source, Dataset cleaned)
    {
        Assert.Same(source.Users, cleaned.Users);
        Assert.Same(source.Items, cleaned.Items);
        Assert.Same(source.UserAttributes, cleaned.UserAttributes);
        Assert.Same(source.ItemAttributes, cleaned.ItemAttributes);
    }
}
