using Affinity.Core.Demo;
using Affinity.Evaluation.Protocols;
using Affinity.Evaluation.Running;
using Affinity.Models.Baselines;

namespace Affinity.Evaluation.Tests.Running;

public sealed class PredictionWriterTests
{
    [Fact]
    public void Save_predictions_writes_train_test_predictions_and_top_lists_with_external_ids()
    {
        var data = DemoDataset.Generate(users: 50, items: 40, ratingsPerUser: 10);
        var folder = Directory.CreateTempSubdirectory("affinity-preds-").FullName;
        try
        {
            var options = new EvaluationOptions { SavePredictionsFolder = folder, TopK = 5 };
            EvaluationRunner.Run(ProtocolCatalog.MicrosoftStratified, new ProtocolInput(data), [new ModelUnderTest("popularity", () => new Popularity())], options);

            var split = Assert.Single(Directory.GetDirectories(folder));
            var train = File.ReadAllLines(Path.Combine(split, "train.tsv"));
            var test = File.ReadAllLines(Path.Combine(split, "test.tsv"));
            Assert.Equal(data.Count, train.Length + test.Length);
            Assert.All(train.Concat(test), line => Assert.Equal(3, line.Split('\t').Length));
            Assert.All(train, line => Assert.True(data.Users.Contains(line.Split('\t')[0])));

            var predictions = File.ReadAllLines(Path.Combine(split, "popularity.predictions.tsv"));
            Assert.Equal(test.Length, predictions.Length);
            var top = File.ReadAllLines(Path.Combine(split, "popularity.topk.tsv"));
            Assert.All(top, line =>
            {
                var parts = line.Split('\t');
                Assert.True(data.Users.Contains(parts[0]));
                var items = parts[1].Split(' ');
                Assert.Equal(5, items.Length);
                Assert.All(items, item => Assert.True(data.Items.Contains(item)));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
