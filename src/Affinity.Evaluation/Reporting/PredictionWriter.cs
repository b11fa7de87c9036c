using System.Globalization;
using System.Text;
using Affinity.Core.Data;
using Affinity.Evaluation.Running;
using Affinity.Evaluation.Splitting;

namespace Affinity.Evaluation.Reporting;

/// <summary>
/// Writes what <c>--save-predictions DIR</c> promises, so anyone can recompute every metric with
/// another tool: per split a folder with <c>train.tsv</c>, <c>test.tsv</c> (and
/// <c>validation.tsv</c>) as <c>user item value</c>; per model <c>MODEL.predictions.tsv</c> as
/// <c>user item score</c>, one line per test pair, and <c>MODEL.topk.tsv</c> as
/// <c>user&lt;TAB&gt;item item ...</c>. All ids are the original external ids; numbers use the
/// invariant culture with round-trip precision.
/// </summary>
public sealed class PredictionWriter
{
    private readonly string _folder;

    /// <summary>Writes under <paramref name="folder"/>, creating it.</summary>
    public PredictionWriter(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Writes the train, test and validation parts of a split.</summary>
    public void WriteSplit(DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var folder = SplitFolder(split);
        WriteInteractions(Path.Combine(folder, "train.tsv"), split.Train);
        WriteInteractions(Path.Combine(folder, "test.tsv"), split.Test);
        if (split.Validation is not null)
        {
            WriteInteractions(Path.Combine(folder, "validation.tsv"), split.Validation);
        }
    }

    /// <summary>Writes one model's predictions and top-K lists for a split.</summary>
    public void WriteModel(DataSplit split, string model, IReadOnlyList<Prediction> predictions, IReadOnlyList<(int User, int[] Items)> topLists)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(topLists);
        var folder = SplitFolder(split);
        var users = split.Train.Users;
        var items = split.Train.Items;
        var name = SafeName(model);
        using (var writer = Create(Path.Combine(folder, $"{name}.predictions.tsv")))
        {
            foreach (var p in predictions)
            {
                writer.Write(users[p.User]);
                writer.Write('\t');
                writer.Write(items[p.Item]);
                writer.Write('\t');
                writer.Write(p.Score.ToString("R", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }

        if (topLists.Count == 0)
        {
            return;
        }

        using var top = Create(Path.Combine(folder, $"{name}.topk.tsv"));
        foreach (var (user, list) in topLists)
        {
            top.Write(users[user]);
            top.Write('\t');
            top.Write(string.Join(' ', list.Select(i => items[i])));
            top.Write('\n');
        }
    }

    private static void WriteInteractions(string path, Dataset data)
    {
        using var writer = Create(path);
        for (var i = 0; i < data.Count; i++)
        {
            writer.Write(data.Users[data.UserIndexes[i]]);
            writer.Write('\t');
            writer.Write(data.Items[data.ItemIndexes[i]]);
            writer.Write('\t');
            writer.Write(data.Values[i].ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private string SplitFolder(DataSplit split)
    {
        var folder = Path.Combine(_folder, SafeName(split.Name));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static StreamWriter Create(string path) => new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '_' : c).ToArray());
    }
}
