using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Affinity.Core.Data;

namespace Affinity.Evaluation.Running;

/// <summary>
/// Enough to repeat a run: the protocol, the dataset and a checksum of its content, the seeds, every
/// model's options and the versions of everything involved.
/// </summary>
public sealed record RunManifest
{
    /// <summary>The protocol name.</summary>
    public required string Protocol { get; init; }

    /// <summary>The protocol's description.</summary>
    public required string ProtocolDescription { get; init; }

    /// <summary>The dataset name.</summary>
    public required string Dataset { get; init; }

    /// <summary>SHA-256 over the prepared interactions (external ids, values, timestamps), independent of file layout.</summary>
    public required string DatasetChecksum { get; init; }

    /// <summary>Interactions, users and items after preparation.</summary>
    public required string DatasetShape { get; init; }

    /// <summary>The splits, by name, with their train/test sizes.</summary>
    public required IReadOnlyList<string> Splits { get; init; }

    /// <summary>The seed given to the models.</summary>
    public required int Seed { get; init; }

    /// <summary>The protocol's own seed (splits, sampled negatives).</summary>
    public required int ProtocolSeed { get; init; }

    /// <summary>Model name to options JSON.</summary>
    public required IReadOnlyDictionary<string, string> Models { get; init; }

    /// <summary>Affinity's version.</summary>
    public string AffinityVersion { get; init; } = typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The .NET runtime.</summary>
    public string Runtime { get; init; } = RuntimeInformation.FrameworkDescription;

    /// <summary>The operating system and architecture.</summary>
    public string Platform { get; init; } = $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}";

    /// <summary>Logical processors available.</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>When the run started (UTC, ISO 8601).</summary>
    public string StartedAt { get; init; } = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of a dataset's content: every interaction as external user, item, value and timestamp in order.</summary>
    public static string Checksum(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        for (var i = 0; i < data.Count; i++)
        {
            line.Clear()
                .Append(data.Users[data.UserIndexes[i]]).Append('\t')
                .Append(data.Items[data.ItemIndexes[i]]).Append('\t')
                .Append(data.Values[i].ToString("R", CultureInfo.InvariantCulture));
            if (data.HasTimestamps)
            {
                line.Append('\t').Append(data.Timestamps[i].ToString(CultureInfo.InvariantCulture));
            }

            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
