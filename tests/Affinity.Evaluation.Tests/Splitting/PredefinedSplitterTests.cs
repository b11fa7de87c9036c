using Affinity.Core.Data;
using Affinity.Evaluation.Splitting;
using Affinity.Testing;

namespace Affinity.Evaluation.Tests.Splitting;

public sealed class PredefinedSplitterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "affinity-split-" + Guid.NewGuid().ToString("N"));

    public PredefinedSplitterTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Fold_assignment_tests_each_fold_once()
    {
        var data = SplitFixtures.Varied();
        var folds = Enumerable.Range(0, 45).Select(p => p % 3).ToArray();

        var splits = PredefinedSplitter.FromFoldAssignment(folds).Split(data);

        Assert.Equal(["fold 1 of 3", "fold 2 of 3", "fold 3 of 3"], splits.Select(s => s.Name));
        for (var f = 0; f < 3; f++)
        {
            Assert.Equal(Enumerable.Range(0, 45).Where(p => p % 3 == f), SplitFixtures.Positions(splits[f].Test));
            Assert.Equal(30, splits[f].Train.Count);
        }

        SplitChecks.EnsurePartition(data, splits);
        SplitChecks.EnsureTestSetsPartition(data, splits);
    }

    [Fact]
    public void Fold_assignment_is_copied_and_validated()
    {
        var folds = Enumerable.Range(0, 45).Select(p => p % 2).ToArray();
        var splitter = PredefinedSplitter.FromFoldAssignment(folds, ["odd-out", "even-out"]);
        folds[0] = 1;

        var splits = splitter.Split(SplitFixtures.Varied());

        Assert.Equal(23, splits[0].Test.Count);
        Assert.Equal("odd-out", splits[0].Name);
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFoldAssignment([0, -1]));
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFoldAssignment([0, 2]));
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFoldAssignment([0, 1], ["only one"]));
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFoldAssignment([]));
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFoldAssignment([0, 1]).Split(SplitFixtures.Varied()));
    }

    [Fact]
    public void Files_map_external_pairs_to_the_dataset_interactions()
    {
        // TinyData.Ratings: u1: i1 i2 i3; u2: i1 i3 i4; u3: i2 i4 i5; u4: i1 i5 (positions 0..10).
        var data = TinyData.Ratings();
        var train = Write("train", "u1\ti1\t5\nu1 i2\n\nu1\t i3 extra fields\nu2\ti1\nu2\ti3\nu3\ti2\nu3\ti4\nu4\ti1\n");
        var test = Write("test", "  u2\ti4\nu3 i5\t1\r\nu4\ti5\n");

        var split = Assert.Single(PredefinedSplitter.FromFiles([("f1", train, test)]).Split(data));

        Assert.Equal("f1", split.Name);
        Assert.Equal(8, split.Train.Count);
        Assert.Equal([("u2", "i4"), ("u3", "i5"), ("u4", "i5")], Pairs(split.Test));
        // Values come from the dataset, not from the file: u2-i4 is 2, u3-i5 is 5, u4-i5 is 2.
        Assert.Equal([2f, 5f, 2f], split.Test.Values.ToArray());
        SplitChecks.EnsurePartition(data, split);
    }

    [Fact]
    public void A_pair_missing_from_the_dataset_names_file_and_line()
    {
        var train = Write("train", "u1\ti1\nu1\ti4\n");
        var test = Write("test", "u1\ti2\n");

        var error = Assert.Throws<DataFormatException>(() => PredefinedSplitter.FromFiles([("f", train, test)]).Split(TinyData.Ratings()));

        Assert.Equal(train, error.Source);
        Assert.Equal(2, error.Line);
        Assert.Contains("'u1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'i4'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("u9\ti1\n", "user", 1)]
    [InlineData("u1\ti1\nu1\ti9\n", "item", 2)]
    [InlineData("u1\n", null, 1)]
    public void Unknown_ids_and_short_lines_name_the_field(string trainText, string? field, int line)
    {
        var train = Write("train", trainText);
        var test = Write("test", string.Empty);

        var error = Assert.Throws<DataFormatException>(() => PredefinedSplitter.FromFiles([("f", train, test)]).Split(TinyData.Ratings()));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_pair_listed_twice_or_left_out_is_an_error()
    {
        var all = "u1 i1\nu1 i2\nu1 i3\nu2 i1\nu2 i3\nu2 i4\nu3 i2\nu3 i4\nu3 i5\nu4 i1\n";
        var train = Write("train", all);
        var twice = Write("twice", "u4 i5\nu1 i2\n");
        var once = Write("once", "u4 i5\n");
        var short_ = Write("short", "u1 i1\n");

        var listedTwice = Assert.Throws<DataFormatException>(() => PredefinedSplitter.FromFiles([("f", train, twice)]).Split(TinyData.Ratings()));
        var leftOut = Assert.Throws<DataFormatException>(() => PredefinedSplitter.FromFiles([("f", short_, once)]).Split(TinyData.Ratings()));

        Assert.Equal((twice, 2L), (listedTwice.Source, listedTwice.Line));
        Assert.Contains("other file", listedTwice.Message, StringComparison.Ordinal);
        Assert.Equal(0, leftOut.Line);
        Assert.Contains("2 of the 11", leftOut.Message, StringComparison.Ordinal);
        Assert.Single(PredefinedSplitter.FromFiles([("f", train, once)]).Split(TinyData.Ratings()));
    }

    [Fact]
    public void Files_need_a_dataset_without_repeated_pairs_and_existing_files()
    {
        var b = new DatasetBuilder("repeats", FeedbackKind.Implicit);
        b.Add("u1", "i1", 1);
        b.Add("u1", "i1", 1);
        var file = Write("f", "u1 i1\n");

        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFiles([("f", file, file)]).Split(b.Build()));
        Assert.Throws<FileNotFoundException>(() => PredefinedSplitter.FromFiles([("f", file, Path.Combine(_folder, "absent"))]));
        Assert.Throws<ArgumentException>(() => PredefinedSplitter.FromFiles([]));
        Assert.Equal("predefined folds from files: a, b", PredefinedSplitter.FromFiles([("a", file, file), ("b", file, file)]).Description);
    }

    private static (string User, string Item)[] Pairs(Dataset part)
        => [.. Enumerable.Range(0, part.Count).Select(i => (part.Users[part.UserIndexes[i]], part.Items[part.ItemIndexes[i]]))];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
