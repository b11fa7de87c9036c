namespace Affinity.Core.Loading;

/// <summary>
/// The public datasets Affinity knows how to fetch, verify and load, with their official GroupLens
/// archives and pinned checksums.
/// </summary>
/// <remarks>
/// <para>Archive checksums (checked on every download): the three MovieLens SHA-256 values are the
/// ones TensorFlow Datasets publishes (<c>tensorflow_datasets/url_checksums/movielens.txt</c>) and
/// many projects pin; the hetrec2011-lastfm-2k value is the one OmniRec and other projects pin.</para>
/// <para>File checksums (checked when a local copy is imported) are those of the copies described
/// in the project's data SOURCES.md, each confirmed by identical Git blobs in independent
/// repositories. <c>ml-1m/folds/</c> is not in the GroupLens archive: it is the published five-fold
/// split of <c>ratings.dat</c> (RecoHut-Datasets/movielens_1m), used where <c>ratings.dat</c> is not
/// at hand, and <c>ml-1m/ratings.dat</c> is pinned by its Git blob id only.</para>
/// </remarks>
public static class DatasetCatalog
{
    private const string MovieLensLicense = "Research use only; no redistribution and no commercial use without permission of GroupLens (see the README in the archive).";
    private const string MovieLensCitation = "F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context. ACM TiiS 5(4): 19.";

    /// <summary>Every known dataset.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } =
    [
        new(
            MovieLens100K.DatasetName,
            "MovieLens 100K: 100,000 ratings (1-5) from 943 users on 1,682 movies, with movie genres and user demographics (1998).",
            new Uri("https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
            "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229",
            "ml-100k",
            "ml-100k",
            [
                new("README", "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52"),
                new("u.data", "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490", Required: true),
                new("u.genre", "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb", Required: true),
                new("u.info", "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b"),
                new("u.item", "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701", Required: true),
                new("u.occupation", "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d"),
                new("u.user", "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c", Required: true),
                new("u1.base", "ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a"),
                new("u1.test", "18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950"),
                new("u2.base", "6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e"),
                new("u2.test", "4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3"),
                new("u3.base", "afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d"),
                new("u3.test", "0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d"),
                new("u4.base", "219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca"),
                new("u4.test", "7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9"),
                new("u5.base", "a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485"),
                new("u5.test", "351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634"),
                new("ua.base", "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2"),
                new("ua.test", "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42"),
                new("ub.base", "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881"),
                new("ub.test", "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da"),
            ],
            MovieLensLicense,
            MovieLensCitation),
        new(
            MovieLens1M.DatasetName,
            "MovieLens 1M: 1,000,209 ratings (1-5) from 6,040 users on 3,706 of 3,883 movies, with genres and user demographics (2003).",
            new Uri("https://files.grouplens.org/datasets/movielens/ml-1m.zip"),
            "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20",
            "ml-1m",
            "ml-1m",
            [
                new("README", "2d5ddce86ccbd247207456165827b4b9ddf27282bca93807d4c763e28414f133"),
                new("movies.dat", "0140fc2356357c1a851d0f52e893a1e4d3696df632c4141cea8d5bc3d621f0b9", Required: true),
                new("users.dat", "1dc3a95300cb19f7c10e027daf29b8cdf1d908dab65b5edfb45950aa389a10a3", Required: true),
                new("ratings.dat", null, GitBlobSha1: "77a7c4b150f588c23bb9e1f068aa996c0b413695"),
                new("folds/test_1m1.dat", "0ceed1eae31fa0f3dd8bea5209336b7b9456830ef26ae8f74a39f3b9b64a5268"),
                new("folds/test_1m2.dat", "92b945ad0ed8e8b0cefd8bced7f7e112147965d40385d75cb33182c0cfbd6dd5"),
                new("folds/test_1m3.dat", "bc0e086ea8eb19b6fe301dc5e10abb30549191827cc439cb8148dbff206d5da0"),
                new("folds/test_1m4.dat", "ac94bfcdaecb002b545b9815e2360ad5bb4d3d1a2ef608e7b7e05ceb043a0113"),
                new("folds/test_1m5.dat", "619d54e035569f3ba67b4b9b8e580cef3d773ad2b6d99eecc2483e631334a55d"),
            ],
            MovieLensLicense,
            MovieLensCitation),
        new(
            MovieLensLatestSmall.DatasetName,
            "MovieLens latest-small (2018-09-26): 100,836 half-star ratings and 3,683 tag applications from 610 users on 9,742 movies.",
            new Uri("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"),
            "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436",
            "ml-latest-small",
            "ml-latest-small",
            [
                new("README.txt", "63d22ac138e80fae37021797ed8e1b9424b5239dc576a137422adf783ae3f404"),
                new("links.csv", "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31"),
                new("movies.csv", "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07", Required: true),
                new("ratings.csv", "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646", Required: true),
                new("tags.csv", "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d", Required: true),
            ],
            "Research use; redistribution only under the same terms; no commercial use without permission of GroupLens (see README.txt).",
            MovieLensCitation),
        new(
            LastFm.DatasetName,
            "HetRec 2011 Last.fm: play counts of 1,892 users on 17,632 artists (92,834 pairs), with 186,479 tag applications and a friend network.",
            new Uri("https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip"),
            "6738f48195667ff03caaab4d32ca9a3133d8cc026b7c3cdaf6ce1010e913c59c",
            string.Empty,
            "hetrec2011-lastfm-2k",
            [
                new("readme.txt", "6fe5d1e6f67b025fc50cd70883dd1a1ff16c5ff37b5b7abfb33644b83468b209"),
                new("artists.dat", "c173881362c6b28551368fecb3c0be5a6a30a6cd859e1f5775413dfe46d48648", Required: true),
                new("tags.dat", "e95175f259be4c0c47644ae23d66131cd6d5767142a1405000e79f5584691d70", Required: true),
                new("user_artists.dat", "001400dc3c7d2667fca6e4ea6dc6acc31a9dd28ad5cd0f74cea988c019934d3b", Required: true),
                new("user_friends.dat", "9a3a8f7fa5f5ec832335e5b58ed69a4cf27c6f6f6afcde62134810eea46445a7"),
                new("user_taggedartists.dat", "d31fe938fcfeed6f0059f37a36b156f63674d073fc2553e5cc9dc1595e365bc7", Required: true),
            ],
            "Non-commercial use only; for commercial use contact Last.fm (see readme.txt).",
            "Iván Cantador, Peter Brusilovsky and Tsvi Kuflik. 2011. 2nd Workshop on Information Heterogeneity and Fusion in Recommender Systems (HetRec 2011). RecSys 2011."),
    ];

    /// <summary>The dataset of that name.</summary>
    /// <exception cref="ArgumentException">No dataset has that name; the message lists the known ones.</exception>
    public static DatasetInfo Get(string name)
        => TryGet(name, out var dataset)
            ? dataset
            : throw new ArgumentException($"Unknown dataset '{name}'. Known datasets: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));

    /// <summary>Finds a dataset by name (ordinal, case-insensitive).</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatasetInfo? dataset)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                dataset = candidate;
                return true;
            }
        }

        dataset = null;
        return false;
    }

    /// <summary>
    /// Where fetched datasets are kept unless the caller says otherwise: <c>$AFFINITY_HOME/datasets</c>
    /// when the AFFINITY_HOME environment variable is set, else <c>~/.affinity/datasets</c>
    /// (AFFINITY_HOME stands in for <c>~/.affinity</c>).
    /// </summary>
    public static string DefaultCacheFolder()
        => DefaultCacheFolder(Environment.GetEnvironmentVariable("AFFINITY_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string DefaultCacheFolder(string? affinityHome, string userHome)
        => string.IsNullOrWhiteSpace(affinityHome)
            ? Path.Combine(userHome, ".affinity", "datasets")
            : Path.Combine(Path.GetFullPath(affinityHome), "datasets");
}
